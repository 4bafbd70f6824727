package io.entangled.zkvm.stark.poly;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NttTest {
  static long[] random(int n, long seed) {
    Random r = new Random(seed);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = Goldilocks.reduce(r.nextLong());
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

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 15, 17})
  void parallelForwardAndInverseRoundTrip(int log) {
    long[] coeffs = random(1 << log, 99);
    long[] seq = coeffs.clone();
    long[] par = coeffs.clone();
    Ntt.forward(seq, null);
    Ntt.forward(par, ForkJoinPool.commonPool());
    assertThat(par).isEqualTo(seq);
    Ntt.inverse(par, ForkJoinPool.commonPool());
    assertThat(par).isEqualTo(coeffs);
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
}
