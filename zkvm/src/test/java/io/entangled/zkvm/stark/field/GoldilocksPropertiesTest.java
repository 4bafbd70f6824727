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
}
