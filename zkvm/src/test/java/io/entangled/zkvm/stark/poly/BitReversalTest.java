package io.entangled.zkvm.stark.poly;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BitReversalTest {
  static IntStream logSizes() {
    return IntStream.rangeClosed(0, 14);
  }

  /** Value at i: i itself, lifted by p at odd i so that the pass must also reduce it. */
  static long[] indices(int n) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i & 1) == 0 ? i : i + Goldilocks.P;
    }
    return a;
  }

  static int reversed(int i, int logN) {
    return logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN);
  }

  @ParameterizedTest
  @MethodSource("logSizes")
  void movesEveryValueToItsBitReversedIndexInCanonicalForm(int logN) {
    int n = 1 << logN;
    long[] a = indices(n);
    BitReversal.permute(a, 1);
    for (int i = 0; i < n; i++) {
      assertThat(a[i]).as("index %d of 2^%d", i, logN).isEqualTo(reversed(i, logN));
    }
  }

  @ParameterizedTest
  @MethodSource("logSizes")
  void scalesEveryValueWhilePermuting(int logN) {
    int n = 1 << logN;
    long scale = Goldilocks.inv(n == 1 ? 3 : n);
    long[] a = indices(n);
    BitReversal.permute(a, scale);
    for (int i = 0; i < n; i++) {
      assertThat(a[i]).as("index %d of 2^%d", i, logN)
          .isEqualTo(Goldilocks.mul(reversed(i, logN), scale));
    }
  }
}
