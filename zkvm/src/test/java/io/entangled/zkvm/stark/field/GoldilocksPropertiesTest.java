package io.entangled.zkvm.stark.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GoldilocksPropertiesTest {
  static final BigInteger P = new BigInteger("18446744069414584321");

  static long canon(long x) {
    return Long.remainderUnsigned(x, Goldilocks.P);
  }

  static BigInteger big(long x) {
    return new BigInteger(Long.toUnsignedString(x));
  }

  @Property
  void addMatchesBigInteger(@ForAll long x, @ForAll long y) {
    long a = canon(x);
    long b = canon(y);
    assertThat(big(Goldilocks.add(a, b))).isEqualTo(big(a).add(big(b)).mod(P));
  }

  @Property
  void subMatchesBigInteger(@ForAll long x, @ForAll long y) {
    long a = canon(x);
    long b = canon(y);
    assertThat(big(Goldilocks.sub(a, b))).isEqualTo(big(a).subtract(big(b)).mod(P));
  }

  @Property
  void mulMatchesBigIntegerEvenForNonCanonicalInputs(@ForAll long a, @ForAll long b) {
    assertThat(big(Goldilocks.mul(a, b))).isEqualTo(big(a).multiply(big(b)).mod(P));
  }

  @Property
  void inverseMatchesBigInteger(@ForAll long x) {
    long a = canon(x);
    if (a == 0) {
      return;
    }
    assertThat(big(Goldilocks.inv(a))).isEqualTo(big(a).modInverse(P));
  }

  @Property
  void batchInverseMatchesSingleInverses(@ForAll long x, @ForAll long y, @ForAll long z) {
    long[] in = {canon(x) | 1, canon(y) | 1, canon(z) | 1};
    long[] out = Goldilocks.batchInverse(in);
    for (int i = 0; i < in.length; i++) {
      assertThat(out[i]).isEqualTo(Goldilocks.inv(in[i]));
    }
  }

  @Property
  void arithmeticNearTheModulusAndTwoToThe32(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1 << 20) int i,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1 << 20) int j, @ForAll boolean low) {
    long a = Goldilocks.P - 1 - i;
    long b = low ? Goldilocks.EPSILON - j : Goldilocks.P - 1 - j;
    assertThat(big(Goldilocks.add(a, b))).isEqualTo(big(a).add(big(b)).mod(P));
    assertThat(big(Goldilocks.sub(b, a))).isEqualTo(big(b).subtract(big(a)).mod(P));
    assertThat(big(Goldilocks.mul(a, b))).isEqualTo(big(a).multiply(big(b)).mod(P));
  }

  @Test
  void edgeCasesNearTheModulus() {
    long pm1 = Goldilocks.P - 1;
    assertThat(Goldilocks.add(pm1, 1)).isZero();
    assertThat(Goldilocks.sub(0, 1)).isEqualTo(pm1);
    assertThat(Goldilocks.mul(pm1, pm1)).isEqualTo(1);
    assertThat(Goldilocks.reduce(-1L)).isEqualTo(Goldilocks.EPSILON - 1);
    assertThatThrownBy(() -> Goldilocks.inv(0)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void rootsOfUnityHaveExactOrder() {
    for (int k = 1; k <= 32; k++) {
      long w = Goldilocks.rootOfUnity(k);
      assertThat(Goldilocks.pow(w, 1L << k)).isEqualTo(1);
      assertThat(Goldilocks.pow(w, 1L << (k - 1))).isEqualTo(Goldilocks.P - 1);
    }
  }

  @Test
  void sevenIsAQuadraticNonResidue() {
    assertThat(Goldilocks.pow(7, (Goldilocks.P - 1) >>> 1)).isEqualTo(Goldilocks.P - 1);
  }

  private static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  @Property
  void reduce192MatchesBigInteger(@ForAll long hi, @ForAll long lo, @ForAll int topBits) {
    long top = topBits & 0xFFFF_FFFFL;
    BigInteger v = BigInteger.valueOf(top).shiftLeft(128).add(unsigned(hi).shiftLeft(64))
        .add(unsigned(lo));
    assertThat(Goldilocks.reduce192(top, hi, lo)).isEqualTo(v.mod(unsigned(Goldilocks.P)).longValue());
  }

  @Test
  void multiplyAccumulateSumsExactly() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    int n = 37;
    long[] lo = new long[n];
    long[] hi = new long[n];
    long[] top = new long[n];
    BigInteger[] expected = new BigInteger[n];
    java.util.Arrays.fill(expected, BigInteger.ZERO);
    long[] x = new long[n + 3];
    for (int round = 0; round < 200; round++) {
      long k = round % 7 == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      for (int i = 0; i < x.length; i++) {
        x[i] = i % 5 == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      }
      Goldilocks.multiplyAccumulate(lo, hi, top, 0, x, 3, k, n);
      for (int i = 0; i < n; i++) {
        expected[i] = expected[i].add(unsigned(k).multiply(unsigned(x[3 + i])));
      }
    }
    for (int i = 0; i < n; i++) {
      BigInteger got = BigInteger.valueOf(top[i]).shiftLeft(128).add(unsigned(hi[i]).shiftLeft(64))
          .add(unsigned(lo[i]));
      assertThat(got).as("row %d", i).isEqualTo(expected[i]);
      assertThat(Goldilocks.reduce192(top[i], hi[i], lo[i]))
          .isEqualTo(expected[i].mod(unsigned(Goldilocks.P)).longValue());
    }
  }

  @Test
  void dotProductMatchesBigIntegers() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int n : new int[] {0, 1, 2, 37, 1000}) {
      long[] x = new long[n + 2];
      long[] y = new long[n + 5];
      for (int i = 0; i < x.length; i++) {
        x[i] = i % 3 == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = i % 2 == 0 ? Goldilocks.P - 1 - i : Goldilocks.reduce(random.nextLong());
      }
      BigInteger expected = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        expected = expected.add(unsigned(x[2 + i]).multiply(unsigned(y[5 + i])));
      }
      assertThat(Goldilocks.dot(x, 2, y, 5, n)).as("n = %d", n)
          .isEqualTo(expected.mod(unsigned(Goldilocks.P)).longValue());
    }
  }
}
