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
    long[] g0 = new long[gz.length];
    long[] g1 = new long[gz.length];
    for (int j = 0; j < gz.length; j++) {
      g0[j] = gz[j].c0();
      g1[j] = gz[j].c1();
    }
    int prefix = gn.length;
    for (int r = 0; r < len; r++) {
      int i = from + r;
      long t0 = Goldilocks.neg(constN.c0());
      long t1 = Goldilocks.neg(constN.c1());
      // Σ γ_j·f_j as unreduced 192-bit sums (top, hi, lo) per component, reduced once: the prefix
      // (the columns also opened at zω) first, then the rest on top of it
      long lo0 = 0;
      long hi0 = 0;
      long top0 = 0;
      long lo1 = 0;
      long hi1 = 0;
      long top1 = 0;
      for (int j = 0; j < prefix; j++) {
        long f = cols[j][i];
        long pl = g0[j] * f;
        long ph = Math.unsignedMultiplyHigh(g0[j], f);
        long nl = lo0 + pl;
        ph += Long.compareUnsigned(nl, pl) < 0 ? 1 : 0;
        lo0 = nl;
        long nh = hi0 + ph;
        top0 += Long.compareUnsigned(nh, ph) < 0 ? 1 : 0;
        hi0 = nh;
        pl = g1[j] * f;
        ph = Math.unsignedMultiplyHigh(g1[j], f);
        nl = lo1 + pl;
        ph += Long.compareUnsigned(nl, pl) < 0 ? 1 : 0;
        lo1 = nl;
        nh = hi1 + ph;
        top1 += Long.compareUnsigned(nh, ph) < 0 ? 1 : 0;
        hi1 = nh;
      }
      long p0 = fold(top0, hi0, lo0);
      long p1 = fold(top1, hi1, lo1);
      for (int j = prefix; j < gz.length; j++) {
        long f = cols[j][i];
        long pl = g0[j] * f;
        long ph = Math.unsignedMultiplyHigh(g0[j], f);
        long nl = lo0 + pl;
        ph += Long.compareUnsigned(nl, pl) < 0 ? 1 : 0;
        lo0 = nl;
        long nh = hi0 + ph;
        top0 += Long.compareUnsigned(nh, ph) < 0 ? 1 : 0;
        hi0 = nh;
        pl = g1[j] * f;
        ph = Math.unsignedMultiplyHigh(g1[j], f);
        nl = lo1 + pl;
        ph += Long.compareUnsigned(nl, pl) < 0 ? 1 : 0;
        lo1 = nl;
        nh = hi1 + ph;
        top1 += Long.compareUnsigned(nh, ph) < 0 ? 1 : 0;
        hi1 = nh;
      }
      long s0 = Goldilocks.sub(fold(top0, hi0, lo0), constZ.c0());
      long s1 = Goldilocks.sub(fold(top1, hi1, lo1), constZ.c1());
      t0 = Goldilocks.add(t0, Ext2.mul0(shift.c0(), shift.c1(), p0, p1));
      t1 = Goldilocks.add(t1, Ext2.mul1(shift.c0(), shift.c1(), p0, p1));
      out0[i] = Goldilocks.add(Ext2.mul0(s0, s1, ia0[r], ia1[r]), Ext2.mul0(t0, t1, ib0[r], ib1[r]));
      out1[i] = Goldilocks.add(Ext2.mul1(s0, s1, ia0[r], ia1[r]), Ext2.mul1(t0, t1, ib0[r], ib1[r]));
    }
  }

  /** 2^128 mod p = −2^32. */
  private static final long TWO_128 = Goldilocks.P - (1L << 32);

  /** top·2^128 + hi·2^64 + lo, reduced. */
  static long fold(long top, long hi, long lo) {
    return Goldilocks.add(Goldilocks.reduce128(hi, lo), Goldilocks.mul(top, TWO_128));
  }
}
