package io.entangled.zkvm.stark.poly;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.math.BigInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LazyGoldilocksTest {
  static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));
  static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  static BigInteger big(long x) {
    return new BigInteger(Long.toUnsignedString(x));
  }

  /** The field element a lazy representative stands for. */
  static BigInteger value(long lazy) {
    return big(lazy).mod(P);
  }

  /** Values where carries, borrows and their second rounds happen: near 0, p, 2^32 and 2^64. */
  static final long[] EDGES = LongStream.of(0, 1, 2, Goldilocks.EPSILON - 1, Goldilocks.EPSILON,
      1L << 32, Goldilocks.P - 1, Goldilocks.P, Goldilocks.P + 1, -Goldilocks.EPSILON - 1,
      -Goldilocks.EPSILON, -Goldilocks.EPSILON + 1, -2, -1, Long.MAX_VALUE, Long.MIN_VALUE)
      .toArray();

  @Provide
  Arbitrary<Long> lazy() {
    return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(box(EDGES)),
        Arbitraries.longs().between(-Goldilocks.EPSILON - 16, -1),
        Arbitraries.longs().between(0, Goldilocks.EPSILON + 16));
  }

  static Long[] box(long[] values) {
    return LongStream.of(values).boxed().toArray(Long[]::new);
  }

  static Stream<Arguments> edgePairs() {
    return LongStream.of(EDGES).boxed()
        .flatMap(a -> LongStream.of(EDGES).mapToObj(b -> Arguments.of(a, b)));
  }

  @Property(tries = 5000)
  void addIsCongruentToTheSum(@ForAll("lazy") long a, @ForAll("lazy") long b) {
    assertThat(value(LazyGoldilocks.add(a, b))).isEqualTo(value(a).add(value(b)).mod(P));
  }

  @Property(tries = 5000)
  void subIsCongruentToTheDifference(@ForAll("lazy") long a, @ForAll("lazy") long b) {
    assertThat(value(LazyGoldilocks.sub(a, b))).isEqualTo(value(a).subtract(value(b)).mod(P));
  }

  @Property(tries = 5000)
  void mulIsCongruentToTheProduct(@ForAll("lazy") long a, @ForAll("lazy") long b) {
    assertThat(value(LazyGoldilocks.mul(a, b))).isEqualTo(value(a).multiply(value(b)).mod(P));
  }

  @Property(tries = 5000)
  void mulTwo48IsMultiplicationByTheFourthRootOfUnity(@ForAll("lazy") long a) {
    assertThat(value(LazyGoldilocks.mulTwo48(a))).isEqualTo(value(a).shiftLeft(48).mod(P));
  }

  @Property(tries = 5000)
  void reduce128IsCongruentToThe128BitValue(@ForAll("lazy") long hi, @ForAll("lazy") long lo) {
    BigInteger wide = big(hi).multiply(TWO_64).add(big(lo));
    assertThat(value(LazyGoldilocks.reduce128(hi, lo))).isEqualTo(wide.mod(P));
  }

  @ParameterizedTest
  @MethodSource("edgePairs")
  void everyOperationIsCorrectOnEdgePairs(long a, long b) {
    assertThat(value(LazyGoldilocks.add(a, b))).isEqualTo(value(a).add(value(b)).mod(P));
    assertThat(value(LazyGoldilocks.sub(a, b))).isEqualTo(value(a).subtract(value(b)).mod(P));
    assertThat(value(LazyGoldilocks.mul(a, b))).isEqualTo(value(a).multiply(value(b)).mod(P));
    assertThat(value(LazyGoldilocks.reduce128(a, b)))
        .isEqualTo(big(a).multiply(TWO_64).add(big(b)).mod(P));
  }
}
