package io.entangled.zkvm.stark.poly;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD butterfly against the scalar field arithmetic. Surefire runs the unit tests with
 * {@code --add-modules jdk.incubator.vector}; a second Surefire execution runs {@link NttTest}
 * again with {@code -Dentangled.zkvm.vector=false}, so both kernels pass the same transforms.
 */
class VectorButterfliesTest {
  private static final boolean ENABLED =
      Boolean.parseBoolean(System.getProperty("entangled.zkvm.vector", "true"));

  @Test
  void theNttUsesTheVectorKernelsWhenTheJvmHasTheModule() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (module && ENABLED && VectorButterflies.LANES >= 4) {
      assertThat(Ntt.kernels()).isEqualTo("vector (" + VectorButterflies.LANES + " lanes)");
    } else {
      assertThat(Ntt.kernels()).isEqualTo("scalar");
    }
  }

  @Test
  void selfTestPasses() {
    assertThat(VectorButterflies.agreesWithScalar()).isTrue();
  }

  @Test
  void butterfliesMatchTheFieldFormulasOnLazyInputsAtOffsets() {
    SplittableRandom random = new SplittableRandom(7);
    int lanes = VectorButterflies.LANES;
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
    VectorButterflies.butterflies(a, x, y, tw, 3, count);
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
}
