package io.entangled.zkvm.stark.poly;

import io.entangled.zkvm.stark.field.Goldilocks;

/**
 * Goldilocks arithmetic on lazy representatives, for the inside of the NTT: operands and results
 * are any 64-bit values congruent to the field element (not necessarily below p), so no operation
 * pays for a final canonical reduction. The first carry or borrow of an addition or subtraction is
 * computed with bit operations, not a conditional: C2 makes a conditional move only when the
 * branch profile looks unpredictable, and inputs that are mostly zero or constant when the kernel
 * is compiled leave it a real branch that then mispredicts on random data. Measured on 2^20 (one
 * core): conditional-move add/sub 22 ms after warming up on random input but 76 ms after warming
 * up on 1 % non-zero input; these bit formulas 29 ms in both cases. The second carry an adjustment
 * can cause needs an operand within 2^32 of 2^64 and is left to a (well predicted) branch.
 */
final class LazyGoldilocks {
  private static final long EPSILON = Goldilocks.EPSILON;

  private LazyGoldilocks() {}

  /**
   * a + b (mod p). The carry out of bit 63 is the majority of a, b and ¬s there, written as
   * ((a ⊕ s) | (b ⊕ s)) ⊕ s to avoid the NOT; its sign spread and shifted is 2^32 − 1 or 0.
   */
  static long add(long a, long b) {
    long s = a + b;
    long adj = ((((a ^ s) | (b ^ s)) ^ s) >> 63) >>> 32;
    long r = s + adj;
    if (Long.compareUnsigned(r, adj) < 0) {
      r += EPSILON;
    }
    return r;
  }

  /** a − b (mod p); the borrow out of bit 63 is (¬a ∧ b) ∨ (¬(a ⊕ b) ∧ d) there. */
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
   * conditional: products by twiddles look random unless an operand is zero, and across warm-up
   * inputs (random, zero-padded, sparse, constant, 0/1) it cost at most 2.5 ms on 2^20 while saving
   * about 4 ms against the bit formula.
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
