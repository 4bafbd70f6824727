package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.RowBlockEvaluator;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Builds a table's auxiliary (LogUp) columns on the trace domain: per interaction group (see {@link
 * TableDef#auxGroups}) the sum of its members' terms ±m/(α − h) of every row, then the running sum
 * of all of them, whose last value is the table's claimed sum.
 */
final class LogUpBuilder {
  private static final int BLOCK = 4096;

  /** Aux columns as (c0, c1) pairs and the claimed sum per bus of the table. */
  record AuxTrace(long[][] columns, Ext[] claimedSums) {}

  private LogUpBuilder() {}

  static AuxTrace build(TableDef def, long[][] main, long[][] pre, Ext[] challenges, long[] publics,
      ForkJoinPool pool) {
    int n = main.length > 0 ? main[0].length : pre[0].length;
    List<Interaction> its = def.interactions();
    List<int[]> groups = def.auxGroups();
    long[][] cols = new long[2 * def.auxWidth()][n];
    RowBlockEvaluator ev = new RowBlockEvaluator(main, pre, new long[0][], n, 1, challenges, publics,
        new Ext[0]);
    Ext alpha = challenges[0];
    int blocks = (n + BLOCK - 1) / BLOCK;
    try {
      pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
        int from = b * BLOCK;
        int len = Math.min(BLOCK, n - from);
        for (int g = 0; g < groups.size(); g++) {
          for (int k : groups.get(g)) {
            terms(ev, its.get(k), alpha, from, len, cols[2 * g], cols[2 * g + 1]);
          }
        }
      })).join();
    } catch (RuntimeException e) {
      if (e.getCause() instanceof ArithmeticException || e instanceof ArithmeticException) {
        throw new ProvingException("LogUp denominator vanished in table " + def.name());
      }
      throw e;
    }
    int acc = groups.size();
    long[] out0 = cols[2 * acc];
    long[] out1 = cols[2 * acc + 1];
    long s0 = 0;
    long s1 = 0;
    for (int r = 0; r < n; r++) {
      for (int g = 0; g < groups.size(); g++) {
        s0 = Goldilocks.add(s0, cols[2 * g][r]);
        s1 = Goldilocks.add(s1, cols[2 * g + 1][r]);
      }
      out0[r] = s0;
      out1[r] = s1;
    }
    Ext[] claimed = {new Ext(s0, s1)};
    return new AuxTrace(cols, claimed);
  }

  static void terms(RowBlockEvaluator ev, Interaction it, Ext alpha, int from, int len,
      long[] out0, long[] out1) {
    RowBlockEvaluator.Block h = ev.eval(it.fingerprint(), from, len);
    RowBlockEvaluator.Block m = ev.eval(it.multiplicity(), from, len);
    long[] d0 = new long[len];
    long[] d1 = new long[len];
    for (int r = 0; r < len; r++) {
      d0[r] = Goldilocks.sub(alpha.c0(), h.c0()[r]);
      d1[r] = Goldilocks.sub(alpha.c1(), h.c1() == null ? 0 : h.c1()[r]);
    }
    long[] i0 = new long[len];
    long[] i1 = new long[len];
    Ext2.batchInverse(d0, d1, i0, i1, 0, len);
    for (int r = 0; r < len; r++) {
      long m0 = it.send() ? m.c0()[r] : Goldilocks.neg(m.c0()[r]);
      long m1 = m.c1() == null ? 0 : (it.send() ? m.c1()[r] : Goldilocks.neg(m.c1()[r]));
      out0[from + r] = Goldilocks.add(out0[from + r], Ext2.mul0(m0, m1, i0[r], i1[r]));
      out1[from + r] = Goldilocks.add(out1[from + r], Ext2.mul1(m0, m1, i0[r], i1[r]));
    }
  }
}
