package io.entangled.zkvm.prover.tables;

import io.entangled.zkvm.prover.KernelTranscript;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.SyscallEffect;
import io.entangled.zkvm.vm.KernelReplay;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * What trace building carries from one segment to the next: every register cell's and memory
 * word's last value and timestamp (64 cells per thread), which words are nonzero in the initial
 * image, the public output so far, the exit code, the kernel replay and its transcript so far, and
 * whether the next step follows a SYSCALL.
 */
public final class RunState {
  long[] cellValue = new long[MipsAir.CELLS];
  long[] cellTs = new long[MipsAir.CELLS];
  final KernelReplay replay;
  final List<KernelTranscript.Call> transcript = new ArrayList<>();
  boolean entryPending;
  /** Word address (unsigned order) → {value, ts, image flag}. */
  final TreeMap<Integer, long[]> memory = new TreeMap<>(Integer::compareUnsigned);
  final ByteArrayOutputStream publicOut = new ByteArrayOutputStream();
  long exitCode = -1;
  long cycles;
  /**
   * When the run clears memory the guest could have written: every word the final memory table
   * will hold (unsigned, ascending), which each clearing call lists within its regions; else null.
   */
  long[] clearable;
  /** Region boundary (byte address below 2^32) → regions starting there minus those ending there. */
  final TreeMap<Long, Long> boundaries = new TreeMap<>();

  /** The state before the first step: the initial registers and the initial memory image. */
  public RunState(int[] registers, int hi, int lo, Map<Integer, Integer> nonZeroImage,
      KernelReplay replay) {
    this.replay = replay;
    for (int r = 0; r < 32; r++) {
      cellValue[r] = Integer.toUnsignedLong(registers[r]);
    }
    cellValue[32] = Integer.toUnsignedLong(hi);
    cellValue[33] = Integer.toUnsignedLong(lo);
    nonZeroImage.forEach((a, v) -> memory.put(a, new long[] {Integer.toUnsignedLong(v), 0, 1}));
  }

  /**
   * Before trace building: if any call of the run clears memory the guest could have written, finds
   * every word the final memory table will hold — the nonzero initial words, every word a segment
   * touches, every region boundary — so that each clearing call can list all of them that lie in
   * its regions (see MipsAir's final memory table). {@code omit} leaves words out of that list (a
   * test's dishonest prover; production passes a predicate that is always false).
   */
  public void planClearing(List<Segment> segments, IntPredicate omit) {
    long[] words = new long[1024];
    int n = 0;
    for (Segment seg : segments) {
      for (SyscallEffect e : seg.syscalls()) {
        for (long bound : e.cleared()) {
          if (bound < 1L << 32) {
            words = grow(words, n);
            words[n++] = bound;
          }
        }
      }
    }
    if (n == 0) {
      return;
    }
    for (int a : memory.keySet()) {
      words = grow(words, n);
      words[n++] = Integer.toUnsignedLong(a);
    }
    for (Segment seg : segments) {
      for (Segment.TouchedWord w : seg.memory()) {
        words = grow(words, n);
        words[n++] = Integer.toUnsignedLong(w.address());
      }
    }
    Arrays.sort(words, 0, n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if ((m == 0 || words[i] != words[m - 1]) && !omit.test((int) words[i])) {
        words[m++] = words[i];
      }
    }
    clearable = Arrays.copyOf(words, m);
  }

  private static long[] grow(long[] a, int used) {
    return used < a.length ? a : Arrays.copyOf(a, 2 * a.length);
  }

  /** The words of {@link #clearable} in [start, end), ascending. */
  long[] clearableIn(long start, long end) {
    if (clearable == null) {
      return new long[0];
    }
    int from = Arrays.binarySearch(clearable, start);
    int to = Arrays.binarySearch(clearable, end);
    from = from < 0 ? -from - 1 : from;
    to = to < 0 ? -to - 1 : to;
    return Arrays.copyOfRange(clearable, from, to);
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

  /** Makes room for the cells of threads 0 .. threads − 1. */
  void ensureThreads(int threads) {
    int need = threads * MipsAir.CELLS;
    if (need > cellValue.length) {
      int size = Math.max(need, 2 * cellValue.length);
      cellValue = Arrays.copyOf(cellValue, size);
      cellTs = Arrays.copyOf(cellTs, size);
    }
  }

  /** Cells the final registers table lists: 64 per thread, a power of two in all. */
  int finalCells() {
    return Integer.highestOneBit(Math.max(1, replay.threadCount())) == replay.threadCount()
        ? replay.threadCount() * MipsAir.CELLS
        : Integer.highestOneBit(replay.threadCount()) * 2 * MipsAir.CELLS;
  }

  /** The kernel transcript of the run so far. */
  public KernelTranscript transcript() {
    return new KernelTranscript(transcript);
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
