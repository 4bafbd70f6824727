package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.field.Simd;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * DEEP quotient of one table on its LDE rows: Σ_j γ_j (f_j(y) − f_j(z))/(y − z) + Σ_j γ'_j (f_j(y)
 * − f_j(zω))/(y − zω), the second sum over the non-quotient columns. The weights are consecutive
 * powers of one challenge, so γ'_j = γ_j·γ^J (J = number of columns opened at z): the second
 * combination is γ^J times a prefix of the first and costs no pass over the columns of its own.
 */
public final class DeepKernel {
  /** Rows per pass over the columns: the six accumulator arrays (24 KiB) stay in L1/L2. */
  private static final int BLOCK = 512;

  private DeepKernel() {}

  /**
   * The DEEP quotient of a table on its LDE of 2^logM rows, {c0, c1}, computed in row chunks on
   * pool (see {@link ProverBackend#deepQuotient} for the arguments).
   */
  public static long[][] quotient(long[][] columns, Ext[] weightsAtZ, Ext[] weightsAtNext,
      Ext constZ, Ext constNext, Ext z, Ext zNext, int logM, ForkJoinPool pool,
      ColumnPool columnPool) {
    int m = 1 << logM;
    long[] d0 = columnPool.take(m);
    long[] d1 = columnPool.take(m);
    int chunk = Math.max(1024, m / 64);
    pool.submit(() -> IntStream.range(0, (m + chunk - 1) / chunk).parallel()
        .forEach(c -> rows(columns, weightsAtZ, weightsAtNext, constZ, constNext, z, zNext, logM,
            c * chunk, Math.min(m, (c + 1) * chunk), d0, d1))).join();
    return new long[][] {d0, d1};
  }

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
    int block = Math.min(BLOCK, len);
    long[][] acc = new long[6][block];
    long[] p0 = new long[block];
    long[] p1 = new long[block];
    long n0 = Goldilocks.neg(constN.c0());
    long n1 = Goldilocks.neg(constN.c1());
    for (int start = 0; start < len; start += block) {
      int n = Math.min(block, len - start);
      int i = from + start;
      for (long[] words : acc) {
        Arrays.fill(words, 0, n, 0L);
      }
      // Σ γ_j·f_j as unreduced 192-bit sums per component, column by column: the prefix (the
      // columns also opened at zω) first, read off, then the rest on top of it
      accumulate(acc, cols, g0, g1, 0, prefix, i, n);
      for (int r = 0; r < n; r++) {
        p0[r] = Goldilocks.reduce192(acc[2][r], acc[1][r], acc[0][r]);
        p1[r] = Goldilocks.reduce192(acc[5][r], acc[4][r], acc[3][r]);
      }
      accumulate(acc, cols, g0, g1, prefix, gz.length, i, n);
      for (int r = 0; r < n; r++) {
        int k = start + r;
        long s0 = Goldilocks.sub(Goldilocks.reduce192(acc[2][r], acc[1][r], acc[0][r]), constZ.c0());
        long s1 = Goldilocks.sub(Goldilocks.reduce192(acc[5][r], acc[4][r], acc[3][r]), constZ.c1());
        long t0 = Goldilocks.add(n0, Ext2.mul0(shift.c0(), shift.c1(), p0[r], p1[r]));
        long t1 = Goldilocks.add(n1, Ext2.mul1(shift.c0(), shift.c1(), p0[r], p1[r]));
        out0[i + r] = Goldilocks.add(Ext2.mul0(s0, s1, ia0[k], ia1[k]), Ext2.mul0(t0, t1, ib0[k], ib1[k]));
        out1[i + r] = Goldilocks.add(Ext2.mul1(s0, s1, ia0[k], ia1[k]), Ext2.mul1(t0, t1, ib0[k], ib1[k]));
      }
    }
  }

  /** acc (lo, hi, top of component 0, then of 1) += Σ_{j in [from, to)} γ_j·cols[j][i .. i + n). */
  private static void accumulate(long[][] acc, long[][] cols, long[] g0, long[] g1, int from,
      int to, int i, int n) {
    for (int j = from; j < to; j++) {
      Simd.multiplyAccumulate(acc[0], acc[1], acc[2], 0, cols[j], i, g0[j], n);
      Simd.multiplyAccumulate(acc[3], acc[4], acc[5], 0, cols[j], i, g1[j], n);
    }
  }
}
