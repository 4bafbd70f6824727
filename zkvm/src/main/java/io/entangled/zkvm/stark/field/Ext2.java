package io.entangled.zkvm.stark.field;

/**
 * Allocation-free arithmetic on extension elements stored as (c0, c1) pairs, GF(p^2) = GF(p)[u] /
 * (u^2 - W) with W = 7, a quadratic non-residue modulo p.
 */
public final class Ext2 {
  /** The non-residue defining the extension. */
  public static final long W = 7;

  private Ext2() {}

  /** Real part of (a0 + a1 u)(b0 + b1 u). */
  public static long mul0(long a0, long a1, long b0, long b1) {
    return Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, Goldilocks.mul(a1, b1)));
  }

  /** u part of (a0 + a1 u)(b0 + b1 u). */
  public static long mul1(long a0, long a1, long b0, long b1) {
    return Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
  }

  /** Norm a0^2 - 7 a1^2, zero only for zero. */
  public static long norm(long a0, long a1) {
    return Goldilocks.sub(Goldilocks.mul(a0, a0), Goldilocks.mul(W, Goldilocks.mul(a1, a1)));
  }

  /**
   * Batch inversion of extension elements stored as separate arrays; out may alias nothing of in.
   * Throws {@link ArithmeticException} if an element is zero.
   */
  public static void batchInverse(long[] in0, long[] in1, long[] out0, long[] out1, int from, int to) {
    if (to <= from) {
      return;
    }
    long acc0 = 1;
    long acc1 = 0;
    for (int i = from; i < to; i++) {
      out0[i] = acc0;
      out1[i] = acc1;
      long n0 = mul0(acc0, acc1, in0[i], in1[i]);
      acc1 = mul1(acc0, acc1, in0[i], in1[i]);
      acc0 = n0;
    }
    Ext inv = new Ext(acc0, acc1).inv();
    long i0 = inv.c0();
    long i1 = inv.c1();
    for (int i = to - 1; i >= from; i--) {
      long v0 = in0[i];
      long v1 = in1[i];
      long o0 = mul0(out0[i], out1[i], i0, i1);
      long o1 = mul1(out0[i], out1[i], i0, i1);
      out0[i] = o0;
      out1[i] = o1;
      long n0 = mul0(i0, i1, v0, v1);
      i1 = mul1(i0, i1, v0, v1);
      i0 = n0;
    }
  }
}
