package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.tables.RunState;
import io.entangled.zkvm.prover.tables.TraceBuilder;
import io.entangled.zkvm.stark.LogUpDiagnostics;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.trace.Segment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test support: which buses of a MIPS proof do not balance, over every piece's traces (rebuilt as
 * the prover built them, with the same dishonesty) and the verifier's own terms, under fixed
 * challenges. A rejected proof only says "the LogUp buses do not balance"; tests that must show
 * which argument caught a forgery ask here.
 */
final class MipsBusDiagnostics {
  private MipsBusDiagnostics() {}

  static List<Integer> unbalanced(LoadedProgram program, List<Segment> segments,
      MipsProver.Dishonesty dishonesty, MipsProof proof) {
    MipsAir air = MipsAir.of(program);
    InitialState init = InitialState.of(program);
    RunState st = init.runState(program);
    st.planClearing(segments, dishonesty.unlisted());
    Map<Integer, Ext> total = new TreeMap<>();
    for (Segment s : segments) {
      TraceBuilder.SegmentTraces t = TraceBuilder.build(air, s, st);
      LogUpDiagnostics.busSums(air.segment(), t.traces(), t.publicValues())
          .forEach((bus, sum) -> total.merge(bus, sum, Ext::add));
    }
    List<long[][]> fin = TraceBuilder.finalTraces(st);
    dishonesty.finalTraces().accept(fin);
    LogUpDiagnostics.busSums(air.finale(), fin, new long[0])
        .forEach((bus, sum) -> total.merge(bus, sum, Ext::add));
    MipsVerifier.verifierSums(LogUpDiagnostics.CHALLENGES, init, proof,
        KernelTerms.replay(program, proof), fin.get(0)[0].length)
        .forEach((bus, sum) -> total.merge(bus, sum, Ext::add));
    return total.entrySet().stream().filter(e -> !e.getValue().isZero())
        .map(Map.Entry::getKey).toList();
  }
}
