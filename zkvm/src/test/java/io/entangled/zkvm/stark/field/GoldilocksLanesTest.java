package io.entangled.zkvm.stark.field;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.poly.Ntt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the scalar field arithmetic. Surefire runs the unit tests with
 * {@code --add-modules jdk.incubator.vector}; a second Surefire execution runs {@link NttTest}
 * again with {@code -Dentangled.zkvm.vector=false}, so both kernels pass the same transforms.
 */
class GoldilocksLanesTest {
  private static final boolean ENABLED =
      Boolean.parseBoolean(System.getProperty("entangled.zkvm.vector", "true"));

  @Test
  void theProverUsesTheVectorKernelsWhenTheJvmHasTheModule() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (module && ENABLED && GoldilocksLanes.LANES >= 4) {
      assertThat(Simd.ENABLED).isTrue();
      assertThat(Ntt.kernels()).isEqualTo("vector (" + GoldilocksLanes.LANES + " lanes)");
    } else {
      assertThat(Simd.ENABLED).isFalse();
      assertThat(Ntt.kernels()).isEqualTo("scalar");
    }
  }

  @Test
  void multiplyAccumulateMatchesTheScalarLoopAtOffsetsAndOddLengths() {
    SplittableRandom random = new SplittableRandom(9);
    for (int count : new int[] {0, 1, GoldilocksLanes.LANES - 1, 5 * GoldilocksLanes.LANES + 3}) {
      long[][] acc = new long[6][count + 4];
      for (int w = 0; w < 3; w++) {
        for (int i = 0; i < count + 4; i++) {
          acc[w][i] = w == 2 ? random.nextInt(100) : random.nextInt(3) == 0 ? -1L : random.nextLong();
        }
        acc[w + 3] = acc[w].clone();
      }
      long[] x = new long[count + 9];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(3) == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      }
      for (int round = 0; round < 50; round++) {
        long k = round == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
        GoldilocksLanes.multiplyAccumulate(acc[0], acc[1], acc[2], 4, x, 9, k, count);
        Goldilocks.multiplyAccumulate(acc[3], acc[4], acc[5], 4, x, 9, k, count);
      }
      for (int w = 0; w < 3; w++) {
        assertThat(acc[w]).as("count %d word %d", count, w).isEqualTo(acc[w + 3]);
      }
    }
  }

  @Test
  void dotMatchesTheScalarLoopAtOffsetsAndOddLengths() {
    SplittableRandom random = new SplittableRandom(19);
    int lanes = GoldilocksLanes.LANES;
    for (int count : new int[] {0, 1, lanes - 1, lanes, 7 * lanes + 5, 4096 + 3}) {
      long[] x = new long[count + 3];
      long[] y = new long[count + 1];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(3) == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextInt(3) == 0 ? Goldilocks.P - 2 : Goldilocks.reduce(random.nextLong());
      }
      assertThat(GoldilocksLanes.dot(x, 3, y, 1, count)).as("count %d", count)
          .isEqualTo(Goldilocks.dot(x, 3, y, 1, count));
    }
  }

  @Test
  void elementwiseKernelsAreCanonicalAndMatchTheFieldAtOffsetsAndOddLengths() {
    SplittableRandom random = new SplittableRandom(23);
    int lanes = GoldilocksLanes.LANES;
    for (int count : new int[] {0, 1, lanes - 1, 3 * lanes, 9 * lanes + 7}) {
      long[] a = new long[count + 2];
      long[] b = new long[count + 5];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextInt(4) == 0 ? Goldilocks.P - 1 : Goldilocks.reduce(random.nextLong());
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(4) == 0 ? Goldilocks.P - 1 - random.nextInt(3)
            : random.nextInt(4) == 0 ? random.nextInt(3) : Goldilocks.reduce(random.nextLong());
      }
      long[] product = new long[count];
      long[] sum = new long[count];
      long[] difference = new long[count];
      GoldilocksLanes.multiply(product, a, 2, b, 5, count);
      GoldilocksLanes.add(sum, a, 2, b, 5, count);
      GoldilocksLanes.subtract(difference, a, 2, b, 5, count);
      for (int i = 0; i < count; i++) {
        assertThat(product[i]).as("product %d of %d", i, count).isEqualTo(Goldilocks.mul(a[2 + i], b[5 + i]));
        assertThat(sum[i]).as("sum %d of %d", i, count).isEqualTo(Goldilocks.add(a[2 + i], b[5 + i]));
        assertThat(difference[i]).as("difference %d of %d", i, count)
            .isEqualTo(Goldilocks.sub(a[2 + i], b[5 + i]));
      }
    }
  }

  @Test
  void selfTestPasses() {
    assertThat(GoldilocksLanes.agreesWithScalar()).isTrue();
  }

  @Test
  void butterfliesMatchTheFieldFormulasOnLazyInputsAtOffsets() {
    SplittableRandom random = new SplittableRandom(7);
    int lanes = GoldilocksLanes.LANES;
    int count = 32 * lanes;
    long[] a = new long[3 * count + 5];
    long[] tw = new long[count + 3];
    for (int i = 0; i < a.length; i++) {
      // lazy representatives: any 64-bit value, many of them at or above p
      a[i] = random.nextInt(4) == 0 ? Goldilocks.P + random.nextLong(Goldilocks.EPSILON)
          : random.nextLong();
    }
    for (int i = 0; i < tw.length; i++) {
      tw[i] = Goldilocks.reduce(random.nextLong());
    }
    long[] before = a.clone();
    int x = 5;
    int y = 5 + 2 * count;
    GoldilocksLanes.butterflies(a, x, y, tw, 3, count);
    for (int k = 0; k < count; k++) {
      long u = Goldilocks.reduce(before[x + k]);
      long v = Goldilocks.reduce(before[y + k]);
      assertThat(Goldilocks.reduce(a[x + k])).as("sum %d", k).isEqualTo(Goldilocks.add(u, v));
      assertThat(Goldilocks.reduce(a[y + k])).as("product %d", k)
          .isEqualTo(Goldilocks.mul(Goldilocks.sub(u, v), tw[3 + k]));
    }
    for (int i = 0; i < a.length; i++) {
      if (i < x || (i >= x + count && i < y) || i >= y + count) {
        assertThat(a[i]).as("untouched %d", i).isEqualTo(before[i]);
      }
    }
  }

  @Test
  void multiplyByIsCanonicalAndMatchesTheFieldAtOffsetsAndOddLengths() {
    SplittableRandom random = new SplittableRandom(13);
    for (int count : new int[] {0, 1, GoldilocksLanes.LANES + 1, 9 * GoldilocksLanes.LANES + 5}) {
      long[] a = new long[count + 7];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextInt(3) == 0 ? Goldilocks.P - 1 - random.nextInt(4)
            : Goldilocks.reduce(random.nextLong());
      }
      for (long k : new long[] {0, 1, Goldilocks.P - 1, Goldilocks.reduce(random.nextLong())}) {
        long[] d = new long[count];
        GoldilocksLanes.multiplyBy(d, a, 7, k, count);
        for (int i = 0; i < count; i++) {
          assertThat(d[i]).as("count %d k %d i %d", count, k, i).isEqualTo(Goldilocks.mul(a[7 + i], k));
        }
      }
    }
  }
}
