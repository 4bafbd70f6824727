package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.tables.RunState;
import io.entangled.zkvm.stark.BusChallenges;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.trace.ThreadState;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.KernelReplay;
import io.entangled.zkvm.vm.MipsMachine;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine state at the entry, as the executor sets it up from the ELF alone (registers, the
 * loaded image and the initial stack): prover and verifier both compute it, and the verifier adds
 * its Init tuples to the register and memory buses itself.
 */
public record InitialState(int entry, int[] registers, int hi, int lo, Map<Integer, Integer> image,
    long[] imageTuples) {

  private static final java.util.Map<String, InitialState> RECENT =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, InitialState> eldest) {
          return size() > 4;
        }
      });

  /** The initial state of a program, shared with recent callers for the same image. */
  public static InitialState of(LoadedProgram program) {
    return RECENT.computeIfAbsent(java.util.HexFormat.of().formatHex(program.imageId()),
        k -> compute(program));
  }

  private static InitialState compute(LoadedProgram program) {
    MipsMachine m = new MipsMachine(program,
        new GuestIo(new byte[0], OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
    ThreadState t = m.snapshot().current();
    Map<Integer, Integer> image = new LinkedHashMap<>();
    m.memory().forEachNonZeroWord(image::put);
    long[] tuples = new long[3 * image.size()];
    int k = 0;
    for (Map.Entry<Integer, Integer> e : image.entrySet()) {
      tuples[k] = Integer.toUnsignedLong(e.getKey());
      tuples[k + 1] = Integer.toUnsignedLong(e.getValue());
      k += 3;
    }
    return new InitialState(t.pc(), t.registers().clone(), t.hi(), t.lo(),
        java.util.Collections.unmodifiableMap(image), tuples);
  }

  /** The trace builder's state before the first step, with a kernel replay of the program. */
  public RunState runState(LoadedProgram program) {
    return new RunState(registers, hi, lo, image, new KernelReplay(program));
  }

  /**
   * Init of register cells 0 .. cells − 1 (64 per thread) at timestamp 0: thread 0's values at
   * the entry, 0 for every other thread's (a new thread's cells are written when it is created).
   */
  public Ext registerInit(BusChallenges bus, int cells) {
    List<Ext> dens = new ArrayList<>();
    for (int c = 0; c < cells; c++) {
      long v = c < 32 ? Integer.toUnsignedLong(registers[c]) : c == 32
          ? Integer.toUnsignedLong(hi) : c == 33 ? Integer.toUnsignedLong(lo) : 0;
      dens.add(bus.denominator(MipsAir.BUS_REG, c, v, 0));
    }
    return BusChallenges.sumOfInverses(dens);
  }

  /** Init of every nonzero word of the initial memory. */
  public Ext memoryInit(BusChallenges bus) {
    return bus.sumOfInverses(MipsAir.BUS_MEM, imageTuples, 3);
  }
}
