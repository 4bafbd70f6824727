package io.entangled.zkvm.stark.poly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NttTest {
  /** Input shapes: random, and the structured ones a prover feeds (zero padding, constants, −1). */
  enum Shape {
    RANDOM, ZERO_PADDED, ALL_ZERO, ALL_MINUS_ONE, SMALL_AND_MINUS_ONE
  }

  static long[] random(int n, long seed) {
    Random r = new Random(seed);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = Goldilocks.reduce(r.nextLong());
    }
    return a;
  }

  static long[] shaped(Shape shape, int n, long seed) {
    long[] a = random(n, seed);
    switch (shape) {
      case RANDOM -> { }
      case ZERO_PADDED -> Arrays.fill(a, Math.max(1, n / 4), n, 0);
      case ALL_ZERO -> Arrays.fill(a, 0);
      case ALL_MINUS_ONE -> Arrays.fill(a, Goldilocks.P - 1);
      case SMALL_AND_MINUS_ONE -> {
        for (int i = 0; i < n; i++) {
          a[i] = i % 3 == 0 ? Goldilocks.P - 1 : i & 7;
        }
      }
    }
    return a;
  }

  static long eval(long[] coeffs, long x) {
    long r = 0;
    for (int i = coeffs.length - 1; i >= 0; i--) {
      r = Goldilocks.add(Goldilocks.mul(r, x), coeffs[i]);
    }
    return r;
  }

  /** Textbook iterative radix-2 Cooley–Tukey: bit-reverse first, canonical arithmetic throughout. */
  static long[] referenceDft(long[] coeffs, long root) {
    int n = coeffs.length;
    int logN = Integer.numberOfTrailingZeros(n);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN)] = coeffs[i];
    }
    for (int len = 2; len <= n; len <<= 1) {
      long w = Goldilocks.pow(root, n / len);
      for (int start = 0; start < n; start += len) {
        long x = 1;
        for (int j = 0; j < len / 2; j++) {
          long u = a[start + j];
          long v = Goldilocks.mul(a[start + j + len / 2], x);
          a[start + j] = Goldilocks.add(u, v);
          a[start + j + len / 2] = Goldilocks.sub(u, v);
          x = Goldilocks.mul(x, w);
        }
      }
    }
    return a;
  }

  static IntStream everyLogSizeUpTo16() {
    return IntStream.rangeClosed(0, 16);
  }

  @ParameterizedTest
  @MethodSource("everyLogSizeUpTo16")
  void forwardMatchesRadix2ReferenceAtEverySize(int log) {
    long[] coeffs = random(1 << log, 1000 + log);
    long[] a = coeffs.clone();
    Ntt.forward(a, null);
    assertThat(a).isEqualTo(referenceDft(coeffs, Goldilocks.rootOfUnity(log)));
  }

  @ParameterizedTest
  @MethodSource("everyLogSizeUpTo16")
  void inverseMatchesRadix2ReferenceAtEverySize(int log) {
    int n = 1 << log;
    long[] evals = random(n, 2000 + log);
    long[] a = evals.clone();
    Ntt.inverse(a, null);
    long[] expected = referenceDft(evals, Goldilocks.inv(Goldilocks.rootOfUnity(log)));
    long nInv = Goldilocks.inv(n);
    for (int i = 0; i < n; i++) {
      expected[i] = Goldilocks.mul(expected[i], nInv);
    }
    assertThat(a).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void structuredInputsMatchReference(Shape shape) {
    for (int log : new int[] {2, 5, 12, 13, 14}) {
      long[] coeffs = shaped(shape, 1 << log, log);
      long[] a = coeffs.clone();
      Ntt.forward(a, null);
      assertThat(a).as("%s 2^%d", shape, log)
          .isEqualTo(referenceDft(coeffs, Goldilocks.rootOfUnity(log)));
      Ntt.inverse(a, null);
      assertThat(a).as("%s 2^%d round trip", shape, log).isEqualTo(coeffs);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5, 8, 13})
  void forwardMatchesNaiveDft(int log) {
    int n = 1 << log;
    long[] coeffs = random(n, log);
    long[] a = coeffs.clone();
    Ntt.forward(a, null);
    long w = Goldilocks.rootOfUnity(log);
    for (int i = 0; i < n; i += Math.max(1, n / 64)) {
      assertThat(a[i]).isEqualTo(eval(coeffs, Goldilocks.pow(w, i)));
    }
  }

  @Test
  void nonCanonicalInputsGiveTheCanonicalTransform() {
    int n = 1 << 10;
    long[] canonical = random(n, 5);
    long[] lifted = new long[n];
    for (int i = 0; i < n; i++) {
      canonical[i] = Long.remainderUnsigned(canonical[i], Goldilocks.EPSILON);
      lifted[i] = canonical[i] + Goldilocks.P;
    }
    Ntt.forward(canonical, null);
    Ntt.forward(lifted, null);
    assertThat(lifted).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 10, 15, 17})
  void outputsAreCanonical(int log) {
    long[] a = shaped(Shape.SMALL_AND_MINUS_ONE, 1 << log, log);
    Ntt.forward(a, ForkJoinPool.commonPool());
    assertThat(Arrays.stream(a).allMatch(Goldilocks::isCanonical)).isTrue();
    Ntt.inverse(a, ForkJoinPool.commonPool());
    assertThat(Arrays.stream(a).allMatch(Goldilocks::isCanonical)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 15, 17, 18})
  void parallelForwardAndInverseRoundTrip(int log) {
    long[] coeffs = random(1 << log, 99);
    long[] seq = coeffs.clone();
    long[] par = coeffs.clone();
    Ntt.forward(seq, null);
    Ntt.forward(par, ForkJoinPool.commonPool());
    assertThat(par).isEqualTo(seq);
    Ntt.inverse(par, new ForkJoinPool(2));
    assertThat(par).isEqualTo(coeffs);
  }

  @Test
  void parallelForwardMatchesReferenceAboveTheParallelGrain() {
    long[] coeffs = random(1 << 17, 17);
    long[] a = coeffs.clone();
    Ntt.forward(a, new ForkJoinPool(3));
    assertThat(a).isEqualTo(referenceDft(coeffs, Goldilocks.rootOfUnity(17)));
  }

  @Test
  void rejectsLengthThatIsNotAPowerOfTwo() {
    assertThatThrownBy(() -> Ntt.forward(new long[12], null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two: 12");
    assertThatThrownBy(() -> Ntt.inverse(new long[0], null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two: 0");
  }

  /** The oracle: scale by shift^i, pad with zeros, full forward transform. */
  static long[] paddedForward(long[] coeffs, int size, long shift) {
    long[] a = new long[size];
    long s = 1;
    for (int i = 0; i < Math.min(coeffs.length, size); i++) {
      a[i] = Goldilocks.mul(coeffs[i], s);
      s = Goldilocks.mul(s, shift);
    }
    Ntt.forward(a, null);
    return a;
  }

  static Stream<Arguments> zeroPaddedShapes() {
    return IntStream.rangeClosed(0, 10).boxed().flatMap(log -> IntStream.rangeClosed(0, 4)
        .boxed().flatMap(blowup -> IntStream.of(0, 1, 3, (1 << log) - 1, 1 << log).distinct()
            .filter(live -> live <= 1 << log)
            .mapToObj(live -> Arguments.of(log, blowup, live))));
  }

  @ParameterizedTest
  @MethodSource("zeroPaddedShapes")
  void evaluateOnCosetSkipsZeroPaddingButMatchesTheFullTransform(int log, int logBlowup, int live) {
    long[] coeffs = random(live, 31L * log + live);
    int size = 1 << (log + logBlowup);
    long shift = Goldilocks.cosetShift(log + logBlowup);
    assertThat(Ntt.evaluateOnCoset(coeffs, size, shift, null))
        .isEqualTo(paddedForward(coeffs, size, shift));
  }

  @Test
  void evaluateOnCosetInParallelMatchesTheFullTransform() {
    long[] coeffs = random(1 << 15, 15);
    for (int logBlowup : new int[] {1, 2, 3}) {
      int size = coeffs.length << logBlowup;
      long shift = Goldilocks.cosetShift(15 + logBlowup);
      assertThat(Ntt.evaluateOnCoset(coeffs, size, shift, new ForkJoinPool(3)))
          .as("blowup 2^%d", logBlowup).isEqualTo(paddedForward(coeffs, size, shift));
    }
  }

  @Test
  void evaluateOnCosetRejectsSizeThatIsNotAPowerOfTwo() {
    assertThatThrownBy(() -> Ntt.evaluateOnCoset(new long[4], 24, 7, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two: 24");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void cosetLdeMatchesDirectEvaluation(int logBlowup) {
    int log = 6;
    long[] coeffs = random(1 << log, 7);
    long[] evals = coeffs.clone();
    Ntt.forward(evals, null);
    long shift = Goldilocks.cosetShift(log + logBlowup);
    long[] lde = Ntt.cosetLowDegreeExtend(evals, logBlowup, shift, null);
    long w = Goldilocks.rootOfUnity(log + logBlowup);
    for (int i = 0; i < lde.length; i++) {
      assertThat(lde[i]).isEqualTo(eval(coeffs, Goldilocks.mul(shift, Goldilocks.pow(w, i))));
    }
    Ntt.interpolateCoset(lde, shift, null);
    for (int i = 0; i < lde.length; i++) {
      assertThat(lde[i]).isEqualTo(i < coeffs.length ? coeffs[i] : 0);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 12345, Goldilocks.P - 1})
  void aConstantColumnExtendsToTheSameConstantAsTheTransformsGive(long v) {
    int log = 15;
    long[] evals = new long[1 << log];
    java.util.Arrays.fill(evals, v);
    long shift = Goldilocks.cosetShift(log + 1);
    long[] coeffs = evals.clone();
    Ntt.inverse(coeffs, null);
    long[] viaTransforms = Ntt.evaluateOnCoset(coeffs, 2 << log, shift, null);
    assertThat(Ntt.cosetLowDegreeExtend(evals, 1, shift, null)).isEqualTo(viaTransforms)
        .containsOnly(v);
    // one entry different: no shortcut, and the low-degree extension still interpolates the column
    evals[evals.length - 1] = v ^ 1;
    long[] lde = Ntt.cosetLowDegreeExtend(evals, 1, shift, null);
    Ntt.interpolateCoset(lde, shift, null);
    long[] expected = evals.clone();
    Ntt.inverse(expected, null);
    assertThat(java.util.Arrays.copyOf(lde, evals.length)).isEqualTo(expected);
  }
}
