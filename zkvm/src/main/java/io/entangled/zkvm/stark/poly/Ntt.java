package io.entangled.zkvm.stark.poly;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.field.GoldilocksLanes;
import io.entangled.zkvm.stark.field.Simd;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Number-theoretic transforms over Goldilocks in natural order: {@code forward} maps coefficients
 * a_j to evaluations sum_j a_j ω^(ij) at ω^i (ω a primitive n-th root), {@code inverse} the
 * converse. Radix-4 decimation in frequency (radix-2 for one stage when the log-length is odd),
 * depth first (cache blocking: once a sub-array fits in cache it is finished before the next),
 * twiddles read contiguously from a table where entry h + j holds ω_(2h)^j, values kept as lazy
 * representatives ({@link LazyGoldilocks}) until a tiled bit-reversal permutation ({@link
 * BitReversal}) makes them canonical. Large transforms fork on a {@link ForkJoinPool}.
 *
 * <p>When {@link Simd#ENABLED} (the JVM runs with {@code --add-modules jdk.incubator.vector}), the
 * butterflies run on SIMD lanes ({@link GoldilocksLanes}): radix-2 butterflies, four of them per
 * radix-4 step over runs of {@link #RUN} indices so that a step's data stays in the L1 cache; only
 * the stages whose half length is below one vector stay scalar. Both give the same results.
 */
public final class Ntt {
  private static final int BLOCK = 1 << 12;
  /** Indices per run of the vector radix-4 step: 4 runs of 64 longs, 2 KiB. */
  private static final int RUN = 64;
  private static final boolean VECTOR = Simd.ENABLED;
  private static final int PARALLEL_GRAIN = 1 << 14;
  /** The forward primitive 4th root of unity; the inverse one is −2^48. */
  private static final long TWO_48 = 1L << 48;
  /** Holds nothing: the unpooled entry points allocate their outputs. */
  private static final ColumnPool NO_POOL = new ColumnPool(0);
  private static volatile long[] forwardTwiddles = new long[0];
  private static volatile long[] inverseTwiddles = new long[0];

  static {
    if (Goldilocks.rootOfUnity(2) != TWO_48) {
      throw new IllegalStateException("NTT kernels assume the primitive 4th root of unity 2^48");
    }
  }

  private Ntt() {}

  /** Which butterflies the transforms use: "vector (N lanes)" or "scalar" (see {@link Simd}). */
  public static String kernels() {
    return Simd.describe();
  }

  /** In-place forward transform of a power-of-two-length array; pool may be null (one thread). */
  public static void forward(long[] a, ForkJoinPool pool) {
    transform(a, twiddles(a.length, false), false, pool);
    BitReversal.permute(a, 1);
  }

  /** In-place inverse transform, including the 1/n scaling. */
  public static void inverse(long[] a, ForkJoinPool pool) {
    transform(a, twiddles(a.length, true), true, pool);
    BitReversal.permute(a, Goldilocks.inv(a.length));
  }

  /** Evaluations on H (size n) to evaluations on shift·⟨ω_(n·2^logBlowup)⟩, natural order. */
  public static long[] cosetLowDegreeExtend(
      long[] evals, int logBlowup, long shift, ForkJoinPool pool) {
    return cosetLowDegreeExtend(evals, logBlowup, shift, pool, NO_POOL);
  }

  /**
   * As above, with the output and the scratch taken from (and the scratch given back to) columns.
   * A constant column's interpolant is that constant, so its extension is the constant again,
   * without transforms: about a third of a MIPS segment's main trace is constant columns (flags of
   * instructions the segment never runs, unused limbs).
   */
  public static long[] cosetLowDegreeExtend(
      long[] evals, int logBlowup, long shift, ForkJoinPool pool, ColumnPool columns) {
    if (isConstant(evals)) {
      long[] out = columns.take(evals.length << logBlowup);
      java.util.Arrays.fill(out, evals.length == 0 ? 0 : Goldilocks.reduce(evals[0]));
      return out;
    }
    long[] coeffs = columns.copyOf(evals);
    inverse(coeffs, pool);
    long[] out = evaluateOnCoset(coeffs, columns.take(evals.length << logBlowup), shift, pool);
    columns.give(coeffs);
    return out;
  }

  private static boolean isConstant(long[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] != a[0]) {
        return false;
      }
    }
    return true;
  }

  /** Coefficients (zero-padded to size) evaluated on shift·⟨ω_size⟩, natural order. */
  public static long[] evaluateOnCoset(long[] coeffs, int size, long shift, ForkJoinPool pool) {
    return evaluateOnCoset(coeffs, new long[size], shift, pool);
  }

  /** As above, into out (any contents; its length is the size); returns out. */
  public static long[] evaluateOnCoset(long[] coeffs, long[] out, long shift, ForkJoinPool pool) {
    int len = Math.min(coeffs.length, out.length);
    System.arraycopy(coeffs, 0, out, 0, len);
    java.util.Arrays.fill(out, len, out.length, 0);
    scaleByPowers(out, len, shift);
    forwardZeroPadded(out, len, pool);
    return out;
  }

  /**
   * a[i] ·= base^i for i below len, canonical. Four interleaved power chains (stride base^4), so
   * the multiplications do not wait on each other's latency.
   */
  static void scaleByPowers(long[] a, int len, long base) {
    long b2 = Goldilocks.mul(base, base);
    long step = Goldilocks.mul(b2, b2);
    long s0 = 1;
    long s1 = base;
    long s2 = b2;
    long s3 = Goldilocks.mul(b2, base);
    int i = 0;
    for (; i + 3 < len; i += 4) {
      a[i] = Goldilocks.mul(a[i], s0);
      a[i + 1] = Goldilocks.mul(a[i + 1], s1);
      a[i + 2] = Goldilocks.mul(a[i + 2], s2);
      a[i + 3] = Goldilocks.mul(a[i + 3], s3);
      s0 = Goldilocks.mul(s0, step);
      s1 = Goldilocks.mul(s1, step);
      s2 = Goldilocks.mul(s2, step);
      s3 = Goldilocks.mul(s3, step);
    }
    for (; i < len; i++) {
      a[i] = Goldilocks.mul(a[i], s0);
      s0 = Goldilocks.mul(s0, base);
    }
  }

  /**
   * Forward transform of an array whose entries from index live on are zero. While a block is at
   * most half live, its DIF stage is a[j + h] = a[j]·w^j for j below live (the rest stay zero),
   * without additions; the transform then continues on blocks that are more than half live.
   */
  static void forwardZeroPadded(long[] a, int live, ForkJoinPool pool) {
    int n = requirePowerOfTwo(a.length);
    long[] tw = twiddles(n, false);
    int block = n;
    int used = Math.max(live, 1);
    while (block >= 2 && used <= block >>> 1) {
      spread(a, block, used, tw);
      block >>>= 1;
    }
    if (pool == null || n <= PARALLEL_GRAIN || block == n) {
      for (int off = 0; off < n; off += block) {
        transformBlock(a, off, block, tw, pool);
      }
    } else {
      DifTask[] tasks = new DifTask[n / block];
      for (int k = 0; k < tasks.length; k++) {
        tasks[k] = new DifTask(a, k * block, block, tw, false);
      }
      pool.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
    }
    BitReversal.permute(a, 1);
  }

  /** The first DIF stage of every block of len, for blocks whose entries from used on are zero. */
  private static void spread(long[] a, int len, int used, long[] tw) {
    int half = len >>> 1;
    for (int off = 0; off < a.length; off += len) {
      for (int j = 0; j < used; j++) {
        a[off + half + j] = LazyGoldilocks.mul(a[off + j], tw[half + j]);
      }
    }
  }

  private static void transformBlock(long[] a, int off, int len, long[] tw, ForkJoinPool pool) {
    if (pool == null || len <= PARALLEL_GRAIN) {
      dif(a, off, len, tw, false);
    } else {
      pool.invoke(new DifTask(a, off, len, tw, false));
    }
  }

  /** Evaluations on shift·⟨ω_n⟩ to the coefficients of the polynomial, in place. */
  public static void interpolateCoset(long[] evals, long shift, ForkJoinPool pool) {
    inverse(evals, pool);
    scaleByPowers(evals, evals.length, Goldilocks.inv(shift));
  }

  /** The DIF butterflies, leaving the result bit-reversed and lazily reduced. */
  private static void transform(long[] a, long[] tw, boolean inverse, ForkJoinPool pool) {
    int n = requirePowerOfTwo(a.length);
    if (pool == null || n <= PARALLEL_GRAIN) {
      dif(a, 0, n, tw, inverse);
    } else {
      pool.invoke(new DifTask(a, 0, n, tw, inverse));
    }
  }

  private static int requirePowerOfTwo(int n) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("NTT length must be a power of two: " + n);
    }
    return n;
  }

  private static void dif(long[] a, int off, int len, long[] tw, boolean inverse) {
    if (VECTOR) {
      vectorDif(a, off, len, tw, inverse);
    } else if (len > 2 * BLOCK) {
      int q = len >>> 2;
      stage4(a, off, len, 0, q, tw, inverse);
      for (int k = 0; k < 4; k++) {
        dif(a, off + k * q, q, tw, inverse);
      }
    } else if (len > BLOCK) {
      stage2(a, off, len, tw);
      dif(a, off, len >>> 1, tw, inverse);
      dif(a, off + (len >>> 1), len >>> 1, tw, inverse);
    } else {
      difInCache(a, off, len, tw, inverse);
    }
  }

  /**
   * The vector DIF: radix-4 steps depth first down to a block that fits in cache, then radix-2
   * stages breadth first while a half block holds at least one vector, then the scalar kernel on
   * the blocks left (of one vector's length).
   */
  private static void vectorDif(long[] a, int off, int len, long[] tw, boolean inverse) {
    if (len > BLOCK) {
      int q = len >>> 2;
      vectorRadix4(a, off, len, 0, q, tw);
      for (int k = 0; k < 4; k++) {
        vectorDif(a, off + k * q, q, tw, inverse);
      }
      return;
    }
    int lanes = GoldilocksLanes.LANES;
    int m = len;
    for (; m >= 2 * lanes; m >>>= 1) {
      int half = m >>> 1;
      for (int k = off; k < off + len; k += m) {
        GoldilocksLanes.butterflies(a, k, k + half, tw, half, half);
      }
    }
    if (m > 1) {
      for (int k = off; k < off + len; k += m) {
        difInCache(a, k, m, tw, inverse);
      }
    }
  }

  /**
   * Two radix-2 stages of a block of len for j in [from, to) of its first quarter (the indices of
   * radix-4 butterfly j), run by run: the first stage pairs j with j + len/2 and j + len/4 with
   * j + 3len/4 (twiddles ω_len^j, ω_len^(j + len/4)), the second pairs j with j + len/4 and
   * j + len/2 with j + 3len/4 (twiddle ω_(len/2)^j). from and to are multiples of {@link #RUN}.
   */
  private static void vectorRadix4(long[] a, int off, int len, int from, int to, long[] tw) {
    int q = len >>> 2;
    int h = len >>> 1;
    for (int j = from; j < to; j += RUN) {
      int i0 = off + j;
      GoldilocksLanes.butterflies(a, i0, i0 + h, tw, h + j, RUN);
      GoldilocksLanes.butterflies(a, i0 + q, i0 + q + h, tw, h + q + j, RUN);
      GoldilocksLanes.butterflies(a, i0, i0 + q, tw, q + j, RUN);
      GoldilocksLanes.butterflies(a, i0 + h, i0 + h + q, tw, q + j, RUN);
    }
  }

  /** Breadth-first radix-4 passes over a block that fits in cache, then its last one or two. */
  private static void difInCache(long[] a, int off, int len, long[] tw, boolean inverse) {
    int m = len;
    for (; m >= 8; m >>>= 2) {
      for (int k = off; k < off + len; k += m) {
        stage4(a, k, m, 0, m >>> 2, tw, inverse);
      }
    }
    if (m == 4) {
      for (int k = off; k < off + len; k += 4) {
        butterfly4(a, k, inverse);
      }
    } else if (m == 2) {
      for (int k = off; k < off + len; k += 2) {
        long u = a[k];
        long v = a[k + 1];
        a[k] = LazyGoldilocks.add(u, v);
        a[k + 1] = LazyGoldilocks.sub(u, v);
      }
    }
  }

  /** One radix-2 DIF stage over a block of len. */
  private static void stage2(long[] a, int off, int len, long[] tw) {
    int half = len >>> 1;
    for (int j = 0; j < half; j++) {
      int i0 = off + j;
      int i1 = i0 + half;
      long u = a[i0];
      long v = a[i1];
      a[i0] = LazyGoldilocks.add(u, v);
      a[i1] = LazyGoldilocks.mul(LazyGoldilocks.sub(u, v), tw[half + j]);
    }
  }

  /**
   * Radix-4 DIF butterflies j in [jFrom, jTo) over a block of len (two radix-2 stages in one pass).
   * With w = ω_len the third output is multiplied by w^3j = tw[h + 3j] while 3j < h, and by
   * w^3j = −w^(3j−h) = −tw[3j] after (w^h = −1); the second loop negates by swapping operands.
   */
  private static void stage4(
      long[] a, int off, int len, int jFrom, int jTo, long[] tw, boolean inverse) {
    int q = len >>> 2;
    int h = len >>> 1;
    int split = Math.min(jTo, Math.max(jFrom, (h + 2) / 3));
    for (int j = jFrom; j < split; j++) {
      butterfly4(a, off + j, q, tw[q + j], tw[h + j], tw[h + 3 * j], false, inverse);
    }
    for (int j = split; j < jTo; j++) {
      butterfly4(a, off + j, q, tw[q + j], tw[h + j], tw[3 * j], true, inverse);
    }
  }

  /**
   * Outputs (a0+a2)+(a1+a3), ((a0+a2)−(a1+a3))·w2, ((a0−a2)+ω4(a1−a3))·w1, ±((a0−a2)−ω4(a1−a3))·w3
   * at offsets 0, q, 2q, 3q: the two radix-2 stages with one multiplication fewer. ω4 is 2^48 for
   * the forward transform and −2^48 for the inverse (operands of a1−a3 swapped).
   */
  private static void butterfly4(
      long[] a, int i0, int q, long w2, long w1, long w3, boolean negate3, boolean inverse) {
    int i1 = i0 + q;
    int i2 = i1 + q;
    int i3 = i2 + q;
    long a0 = a[i0];
    long a1 = a[i1];
    long a2 = a[i2];
    long a3 = a[i3];
    long s02 = LazyGoldilocks.add(a0, a2);
    long d02 = LazyGoldilocks.sub(a0, a2);
    long s13 = LazyGoldilocks.add(a1, a3);
    long d13 = mulOmega4(a1, a3, inverse);
    a[i0] = LazyGoldilocks.add(s02, s13);
    a[i1] = LazyGoldilocks.mul(LazyGoldilocks.sub(s02, s13), w2);
    a[i2] = LazyGoldilocks.mul(LazyGoldilocks.add(d02, d13), w1);
    long e = negate3 ? LazyGoldilocks.sub(d13, d02) : LazyGoldilocks.sub(d02, d13);
    a[i3] = LazyGoldilocks.mul(e, w3);
  }

  /** ω4·(a1 − a3): 2^48·(a1 − a3) forward, 2^48·(a3 − a1) inverse (ω4 = −2^48). */
  private static long mulOmega4(long a1, long a3, boolean inverse) {
    long d = inverse ? LazyGoldilocks.sub(a3, a1) : LazyGoldilocks.sub(a1, a3);
    return LazyGoldilocks.mulTwo48(d);
  }

  /** The radix-4 butterfly of a block of 4, whose twiddles are all 1. */
  private static void butterfly4(long[] a, int i0, boolean inverse) {
    long a0 = a[i0];
    long a1 = a[i0 + 1];
    long a2 = a[i0 + 2];
    long a3 = a[i0 + 3];
    long s02 = LazyGoldilocks.add(a0, a2);
    long d02 = LazyGoldilocks.sub(a0, a2);
    long s13 = LazyGoldilocks.add(a1, a3);
    long d13 = mulOmega4(a1, a3, inverse);
    a[i0] = LazyGoldilocks.add(s02, s13);
    a[i0 + 1] = LazyGoldilocks.sub(s02, s13);
    a[i0 + 2] = LazyGoldilocks.add(d02, d13);
    a[i0 + 3] = LazyGoldilocks.sub(d02, d13);
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
      long[] table = buildTwiddles(Math.max(n, 2), inverse);
      if (inverse) {
        inverseTwiddles = table;
      } else {
        forwardTwiddles = table;
      }
      return table;
    }
  }

  private static long[] buildTwiddles(int size, boolean inverse) {
    long[] table = new long[size];
    for (int half = 1; half < size; half <<= 1) {
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
    return table;
  }

  private static final class DifTask extends RecursiveAction {
    private final long[] a;
    private final int off;
    private final int len;
    private final long[] tw;
    private final boolean inverse;

    DifTask(long[] a, int off, int len, long[] tw, boolean inverse) {
      this.a = a;
      this.off = off;
      this.len = len;
      this.tw = tw;
      this.inverse = inverse;
    }

    @Override
    protected void compute() {
      if (len <= PARALLEL_GRAIN) {
        dif(a, off, len, tw, inverse);
        return;
      }
      int q = len >>> 2;
      invokeAll(new StageTask(a, off, len, 0, q, tw, inverse));
      invokeAll(new DifTask(a, off, q, tw, inverse), new DifTask(a, off + q, q, tw, inverse),
          new DifTask(a, off + 2 * q, q, tw, inverse), new DifTask(a, off + 3 * q, q, tw, inverse));
    }
  }

  private static final class StageTask extends RecursiveAction {
    private final long[] a;
    private final int off;
    private final int len;
    private final int from;
    private final int to;
    private final long[] tw;
    private final boolean inverse;

    StageTask(long[] a, int off, int len, int from, int to, long[] tw, boolean inverse) {
      this.a = a;
      this.off = off;
      this.len = len;
      this.from = from;
      this.to = to;
      this.tw = tw;
      this.inverse = inverse;
    }

    @Override
    protected void compute() {
      if (to - from <= PARALLEL_GRAIN) {
        if (VECTOR) {
          vectorRadix4(a, off, len, from, to, tw);
        } else {
          stage4(a, off, len, from, to, tw, inverse);
        }
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new StageTask(a, off, len, from, mid, tw, inverse),
          new StageTask(a, off, len, mid, to, tw, inverse));
    }
  }
}
