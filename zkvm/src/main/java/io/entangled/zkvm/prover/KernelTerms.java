package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.BusChallenges;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.vm.KernelReplay;
import io.entangled.zkvm.vm.KernelReplay.ReplayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verifier's side of the kernel: replays a proof's kernel transcript and lists the tuples it
 * exchanges with the segment pieces — the syscall tuples of kernel calls and the transcript tuples
 * of syscall-table calls it receives, the kernel table's accesses it receives, and the entry of
 * every step that follows a SYSCALL, which it sends; for calls that clear memory, each listed word
 * of a cleared region (received) and the regions' boundaries with their Δ (sent).
 */
final class KernelTerms {
  private final Map<Integer, List<long[]>> tuples = new HashMap<>();
  /** Whether the run ends in exit_group (a syscall-table row) rather than the last thread's exit. */
  private boolean exitInTable;

  private KernelTerms() {}

  /** Whether the run's end is an exit_group row, whose (ts, code) the verifier receives. */
  boolean exitInTable() {
    return exitInTable;
  }

  /** Replays the transcript; a {@link ReplayException} says why it is inconsistent. */
  static KernelTerms replay(LoadedProgram program, MipsProof proof) {
    KernelReplay replay = new KernelReplay(program);
    KernelTerms t = new KernelTerms();
    List<KernelTranscript.Call> calls = proof.transcript().calls();
    boolean exited = false;
    TreeMap<Long, Long> boundaries = new TreeMap<>();
    for (int k = 0; k < calls.size(); k++) {
      KernelTranscript.Call c = calls.get(k);
      if (c.cycle() < 0 || c.cycle() >= proof.cycles()) {
        throw new ReplayException("syscall " + k + " at cycle " + c.cycle() + " is outside the run"
            + " of " + proof.cycles() + " cycles");
      }
      KernelReplay.Outcome o = replay.replay(c.cycle(), c.npc(), c.cells(), c.wordAddrs(),
          c.wordBefore());
      long ts = 8 * (c.cycle() + 1);
      long slot = o.slot();
      long npc = u(c.npc());
      long number = u(c.cells()[0]);
      long a0 = u(c.cells()[1]);
      if (o.table()) {
        t.add(MipsAir.BUS_TRANSCRIPT, ts, slot, npc, number, a0);
      } else {
        t.add(MipsAir.BUS_SYSCALL, ts, slot, npc, number, a0, u(o.v0()), u(o.a3()));
        int[] layout = KernelReplay.suppliedCells(c.cells()[0], c.cells()[1]);
        for (int j = 0; j < layout.length; j++) {
          long cell = slot * MipsAir.CELLS + layout[j];
          t.add(MipsAir.BUS_KERNEL, ts + 2, 0, cell, u(c.cells()[j]), u(c.cells()[j]));
        }
        for (int j = 0; j < o.wordAddrs().length; j++) {
          t.add(MipsAir.BUS_KERNEL, ts + 2, 1, u(o.wordAddrs()[j]), u(o.wordBefore()[j]),
              u(o.wordAfter()[j]));
          if (o.inCleared(o.wordAddrs()[j])) {
            t.add(MipsAir.BUS_CLEARED, u(o.wordAddrs()[j]));
          }
        }
        o.addBoundaries(boundaries);
        for (KernelReplay.CellWrite w : o.cellWrites()) {
          t.add(MipsAir.BUS_KERNEL, ts + 5, 0, (long) w.slot() * MipsAir.CELLS + w.cell(),
              u(w.before()), u(w.after()));
        }
      }
      if (o.exited()) {
        if (k != calls.size() - 1 || c.cycle() != proof.cycles() - 1) {
          throw new ReplayException("the process exits at cycle " + c.cycle() + ", which is not"
              + " the run's last step");
        }
        exited = true;
        // exit_group's code reaches the verifier on the exit bus (the syscall table); the last
        // thread's exit is a kernel call, whose code the replay itself knows
        t.exitInTable = o.table();
        if (!o.table() && replay.exitCode() != proof.exitCode()) {
          throw new ReplayException("the last thread exits with code " + replay.exitCode()
              + ", the proof claims " + proof.exitCode());
        }
      } else {
        t.add(MipsAir.BUS_ENTRY, ts + 8, o.nextSlot(), u(o.nextPc()), u(o.nextPc() + 4));
      }
    }
    if (!exited) {
      throw new ReplayException("the transcript does not end the process (exit_group or the last"
          + " thread's exit)");
    }
    boundaries.forEach((b, delta) -> {
      if (delta != 0) {
        t.add(MipsAir.BUS_BOUNDARY, b, Goldilocks.fromSigned(delta));
      }
    });
    return t;
  }

  private void add(int bus, long... values) {
    tuples.computeIfAbsent(bus, b -> new ArrayList<>()).add(values);
  }

  /** Σ 1/(α − h(tuple)) over the tuples of one bus. */
  Ext sum(BusChallenges bus, int id) {
    List<Ext> dens = new ArrayList<>();
    for (long[] v : tuples.getOrDefault(id, List.of())) {
      dens.add(bus.denominator(id, v));
    }
    return BusChallenges.sumOfInverses(dens);
  }

  private static long u(int v) {
    return Integer.toUnsignedLong(v);
  }
}
