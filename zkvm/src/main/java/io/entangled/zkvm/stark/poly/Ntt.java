package io.entangled.zkvm.stark.poly;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Number-theoretic transforms over Goldilocks in natural order: {@code forward} maps coefficients
 * a_j to evaluations sum_j a_j ω^(ij) at ω^i (ω a primitive n-th root), {@code inverse} the
 * converse. Radix-2 decimation in frequency, depth first (cache blocking: once a sub-array fits in
 * cache it is finished before the next), twiddles read contiguously from a table where entry h + j
 * holds ω_(2h)^j; then a bit-reversal permutation. Large transforms fork on a {@link
 * ForkJoinPool}.
 */
public final class Ntt {
  private static final int BLOCK = 1 << 12;
  private static final int PARALLEL_GRAIN = 1 << 14;
  private static final long TWO_48 = 1L << 48;
  private static volatile long[] forwardTwiddles = new long[0];
  private static volatile long[] inverseTwiddles = new long[0];

  private Ntt() {}

  /** In-place forward transform of a power-of-two-length array; pool may be null (one thread). */
  public static void forward(long[] a, ForkJoinPool pool) {
    transform(a, twiddles(a.length, false), pool);
  }

  /** In-place inverse transform, including the 1/n scaling. */
  public static void inverse(long[] a, ForkJoinPool pool) {
    transform(a, twiddles(a.length, true), pool);
    long nInv = Goldilocks.inv(a.length);
    for (int i = 0; i < a.length; i++) {
      a[i] = Goldilocks.mul(a[i], nInv);
    }
  }

  /** Evaluations on H (size n) to evaluations on shift·⟨ω_(n·2^logBlowup)⟩, natural order. */
  public static long[] cosetLowDegreeExtend(long[] evals, int logBlowup, long shift, ForkJoinPool pool) {
    long[] coeffs = evals.clone();
    inverse(coeffs, pool);
    return evaluateOnCoset(coeffs, evals.length << logBlowup, shift, pool);
  }

  /** Coefficients (zero-padded to size) evaluated on shift·⟨ω_size⟩, natural order. */
  public static long[] evaluateOnCoset(long[] coeffs, int size, long shift, ForkJoinPool pool) {
    long[] out = new long[size];
    long s = 1;
    int len = Math.min(coeffs.length, size);
    for (int i = 0; i < len; i++) {
      out[i] = Goldilocks.mul(coeffs[i], s);
      s = Goldilocks.mul(s, shift);
    }
    forward(out, pool);
    return out;
  }

  /** Evaluations on shift·⟨ω_n⟩ to the coefficients of the polynomial, in place. */
  public static void interpolateCoset(long[] evals, long shift, ForkJoinPool pool) {
    inverse(evals, pool);
    long sInv = Goldilocks.inv(shift);
    long s = 1;
    for (int i = 0; i < evals.length; i++) {
      evals[i] = Goldilocks.mul(evals[i], s);
      s = Goldilocks.mul(s, sInv);
    }
  }

  private static void transform(long[] a, long[] tw, ForkJoinPool pool) {
    int n = a.length;
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("NTT length must be a power of two: " + n);
    }
    if (n == 1) {
      return;
    }
    if (pool == null || n <= PARALLEL_GRAIN) {
      dif(a, 0, n, tw);
    } else {
      pool.invoke(new DifTask(a, 0, n, tw));
    }
    bitReverse(a);
  }

  private static void dif(long[] a, int off, int len, long[] tw) {
    if (len > 2 * BLOCK) {
      int q = len >>> 2;
      stage4(a, off, len, 0, q, tw);
      for (int k = 0; k < 4; k++) {
        dif(a, off + k * q, q, tw);
      }
      return;
    }
    if (len > BLOCK) {
      stage(a, off, len, 0, len >>> 1, tw);
      dif(a, off, len >>> 1, tw);
      dif(a, off + (len >>> 1), len >>> 1, tw);
      return;
    }
    int half = len >>> 1;
    for (; half > 2; half >>>= 2) {
      for (int k = off; k < off + len; k += half << 1) {
        stage4(a, k, half << 1, 0, half >>> 1, tw);
      }
    }
    if (half == 2) {
      for (int k = off; k < off + len; k += 4) {
        stage(a, k, 4, 0, 2, tw);
      }
    }
    for (int k = off; k < off + len; k += 2) {
      long u = a[k];
      long v = a[k + 1];
      a[k] = addLazy(u, v);
      a[k + 1] = subLazy(u, v);
    }
  }

  private static void stage(long[] a, int off, int len, int jFrom, int jTo, long[] tw) {
    int half = len >>> 1;
    for (int j = jFrom; j < jTo; j++) {
      int i0 = off + j;
      int i1 = i0 + half;
      long u = a[i0];
      long v = a[i1];
      a[i0] = addLazy(u, v);
      a[i1] = mulLazy(subLazy(u, v), tw[half + j]);
    }
  }

  /**
   * Radix-4 DIF butterflies over a block of len (two radix-2 stages in one pass): with w = ω_len,
   * outputs (a0+a2)+(a1+a3), ((a0+a2)−(a1+a3))·w^2j, ((a0−a2)+ω4(a1−a3))·w^j, ((a0−a2)−ω4(a1−a3))·w^3j
   * at offsets 0, q, 2q, 3q — the same values as the two radix-2 stages, one multiplication fewer.
   */
  private static void stage4(long[] a, int off, int len, int jFrom, int jTo, long[] tw) {
    int q = len >>> 2;
    int h = len >>> 1;
    for (int j = jFrom; j < jTo; j++) {
      int i0 = off + j;
      long a0 = a[i0];
      long a1 = a[i0 + q];
      long a2 = a[i0 + h];
      long a3 = a[i0 + h + q];
      long s02 = addLazy(a0, a2);
      long d02 = subLazy(a0, a2);
      long s13 = addLazy(a1, a3);
      long d13 = mulOmega4(subLazy(a1, a3), tw[3]);
      a[i0] = addLazy(s02, s13);
      a[i0 + q] = mulLazy(subLazy(s02, s13), tw[q + j]);
      a[i0 + h] = mulLazy(addLazy(d02, d13), tw[h + j]);
      int j3 = 3 * j;
      // w^3j = tw[h + 3j] while 3j < h, else −tw[3j] (w^h = −1): swap the operands instead
      a[i0 + h + q] = j3 < h ? mulLazy(subLazy(d02, d13), tw[h + j3]) : mulLazy(subLazy(d13, d02), tw[j3]);
    }
  }

  /** Bit-reversal permutation; also brings the lazily reduced values back to canonical form. */
  private static void bitReverse(long[] a) {
    int n = a.length;
    int shift = 32 - Integer.numberOfTrailingZeros(n);
    for (int i = 0; i < n; i++) {
      int j = Integer.reverse(i) >>> shift;
      if (i < j) {
        long t = Goldilocks.reduce(a[i]);
        a[i] = Goldilocks.reduce(a[j]);
        a[j] = t;
      } else if (i == j) {
        a[i] = Goldilocks.reduce(a[i]);
      }
    }
  }

  // Lazy arithmetic inside the transform: operands and results are any 64-bit representatives of
  // their residue; the first carry/borrow is branch-free (unpredictable), the second one is rare.
  private static long addLazy(long a, long b) {
    long s = a + b;
    long carry = ((a & b) | ((a | b) & ~s)) >>> 63;
    long adj = (-carry) & Goldilocks.EPSILON;
    long r = s + adj;
    if (Long.compareUnsigned(r, adj) < 0) {
      r += Goldilocks.EPSILON;
    }
    return r;
  }

  private static long subLazy(long a, long b) {
    long d = a - b;
    long borrow = ((~a & b) | (~(a ^ b) & d)) >>> 63;
    long adj = (-borrow) & Goldilocks.EPSILON;
    long r = d - adj;
    if (Long.compareUnsigned(d, adj) < 0) {
      r -= Goldilocks.EPSILON;
    }
    return r;
  }

  /**
   * x·ω where ω = tw[3] is the table's primitive 4th root of unity, ±2^48: a shift instead of a
   * 64×64 multiplication.
   */
  private static long mulOmega4(long x, long omega4) {
    long r = reduceLazy(x >>> 16, x << 48);
    return omega4 == TWO_48 ? r : Goldilocks.neg(Goldilocks.reduce(r));
  }

  private static long mulLazy(long a, long b) {
    return reduceLazy(Math.unsignedMultiplyHigh(a, b), a * b);
  }

  private static long reduceLazy(long hi, long lo) {
    long hiHi = hi >>> 32;
    long hiLo = hi & Goldilocks.EPSILON;
    long t0 = lo - hiHi;
    if (Long.compareUnsigned(lo, hiHi) < 0) {
      t0 -= Goldilocks.EPSILON;
    }
    long t1 = hiLo * Goldilocks.EPSILON;
    long r = t0 + t1;
    long carry = ((t0 & t1) | ((t0 | t1) & ~r)) >>> 63;
    return r + ((-carry) & Goldilocks.EPSILON);
  }

  /** Twiddle table of at least length n: entry h + j = ω_(2h)^j (or its inverse). */
  static long[] twiddles(int n, boolean inverse) {
    long[] t = inverse ? inverseTwiddles : forwardTwiddles;
    if (t.length >= n) {
      return t;
    }
    synchronized (Ntt.class) {
      t = inverse ? inverseTwiddles : forwardTwiddles;
      if (t.length >= n) {
        return t;
      }
      long[] table = new long[Math.max(n, 2)];
      for (int half = 1; half < table.length; half <<= 1) {
        long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(half) + 1);
        if (inverse) {
          w = Goldilocks.inv(w);
        }
        long x = 1;
        for (int j = 0; j < half; j++) {
          table[half + j] = x;
          x = Goldilocks.mul(x, w);
        }
      }
      if (inverse) {
        inverseTwiddles = table;
      } else {
        forwardTwiddles = table;
      }
      return table;
    }
  }

  private static final class DifTask extends RecursiveAction {
    private final long[] a;
    private final int off;
    private final int len;
    private final long[] tw;

    DifTask(long[] a, int off, int len, long[] tw) {
      this.a = a;
      this.off = off;
      this.len = len;
      this.tw = tw;
    }

    @Override
    protected void compute() {
      if (len <= PARALLEL_GRAIN) {
        dif(a, off, len, tw);
        return;
      }
      int q = len >>> 2;
      invokeAll(new StageTask(a, off, len, 0, q, tw));
      invokeAll(new DifTask(a, off, q, tw), new DifTask(a, off + q, q, tw),
          new DifTask(a, off + 2 * q, q, tw), new DifTask(a, off + 3 * q, q, tw));
    }
  }

  private static final class StageTask extends RecursiveAction {
    private final long[] a;
    private final int off;
    private final int len;
    private final int from;
    private final int to;
    private final long[] tw;

    StageTask(long[] a, int off, int len, int from, int to, long[] tw) {
      this.a = a;
      this.off = off;
      this.len = len;
      this.from = from;
      this.to = to;
      this.tw = tw;
    }

    @Override
    protected void compute() {
      if (to - from <= PARALLEL_GRAIN) {
        stage4(a, off, len, from, to, tw);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new StageTask(a, off, len, from, mid, tw), new StageTask(a, off, len, mid, to, tw));
    }
  }
}
