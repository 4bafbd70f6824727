package io.entangled.zkvm.stark.field;

/**
 * Arithmetic in the Goldilocks field p = 2^64 - 2^32 + 1 on {@code long}, canonical values in [0, p)
 * read as unsigned. All methods are static and allocation-free.
 */
public final class Goldilocks {
  /** The modulus, 2^64 - 2^32 + 1, as an unsigned long. */
  public static final long P = 0xFFFF_FFFF_0000_0001L;
  /** 2^64 mod p = 2^32 - 1. */
  public static final long EPSILON = 0xFFFF_FFFFL;
  /** Largest k with 2^k dividing p - 1. */
  public static final int TWO_ADICITY = 32;
  /** A generator of the multiplicative group. */
  public static final long GENERATOR = 7;

  private static final long[] ROOTS = new long[TWO_ADICITY + 1];

  static {
    ROOTS[TWO_ADICITY] = pow(GENERATOR, (P - 1) >>> TWO_ADICITY);
    for (int k = TWO_ADICITY - 1; k >= 0; k--) {
      ROOTS[k] = mul(ROOTS[k + 1], ROOTS[k + 1]);
    }
  }

  private Goldilocks() {}

  /** Reduces any unsigned 64-bit value to its canonical representative. */
  public static long reduce(long x) {
    return Long.compareUnsigned(x, P) >= 0 ? x - P : x;
  }

  public static boolean isCanonical(long x) {
    return Long.compareUnsigned(x, P) < 0;
  }

  // add, sub and the carry in reduce128 are branch-free: with random operands their carries are
  // unpredictable, and mispredicted branches made the NTT three times slower.
  public static long add(long a, long b) {
    long s = a + b;
    long carry = ((a & b) | ((a | b) & ~s)) >>> 63;
    s += (-carry) & EPSILON;
    long t = s - P;
    long borrow = ((~s & P) | (~(s ^ P) & t)) >>> 63;
    return t + ((-borrow) & P);
  }

  public static long sub(long a, long b) {
    long d = a - b;
    long borrow = ((~a & b) | (~(a ^ b) & d)) >>> 63;
    return d - ((-borrow) & EPSILON);
  }

  public static long neg(long a) {
    return a == 0 ? 0 : P - a;
  }

  public static long mul(long a, long b) {
    return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
  }

  public static long square(long a) {
    return mul(a, a);
  }

  /** Reduces hi * 2^64 + lo using 2^64 = 2^32 - 1 and 2^96 = -1 (mod p). */
  public static long reduce128(long hi, long lo) {
    long hiHi = hi >>> 32;
    long hiLo = hi & EPSILON;
    long t0 = lo - hiHi;
    if (Long.compareUnsigned(lo, hiHi) < 0) {
      t0 -= EPSILON;
    }
    long t1 = hiLo * EPSILON;
    long r = t0 + t1;
    long carry = ((t0 & t1) | ((t0 | t1) & ~r)) >>> 63;
    r += (-carry) & EPSILON;
    return Long.compareUnsigned(r, P) >= 0 ? r - P : r;
  }

  /**
   * top·2^128 + hi·2^64 + lo (mod p), canonical, for top below 2^32 (a sum of fewer than 2^32
   * products, see {@link #multiplyAccumulate}): 2^128 ≡ −2^32, and top·2^32 is then below p.
   */
  public static long reduce192(long top, long hi, long lo) {
    return sub(reduce128(hi, lo), top << 32);
  }

  /**
   * (top, hi, lo)[a + i] += k·x[xo + i] as 192-bit integers for i in [0, count), without reducing.
   * Carries by bit formulas (random carries would mispredict as branches); the high word of a
   * product is at most 2^64 − 2, so it takes the low word's carry without overflowing.
   */
  public static void multiplyAccumulate(long[] lo, long[] hi, long[] top, int a, long[] x, int xo,
      long k, int count) {
    for (int i = 0; i < count; i++) {
      long v = x[xo + i];
      long pl = k * v;
      long ph = Math.unsignedMultiplyHigh(k, v);
      long l = lo[a + i];
      long nl = l + pl;
      long t = ph + (((l & pl) | ((l | pl) & ~nl)) >>> 63);
      long h = hi[a + i];
      long nh = h + t;
      lo[a + i] = nl;
      hi[a + i] = nh;
      top[a + i] += ((h & t) | ((h | t) & ~nh)) >>> 63;
    }
  }

  /**
   * Σ x[xo + i]·y[yo + i] (mod p) for i in [0, count), canonical: the products summed as 192-bit
   * integers and reduced once (count below 2^32).
   */
  public static long dot(long[] x, int xo, long[] y, int yo, int count) {
    long lo = 0;
    long hi = 0;
    long top = 0;
    for (int i = 0; i < count; i++) {
      long a = x[xo + i];
      long b = y[yo + i];
      long pl = a * b;
      long ph = Math.unsignedMultiplyHigh(a, b);
      long nl = lo + pl;
      long t = ph + (((lo & pl) | ((lo | pl) & ~nl)) >>> 63);
      long nh = hi + t;
      top += ((hi & t) | ((hi | t) & ~nh)) >>> 63;
      lo = nl;
      hi = nh;
    }
    return reduce192(top, hi, lo);
  }

  /** d[dOff + i] = a[ao + i]·k (mod p) for i in [0, count); d may be a when dOff ≤ ao. */
  public static void multiplyBy(long[] d, int dOff, long[] a, int ao, long k, int count) {
    for (int i = 0; i < count; i++) {
      d[dOff + i] = mul(a[ao + i], k);
    }
  }

  public static long pow(long base, long exponent) {
    long result = 1;
    long b = base;
    long e = exponent;
    while (e != 0) {
      if ((e & 1) != 0) {
        result = mul(result, b);
      }
      b = mul(b, b);
      e >>>= 1;
    }
    return result;
  }

  /** Multiplicative inverse; throws {@link ArithmeticException} for zero. */
  public static long inv(long a) {
    if (a == 0) {
      throw new ArithmeticException("inverse of zero in Goldilocks");
    }
    return pow(a, P - 2);
  }

  /** Montgomery batch inversion: out[i] = 1 / in[i]; throws if any input is zero. */
  public static void batchInverse(long[] in, long[] out, int from, int to) {
    if (to <= from) {
      return;
    }
    long acc = 1;
    for (int i = from; i < to; i++) {
      out[i] = acc;
      acc = mul(acc, in[i]);
    }
    long inv = inv(acc);
    for (int i = to - 1; i >= from; i--) {
      long v = in[i];
      out[i] = mul(out[i], inv);
      inv = mul(inv, v);
    }
  }

  public static long[] batchInverse(long[] in) {
    long[] out = new long[in.length];
    batchInverse(in, out, 0, in.length);
    return out;
  }

  /** A primitive 2^logN-th root of unity (logN <= 32). */
  public static long rootOfUnity(int logN) {
    if (logN < 0 || logN > TWO_ADICITY) {
      throw new IllegalArgumentException("logN out of range: " + logN);
    }
    return ROOTS[logN];
  }

  /**
   * The shift of the evaluation coset of size 2^logSize: 7^(2^(32 - logSize)). Squaring the shift of
   * a coset of size 2m gives the shift of size m, so smaller tables are "lifted" into larger domains.
   */
  public static long cosetShift(int logSize) {
    return pow(GENERATOR, 1L << (TWO_ADICITY - logSize));
  }

  public static long fromSigned(long v) {
    return v >= 0 ? reduce(v) : neg(reduce(-v));
  }
}
