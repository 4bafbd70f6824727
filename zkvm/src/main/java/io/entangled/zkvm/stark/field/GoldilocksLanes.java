package io.entangled.zkvm.stark.field;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Goldilocks loops on SIMD lanes (JDK Vector API, incubating): the NTT's radix-2 DIF butterfly and
 * the 192-bit multiply-accumulate of the constraint evaluator and the DEEP quotient. Call only when
 * {@link Simd#ENABLED}: this class links only when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}.
 *
 * <p>The 64 × 64 → 128-bit product is built from four 32 × 32-bit lane products (one
 * {@code vpmuludq} each on x86), then reduced with 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1. Carries and
 * borrows are unsigned comparisons, written as signed ones on operands with the sign bit flipped
 * ({@code ULT} is spelled differently across JDK releases of the incubating API; {@code LT} and
 * {@code XOR} are not).
 *
 * <p>Each kernel is one loop body on purpose: C2 inlines the Vector API's own methods by
 * annotation but not helper methods of ours once they were compiled on their own, and a vector
 * that crosses a call that was not inlined is boxed on the heap — measured five times slower. So
 * each kernel spells out the lane product (four 32 × 32-bit products) itself.
 */
public final class GoldilocksLanes {
  private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
  /** Lanes per vector; runs passed to {@link #butterflies} are multiples of it. */
  public static final int LANES = SPECIES.length();

  private static final long EPSILON = Goldilocks.EPSILON;
  private static final long LOW32 = 0xFFFF_FFFFL;
  private static final long SIGN = Long.MIN_VALUE;
  /** EPSILON with the sign bit flipped, for "x <u EPSILON" as a signed comparison. */
  private static final long EPSILON_FLIPPED = EPSILON ^ SIGN;
  /** p with the sign bit flipped, for "x <u p". */
  private static final long P_FLIPPED = Goldilocks.P ^ SIGN;

  private GoldilocksLanes() {}

  /**
   * For k in [0, count): u = a[x + k], v = a[y + k]; a[x + k] = u + v, a[y + k] = (u − v)·tw[t + k]
   * (mod p): inputs any 64-bit representatives, outputs too (not necessarily below p). count is a
   * multiple of {@link #LANES}; the runs do not overlap.
   */
  public static void butterflies(long[] a, int x, int y, long[] tw, int t, int count) {
    for (int k = 0; k < count; k += LANES) {
      LongVector u = LongVector.fromArray(SPECIES, a, x + k);
      LongVector v = LongVector.fromArray(SPECIES, a, y + k);
      LongVector uf = u.lanewise(XOR, SIGN);
      // u + v: a carry out of bit 63 (s <u u) adds 2^64 ≡ EPSILON, which may carry once more
      LongVector s = u.add(v);
      VectorMask<Long> carry = s.lanewise(XOR, SIGN).compare(LT, uf);
      s = s.add(EPSILON, carry);
      s = s.add(EPSILON, carry.and(s.lanewise(XOR, SIGN).compare(LT, EPSILON_FLIPPED)));
      s.intoArray(a, x + k);
      // u − v: a borrow (u <u v) subtracts EPSILON, which may borrow once more
      LongVector d = u.sub(v);
      VectorMask<Long> borrow = uf.compare(LT, v.lanewise(XOR, SIGN));
      VectorMask<Long> again = borrow.and(d.lanewise(XOR, SIGN).compare(LT, EPSILON_FLIPPED));
      LongVector e = d.sub(EPSILON, borrow).sub(EPSILON, again);
      // e · w as hi · 2^64 + lo from four 32 × 32-bit products
      LongVector w = LongVector.fromArray(SPECIES, tw, t + k);
      LongVector el = e.and(LOW32);
      LongVector eh = e.lanewise(LSHR, 32);
      LongVector wl = w.and(LOW32);
      LongVector wh = w.lanewise(LSHR, 32);
      LongVector ll = el.mul(wl);
      LongVector lh = el.mul(wh);
      LongVector hl = eh.mul(wl);
      LongVector mid = ll.lanewise(LSHR, 32).add(lh.and(LOW32)).add(hl.and(LOW32));
      LongVector lo = mid.lanewise(LSHL, 32).or(ll.and(LOW32));
      LongVector hi = eh.mul(wh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32))
          .add(mid.lanewise(LSHR, 32));
      // lo − hi_hi + hi_lo·(2^32 − 1), each wrap corrected by EPSILON
      LongVector hiHi = hi.lanewise(LSHR, 32);
      LongVector t0 = lo.sub(hiHi)
          .sub(EPSILON, lo.lanewise(XOR, SIGN).compare(LT, hiHi.lanewise(XOR, SIGN)));
      LongVector hiLo = hi.and(LOW32);
      LongVector t1 = hiLo.lanewise(LSHL, 32).sub(hiLo);
      LongVector r = t0.add(t1);
      r.add(EPSILON, r.lanewise(XOR, SIGN).compare(LT, t1.lanewise(XOR, SIGN)))
          .intoArray(a, y + k);
    }
  }


  /**
   * (top, hi, lo)[a + i] += k·x[xo + i] as 192-bit integers for i in [0, count), any count (a
   * scalar loop takes the rest after the last whole vector). The high word of a 128-bit product is
   * at most 2^64 − 2, so it absorbs the low word's carry without overflowing; top counts the
   * carries out of hi. Same results as {@link Goldilocks#multiplyAccumulate}.
   */
  public static void multiplyAccumulate(long[] lo, long[] hi, long[] top, int a, long[] x, int xo,
      long k, int count) {
    long kl = k & LOW32;
    long kh = k >>> 32;
    int whole = count - count % LANES;
    for (int i = 0; i < whole; i += LANES) {
      LongVector v = LongVector.fromArray(SPECIES, x, xo + i);
      LongVector vl = v.and(LOW32);
      LongVector vh = v.lanewise(LSHR, 32);
      LongVector ll = vl.mul(kl);
      LongVector lh = vl.mul(kh);
      LongVector hl = vh.mul(kl);
      LongVector mid = ll.lanewise(LSHR, 32).add(lh.and(LOW32)).add(hl.and(LOW32));
      LongVector pl = mid.lanewise(LSHL, 32).or(ll.and(LOW32));
      LongVector ph = vh.mul(kh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32))
          .add(mid.lanewise(LSHR, 32));
      LongVector l = LongVector.fromArray(SPECIES, lo, a + i).add(pl);
      ph = ph.add(1, l.lanewise(XOR, SIGN).compare(LT, pl.lanewise(XOR, SIGN)));
      LongVector h = LongVector.fromArray(SPECIES, hi, a + i).add(ph);
      VectorMask<Long> carry = h.lanewise(XOR, SIGN).compare(LT, ph.lanewise(XOR, SIGN));
      l.intoArray(lo, a + i);
      h.intoArray(hi, a + i);
      LongVector.fromArray(SPECIES, top, a + i).add(1, carry).intoArray(top, a + i);
    }
    Goldilocks.multiplyAccumulate(lo, hi, top, a + whole, x, xo + whole, k, count - whole);
  }

  /**
   * Σ x[xo + i]·y[yo + i] (mod p), canonical, for i in [0, count), any count below 2^32: each lane
   * sums its products as a 192-bit integer in registers, the lanes are reduced and added at the end,
   * and a scalar loop takes the rest after the last whole vector. Same result as {@link
   * Goldilocks#dot}.
   */
  public static long dot(long[] x, int xo, long[] y, int yo, int count) {
    LongVector lo = LongVector.zero(SPECIES);
    LongVector hi = LongVector.zero(SPECIES);
    LongVector top = LongVector.zero(SPECIES);
    int whole = count - count % LANES;
    for (int i = 0; i < whole; i += LANES) {
      LongVector v = LongVector.fromArray(SPECIES, x, xo + i);
      LongVector w = LongVector.fromArray(SPECIES, y, yo + i);
      LongVector vl = v.and(LOW32);
      LongVector vh = v.lanewise(LSHR, 32);
      LongVector wl = w.and(LOW32);
      LongVector wh = w.lanewise(LSHR, 32);
      LongVector ll = vl.mul(wl);
      LongVector lh = vl.mul(wh);
      LongVector hl = vh.mul(wl);
      LongVector mid = ll.lanewise(LSHR, 32).add(lh.and(LOW32)).add(hl.and(LOW32));
      LongVector pl = mid.lanewise(LSHL, 32).or(ll.and(LOW32));
      LongVector ph = vh.mul(wh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32))
          .add(mid.lanewise(LSHR, 32));
      lo = lo.add(pl);
      ph = ph.add(1, lo.lanewise(XOR, SIGN).compare(LT, pl.lanewise(XOR, SIGN)));
      hi = hi.add(ph);
      top = top.add(1, hi.lanewise(XOR, SIGN).compare(LT, ph.lanewise(XOR, SIGN)));
    }
    long[] l = lo.toArray();
    long[] h = hi.toArray();
    long[] t = top.toArray();
    long sum = Goldilocks.dot(x, xo + whole, y, yo + whole, count - whole);
    for (int j = 0; j < LANES; j++) {
      sum = Goldilocks.add(sum, Goldilocks.reduce192(t[j], h[j], l[j]));
    }
    return sum;
  }

  /**
   * d[i] = a[ao + i]·b[bo + i] (mod p), canonical, for i in [0, count), any count (a scalar loop
   * takes the rest after the last whole vector); inputs canonical. d may be a or b at offset 0.
   */
  public static void multiply(long[] d, long[] a, int ao, long[] b, int bo, int count) {
    int whole = count - count % LANES;
    for (int i = 0; i < whole; i += LANES) {
      LongVector v = LongVector.fromArray(SPECIES, a, ao + i);
      LongVector w = LongVector.fromArray(SPECIES, b, bo + i);
      LongVector vl = v.and(LOW32);
      LongVector vh = v.lanewise(LSHR, 32);
      LongVector wl = w.and(LOW32);
      LongVector wh = w.lanewise(LSHR, 32);
      LongVector ll = vl.mul(wl);
      LongVector lh = vl.mul(wh);
      LongVector hl = vh.mul(wl);
      LongVector mid = ll.lanewise(LSHR, 32).add(lh.and(LOW32)).add(hl.and(LOW32));
      LongVector lo = mid.lanewise(LSHL, 32).or(ll.and(LOW32));
      LongVector hi = vh.mul(wh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32))
          .add(mid.lanewise(LSHR, 32));
      LongVector hiHi = hi.lanewise(LSHR, 32);
      LongVector t0 = lo.sub(hiHi)
          .sub(EPSILON, lo.lanewise(XOR, SIGN).compare(LT, hiHi.lanewise(XOR, SIGN)));
      LongVector hiLo = hi.and(LOW32);
      LongVector t1 = hiLo.lanewise(LSHL, 32).sub(hiLo);
      LongVector r = t0.add(t1);
      r = r.add(EPSILON, r.lanewise(XOR, SIGN).compare(LT, t1.lanewise(XOR, SIGN)));
      r.sub(Goldilocks.P, r.lanewise(XOR, SIGN).compare(LT, P_FLIPPED).not()).intoArray(d, i);
    }
    for (int i = whole; i < count; i++) {
      d[i] = Goldilocks.mul(a[ao + i], b[bo + i]);
    }
  }

  /**
   * d[i] = a[ao + i] + b[bo + i] (mod p), canonical, for canonical inputs, any count. A carry out
   * of bit 63 adds 2^64 − p = EPSILON (the sum is then below p); otherwise a sum of at least p
   * loses p. d may be a or b at offset 0.
   */
  public static void add(long[] d, long[] a, int ao, long[] b, int bo, int count) {
    int whole = count - count % LANES;
    for (int i = 0; i < whole; i += LANES) {
      LongVector u = LongVector.fromArray(SPECIES, a, ao + i);
      LongVector v = LongVector.fromArray(SPECIES, b, bo + i);
      LongVector s = u.add(v);
      LongVector sf = s.lanewise(XOR, SIGN);
      VectorMask<Long> carry = sf.compare(LT, u.lanewise(XOR, SIGN));
      VectorMask<Long> atLeastP = sf.compare(LT, P_FLIPPED).not();
      s.add(EPSILON, carry).sub(Goldilocks.P, atLeastP).intoArray(d, i);
    }
    for (int i = whole; i < count; i++) {
      d[i] = Goldilocks.add(a[ao + i], b[bo + i]);
    }
  }

  /**
   * d[i] = a[ao + i] − b[bo + i] (mod p), canonical, for canonical inputs, any count: a borrow adds
   * p back (subtracts EPSILON modulo 2^64). d may be a or b at offset 0.
   */
  public static void subtract(long[] d, long[] a, int ao, long[] b, int bo, int count) {
    int whole = count - count % LANES;
    for (int i = 0; i < whole; i += LANES) {
      LongVector u = LongVector.fromArray(SPECIES, a, ao + i);
      LongVector v = LongVector.fromArray(SPECIES, b, bo + i);
      VectorMask<Long> borrow = u.lanewise(XOR, SIGN).compare(LT, v.lanewise(XOR, SIGN));
      u.sub(v).sub(EPSILON, borrow).intoArray(d, i);
    }
    for (int i = whole; i < count; i++) {
      d[i] = Goldilocks.sub(a[ao + i], b[bo + i]);
    }
  }

  /**
   * d[i] = a[ao + i]·k (mod p), canonical, for i in [0, count), any count (a scalar loop takes the
   * rest after the last whole vector); a[ao + i] canonical. d may be a.
   */
  public static void multiplyBy(long[] d, long[] a, int ao, long k, int count) {
    long kl = k & LOW32;
    long kh = k >>> 32;
    int whole = count - count % LANES;
    for (int i = 0; i < whole; i += LANES) {
      LongVector v = LongVector.fromArray(SPECIES, a, ao + i);
      LongVector vl = v.and(LOW32);
      LongVector vh = v.lanewise(LSHR, 32);
      LongVector ll = vl.mul(kl);
      LongVector lh = vl.mul(kh);
      LongVector hl = vh.mul(kl);
      LongVector mid = ll.lanewise(LSHR, 32).add(lh.and(LOW32)).add(hl.and(LOW32));
      LongVector lo = mid.lanewise(LSHL, 32).or(ll.and(LOW32));
      LongVector hi = vh.mul(kh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32))
          .add(mid.lanewise(LSHR, 32));
      LongVector hiHi = hi.lanewise(LSHR, 32);
      LongVector t0 = lo.sub(hiHi)
          .sub(EPSILON, lo.lanewise(XOR, SIGN).compare(LT, hiHi.lanewise(XOR, SIGN)));
      LongVector hiLo = hi.and(LOW32);
      LongVector t1 = hiLo.lanewise(LSHL, 32).sub(hiLo);
      LongVector r = t0.add(t1);
      r = r.add(EPSILON, r.lanewise(XOR, SIGN).compare(LT, t1.lanewise(XOR, SIGN)));
      // canonical: subtract p where r ≥ p (unsigned), i.e. where not r <u p
      r.sub(Goldilocks.P, r.lanewise(XOR, SIGN).compare(LT, P_FLIPPED).not()).intoArray(d, i);
    }
    Goldilocks.multiplyBy(d, whole, a, ao + whole, k, count - whole);
  }

  /**
   * Runs the kernels on random and edge-case values against the scalar formulas; false when a lane
   * differs (an incubating API that changed its meaning, a JIT bug): the NTT then stays scalar.
   */
  static boolean agreesWithScalar() {
    return butterfliesAgree() && multiplyAccumulateAgrees() && multiplyByAgrees() && dotAgrees()
        && elementwiseAgrees();
  }

  private static boolean butterfliesAgree() {
    int n = Math.max(128, 4 * LANES);
    long[] a = new long[2 * n];
    long[] tw = new long[n];
    SplittableRandom random = new SplittableRandom(20261124);
    long[] edges = {0, 1, Goldilocks.P - 1, Goldilocks.P, -1L, EPSILON, EPSILON + 1, SIGN, SIGN - 1};
    for (int k = 0; k < n; k++) {
      boolean edge = k < edges.length * edges.length;
      a[k] = edge ? edges[k / edges.length] : random.nextLong();
      a[n + k] = edge ? edges[k % edges.length] : random.nextLong();
      tw[k] = Goldilocks.reduce(edge ? edges[k % 5] : random.nextLong());
    }
    long[] b = a.clone();
    butterflies(a, 0, n, tw, 0, n);
    for (int k = 0; k < n; k++) {
      long u = b[k];
      long v = b[n + k];
      long sum = Goldilocks.add(Goldilocks.reduce(u), Goldilocks.reduce(v));
      long product = Goldilocks.mul(Goldilocks.sub(Goldilocks.reduce(u), Goldilocks.reduce(v)), tw[k]);
      if (Goldilocks.reduce(a[k]) != sum || Goldilocks.reduce(a[n + k]) != product) {
        return false;
      }
    }
    return true;
  }

  private static boolean multiplyAccumulateAgrees() {
    int n = 8 * LANES + 3;
    SplittableRandom random = new SplittableRandom(1124);
    long[] x = new long[n];
    long[][] acc = new long[6][];
    for (int r = 0; r < 3; r++) {
      acc[r] = new long[n];
      for (int i = 0; i < n; i++) {
        // near-full words so that carries happen; top small, as it counts carries
        acc[r][i] = r == 2 ? random.nextInt(1000) : i % 3 == 0 ? -1L - i : random.nextLong();
      }
      acc[r + 3] = acc[r].clone();
    }
    for (int i = 0; i < n; i++) {
      x[i] = i % 4 == 0 ? Goldilocks.P - 1 - i : Goldilocks.reduce(random.nextLong());
    }
    for (int round = 0; round < 3; round++) {
      long k = round == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      multiplyAccumulate(acc[0], acc[1], acc[2], 0, x, 0, k, n);
      Goldilocks.multiplyAccumulate(acc[3], acc[4], acc[5], 0, x, 0, k, n);
    }
    for (int i = 0; i < 3; i++) {
      if (!Arrays.equals(acc[i], acc[i + 3])) {
        return false;
      }
    }
    return true;
  }

  private static boolean dotAgrees() {
    int n = 16 * LANES + 7;
    SplittableRandom random = new SplittableRandom(24112026);
    long[] x = new long[n];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      // many products near (p − 1)^2 so that every carry chain is taken
      x[i] = i % 2 == 0 ? Goldilocks.P - 1 - (i % 7) : Goldilocks.reduce(random.nextLong());
      y[i] = i % 3 != 2 ? Goldilocks.P - 1 - (i % 5) : Goldilocks.reduce(random.nextLong());
    }
    for (int off = 0; off < 3; off++) {
      if (dot(x, off, y, 2 - off, n - 3) != Goldilocks.dot(x, off, y, 2 - off, n - 3)) {
        return false;
      }
    }
    return true;
  }

  private static boolean elementwiseAgrees() {
    int n = 8 * LANES + 5;
    SplittableRandom random = new SplittableRandom(112426);
    long[] edges = {0, 1, 2, EPSILON, EPSILON + 1, Goldilocks.P - 2, Goldilocks.P - 1, SIGN, SIGN - 1};
    long[] a = new long[n];
    long[] b = new long[n];
    for (int i = 0; i < n; i++) {
      boolean edge = i < edges.length * edges.length;
      a[i] = edge ? edges[i / edges.length] : Goldilocks.reduce(random.nextLong());
      b[i] = edge ? edges[i % edges.length] : Goldilocks.reduce(random.nextLong());
    }
    long[] d = new long[n];
    multiply(d, a, 0, b, 0, n);
    for (int i = 0; i < n; i++) {
      if (d[i] != Goldilocks.mul(a[i], b[i])) {
        return false;
      }
    }
    add(d, a, 0, b, 0, n);
    for (int i = 0; i < n; i++) {
      if (d[i] != Goldilocks.add(a[i], b[i])) {
        return false;
      }
    }
    subtract(d, a, 0, b, 0, n);
    for (int i = 0; i < n; i++) {
      if (d[i] != Goldilocks.sub(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean multiplyByAgrees() {
    int n = 4 * LANES + 5;
    SplittableRandom random = new SplittableRandom(2411);
    long[] a = new long[n];
    long[] d = new long[n];
    for (long k : new long[] {0, 1, Goldilocks.P - 1, EPSILON, Goldilocks.reduce(random.nextLong())}) {
      for (int i = 0; i < n; i++) {
        a[i] = i % 3 == 0 ? Goldilocks.P - 1 - (i % 5) : i % 3 == 1 ? i : Goldilocks.reduce(random.nextLong());
      }
      multiplyBy(d, a, 0, k, n);
      for (int i = 0; i < n; i++) {
        if (d[i] != Goldilocks.mul(a[i], k)) {
          return false;
        }
      }
    }
    return true;
  }
}
