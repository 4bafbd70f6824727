package io.entangled.zkvm.stark.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.poly.Ntt;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ProverBackendsTest {
  @Test
  void serviceLoaderFindsTheCpuBackend() {
    assertThat(ProverBackends.best()).isInstanceOf(CpuProverBackend.class);
    assertThat(ProverBackends.best().isAvailable()).isTrue();
  }

  @Test
  void cpuLdeOnAPrivatePoolEqualsSequentialNtt() {
    long[][] cols = new long[3][1 << 10];
    for (int c = 0; c < 3; c++) {
      for (int r = 0; r < cols[c].length; r++) {
        cols[c][r] = Goldilocks.reduce(r * 0x9E3779B97F4A7C15L + c);
      }
    }
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      long[][] lde = new CpuProverBackend(pool).lowDegreeExtend(cols, 2);
      long shift = Goldilocks.cosetShift(12);
      for (int c = 0; c < 3; c++) {
        assertThat(lde[c]).isEqualTo(Ntt.cosetLowDegreeExtend(cols[c], 2, shift, null));
      }
    } finally {
      pool.shutdown();
    }
  }
}
