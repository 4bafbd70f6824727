package io.entangled.zkvm.stark.poly;

import io.entangled.zkvm.stark.field.Goldilocks;

/**
 * Goldilocks arithmetic on lazy representatives, for the inside of the NTT: operands and results
 * are any 64-bit values congruent to the field element (not necessarily below p), so no operation
 * pays for a final canonical reduction. The first carry or borrow of an addition or subtraction is
 * computed with bit operations: C2 turns a conditional into a conditional move only when its profile
 * looks unpredictable, and zero-padded or constant inputs seen first make it a branch that then
 * mispredicts on random data (measured: 2^20 forward from 26 to 51 ms). The second carry an
 * adjustment can cause needs an operand within 2^32 of 2^64 and is left to a branch.
 */
final class LazyGoldilocks {
  private static final long EPSILON = Goldilocks.EPSILON;

  private LazyGoldilocks() {}

  /** a + b (mod p). */
  static long add(long a, long b) {
    long s = a + b;
    long adj = (((a & b) | ((a | b) & ~s)) >> 63) >>> 32;
    long r = s + adj;
    if (Long.compareUnsigned(r, adj) < 0) {
      r += EPSILON;
    }
    return r;
  }

  /** a − b (mod p). */
  static long sub(long a, long b) {
    long d = a - b;
    long adj = (((~a & b) | (~(a ^ b) & d)) >> 63) >>> 32;
    long r = d - adj;
    if (Long.compareUnsigned(d, adj) < 0) {
      r -= EPSILON;
    }
    return r;
  }

  /** a · b (mod p). */
  static long mul(long a, long b) {
    return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
  }

  /** x · 2^48 (mod p): the 128-bit product is a pair of shifts. */
  static long mulTwo48(long x) {
    return reduce128(x >>> 16, x << 48);
  }

  /**
   * hi · 2^64 + lo (mod p), using 2^64 = 2^32 − 1 and 2^96 = −1. The last carry stays a
   * conditional: products of twiddles look random even for structured data, and it measured
   * robust across input patterns.
   */
  static long reduce128(long hi, long lo) {
    long hiHi = hi >>> 32;
    long t0 = lo - hiHi;
    if (Long.compareUnsigned(lo, hiHi) < 0) {
      t0 -= EPSILON;
    }
    long t1 = (hi & EPSILON) * EPSILON;
    long r = t0 + t1;
    return r + (Long.compareUnsigned(r, t1) < 0 ? EPSILON : 0);
  }
}
