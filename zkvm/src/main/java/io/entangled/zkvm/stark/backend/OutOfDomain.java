package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.field.Simd;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** Out-of-domain values of trace-domain columns (see {@link ProverBackend#valuesAtAndNext}). */
public final class OutOfDomain {
  private OutOfDomain() {}

  /**
   * Values at z and at z·ω (z outside the subgroup H = ⟨ω⟩ of size n) of the polynomials of degree
   * below n whose values on H are the columns, by the barycentric formula P(z) = (z^n − 1)/n · Σ_i
   * v_i·W_i with W_i = ω^i/(z − ω^i): one batch inversion shared by all columns, then dot products
   * (no interpolation). At z·ω the weights are the same ones shifted, ω^i/(zω − ω^i) = W_(i−1), and
   * (zω)^n = z^n, so P(zω) = (z^n − 1)/n · Σ_i v_(i+1)·W_i, indices modulo n.
   */
  public static Ext[][] valuesAtAndNext(long[][] cols, int logN, Ext z, ForkJoinPool pool) {
    int n = 1 << logN;
    long[] d0 = new long[n];
    long[] d1 = new long[n];
    long w = Goldilocks.rootOfUnity(logN);
    long x = 1;
    for (int i = 0; i < n; i++) {
      d0[i] = Goldilocks.sub(z.c0(), x);
      d1[i] = z.c1();
      x = Goldilocks.mul(x, w);
    }
    long[] w0 = new long[n];
    long[] w1 = new long[n];
    Ext2.batchInverse(d0, d1, w0, w1, 0, n);
    x = 1;
    for (int i = 0; i < n; i++) {
      w0[i] = Goldilocks.mul(w0[i], x);
      w1[i] = Goldilocks.mul(w1[i], x);
      x = Goldilocks.mul(x, w);
    }
    Ext factor = z.pow(n).sub(Ext.ONE).mul(Goldilocks.inv(n));
    Ext[][] out = {new Ext[cols.length], new Ext[cols.length]};
    pool.submit(() -> IntStream.range(0, cols.length).parallel().forEach(c -> {
      long[] v = cols[c];
      long s0 = Simd.dot(w0, 0, v, 0, n);
      long s1 = Simd.dot(w1, 0, v, 0, n);
      long n0 = Goldilocks.add(Simd.dot(w0, 0, v, 1, n - 1), Goldilocks.mul(w0[n - 1], v[0]));
      long n1 = Goldilocks.add(Simd.dot(w1, 0, v, 1, n - 1), Goldilocks.mul(w1[n - 1], v[0]));
      out[0][c] = factor.mul(new Ext(s0, s1));
      out[1][c] = factor.mul(new Ext(n0, n1));
    })).join();
    return out;
  }
}
