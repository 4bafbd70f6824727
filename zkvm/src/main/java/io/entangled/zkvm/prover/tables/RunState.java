package io.entangled.zkvm.prover.tables;

import io.entangled.zkvm.prover.air.MipsAir;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * What trace building carries from one segment to the next: every register cell's and memory
 * word's last value and timestamp, which words are nonzero in the initial image, the public output
 * so far and the exit code.
 */
public final class RunState {
  final long[] cellValue = new long[MipsAir.CELLS];
  final long[] cellTs = new long[MipsAir.CELLS];
  /** Word address (unsigned order) → {value, ts, image flag}. */
  final TreeMap<Integer, long[]> memory = new TreeMap<>(Integer::compareUnsigned);
  final ByteArrayOutputStream publicOut = new ByteArrayOutputStream();
  long exitCode = -1;
  long cycles;

  /** The state before the first step: the initial registers and the initial memory image. */
  public RunState(int[] registers, int hi, int lo, Map<Integer, Integer> nonZeroImage) {
    for (int r = 0; r < 32; r++) {
      cellValue[r] = Integer.toUnsignedLong(registers[r]);
    }
    cellValue[32] = Integer.toUnsignedLong(hi);
    cellValue[33] = Integer.toUnsignedLong(lo);
    nonZeroImage.forEach((a, v) -> memory.put(a, new long[] {Integer.toUnsignedLong(v), 0, 1}));
  }

  long word(int addr) {
    long[] w = memory.get(addr);
    return w == null ? 0 : w[0];
  }

  /** Records an access: returns the gap ts − last − 1 and stores the new value and time. */
  long touch(int addr, long value, long ts) {
    long[] w = memory.computeIfAbsent(addr, a -> new long[] {0, 0, 0});
    long gap = ts - w[1] - 1;
    w[0] = value;
    w[1] = ts;
    return gap;
  }

  long touchCell(int cell, long value, long ts) {
    long gap = ts - cellTs[cell] - 1;
    cellValue[cell] = value;
    cellTs[cell] = ts;
    return gap;
  }

  public byte[] publicValues() {
    return publicOut.toByteArray();
  }

  /** The exit code, or -1 before exit_group. */
  public long exitCode() {
    return exitCode;
  }

  public long cycles() {
    return cycles;
  }
}
