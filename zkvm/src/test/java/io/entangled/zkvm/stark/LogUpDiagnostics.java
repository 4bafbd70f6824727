package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.RowBlockEvaluator;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.backend.LogUpKernel;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test support: which buses of a set of traces do not balance. A proof carries one LogUp sum per
 * table over all buses, so a rejection no longer names the bus; tests that must know which
 * argument caught a forgery (a range check, the ALU bus) recompute the per-bus sums from the traces
 * under fixed random challenges (an unbalanced bus sums to nonzero except with negligible chance).
 */
public final class LogUpDiagnostics {
  private LogUpDiagnostics() {}

  /** The fixed challenges the diagnostics use. */
  public static final BusChallenges CHALLENGES = new BusChallenges(
      new Ext(0x1234_5678_9abc_def1L, 0x0fed_cba9_8765_4321L),
      new Ext(0x5555_3333_1111_7777L, 0x2468_ace0_1357_9bdfL));

  /** The buses whose sums over all tables are nonzero, in increasing order. */
  public static List<Integer> unbalancedBuses(Air air, List<long[][]> traces, long[] publicValues) {
    return busSums(air, traces, publicValues).entrySet().stream()
        .filter(e -> !e.getValue().isZero()).map(Map.Entry::getKey).toList();
  }

  /** Every bus's sum over the tables of one piece under {@link #CHALLENGES}. */
  public static Map<Integer, Ext> busSums(Air air, List<long[][]> traces, long[] publicValues) {
    Ext alpha = CHALLENGES.alpha();
    Ext[] challenges = {alpha, CHALLENGES.beta()};
    Map<Integer, Ext> sums = new TreeMap<>();
    for (int t = 0; t < air.tables().size(); t++) {
      TableDef def = air.tables().get(t);
      long[][] main = traces.get(t);
      long[][] pre = def.preprocessed();
      int n = main.length > 0 ? main[0].length : pre[0].length;
      RowBlockEvaluator ev = new RowBlockEvaluator(main, pre, new long[0][], n, 1, challenges,
          publicValues, new Ext[0]);
      for (Interaction it : def.interactions()) {
        long[] out0 = new long[n];
        long[] out1 = new long[n];
        LogUpKernel.terms(ev, it, alpha, 0, n, out0, out1);
        long s0 = 0;
        long s1 = 0;
        for (int r = 0; r < n; r++) {
          s0 = Goldilocks.add(s0, out0[r]);
          s1 = Goldilocks.add(s1, out1[r]);
        }
        sums.merge(it.bus(), new Ext(s0, s1), Ext::add);
      }
    }
    return sums;
  }
}
