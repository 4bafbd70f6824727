package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;

/**
 * DEEP quotient of one table on its LDE rows: Σ_j γ_j (f_j(y) − f_j(z))/(y − z) + Σ_j γ'_j (f_j(y)
 * − f_j(zω))/(y − zω), the second sum over the non-quotient columns. The weights are consecutive
 * powers of one challenge, so γ'_j = γ_j·γ^J (J = number of columns opened at z): the second
 * combination is γ^J times a prefix of the first and costs no pass over the columns of its own.
 */
public final class DeepKernel {
  private DeepKernel() {}

  /** DEEP quotient values of LDE rows [from, to) into out0/out1 (see the class comment). */
  public static void rows(long[][] cols, Ext[] gz, Ext[] gn, Ext constZ, Ext constN, Ext z, Ext zNext,
      int logM, int from, int to, long[] out0, long[] out1) {
    Ext shift = gn.length == 0 ? Ext.ZERO : gn[0].div(gz[0]);
    for (int j = 0; j < gn.length; j++) {
      if (!gn[j].equals(gz[j].mul(shift))) {
        throw new IllegalArgumentException("DEEP weights at zω must be γ^J times those at z");
      }
    }
    int len = to - from;
    long[] y = new long[len];
    long w = Goldilocks.rootOfUnity(logM);
    long x = Goldilocks.mul(Goldilocks.cosetShift(logM), Goldilocks.pow(w, from));
    long[] a0 = new long[len];
    long[] a1 = new long[len];
    long[] b0 = new long[len];
    long[] b1 = new long[len];
    for (int r = 0; r < len; r++) {
      y[r] = x;
      a0[r] = Goldilocks.sub(x, z.c0());
      a1[r] = Goldilocks.neg(z.c1());
      b0[r] = Goldilocks.sub(x, zNext.c0());
      b1[r] = Goldilocks.neg(zNext.c1());
      x = Goldilocks.mul(x, w);
    }
    long[] ia0 = new long[len];
    long[] ia1 = new long[len];
    long[] ib0 = new long[len];
    long[] ib1 = new long[len];
    Ext2.batchInverse(a0, a1, ia0, ia1, 0, len);
    Ext2.batchInverse(b0, b1, ib0, ib1, 0, len);
    for (int r = 0; r < len; r++) {
      int i = from + r;
      long s0 = Goldilocks.neg(constZ.c0());
      long s1 = Goldilocks.neg(constZ.c1());
      long t0 = Goldilocks.neg(constN.c0());
      long t1 = Goldilocks.neg(constN.c1());
      long p0 = 0;
      long p1 = 0;
      int prefix = gn.length;
      for (int j = 0; j < prefix; j++) {
        long f = cols[j][i];
        p0 = Goldilocks.add(p0, Goldilocks.mul(gz[j].c0(), f));
        p1 = Goldilocks.add(p1, Goldilocks.mul(gz[j].c1(), f));
      }
      s0 = Goldilocks.add(s0, p0);
      s1 = Goldilocks.add(s1, p1);
      for (int j = prefix; j < gz.length; j++) {
        long f = cols[j][i];
        s0 = Goldilocks.add(s0, Goldilocks.mul(gz[j].c0(), f));
        s1 = Goldilocks.add(s1, Goldilocks.mul(gz[j].c1(), f));
      }
      t0 = Goldilocks.add(t0, Ext2.mul0(shift.c0(), shift.c1(), p0, p1));
      t1 = Goldilocks.add(t1, Ext2.mul1(shift.c0(), shift.c1(), p0, p1));
      out0[i] = Goldilocks.add(Ext2.mul0(s0, s1, ia0[r], ia1[r]), Ext2.mul0(t0, t1, ib0[r], ib1[r]));
      out1[i] = Goldilocks.add(Ext2.mul1(s0, s1, ia0[r], ia1[r]), Ext2.mul1(t0, t1, ib0[r], ib1[r]));
    }
  }
}
