package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.backend.CpuProverBackend;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Proofs must be byte-identical whatever the thread count (and, later, the backend). */
class DeterminismTest {
  @Test
  void oneThreadAndManyThreadsGiveTheSameBytes() {
    StarkParameters p = new StarkParameters(2, 2, 1, 8, 4, 1);
    long[] values = new long[1 << 12];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 7L) % 256;
    }
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool four = new ForkJoinPool(4);
    try {
      byte[] a = new StarkProver(p, new CpuProverBackend(one), one, true)
          .prove(ExampleAirs.rangeCheck(), ExampleAirs.rangeCheckTraces(values), new long[0]);
      byte[] b = new StarkProver(p, new CpuProverBackend(four), four, true)
          .prove(ExampleAirs.rangeCheck(), ExampleAirs.rangeCheckTraces(values), new long[0]);
      assertThat(b).isEqualTo(a);
      long[][] fib = ExampleAirs.fibonacciTrace(1 << 15, 1, 2);
      byte[] c = new StarkProver(p, new CpuProverBackend(one), one, true)
          .prove(ExampleAirs.fibonacci(), List.<long[][]>of(fib), ExampleAirs.fibonacciPublic(fib));
      byte[] d = new StarkProver(p, new CpuProverBackend(four), four, true)
          .prove(ExampleAirs.fibonacci(), List.<long[][]>of(fib), ExampleAirs.fibonacciPublic(fib));
      assertThat(d).isEqualTo(c);
    } finally {
      one.shutdown();
      four.shutdown();
    }
  }
}
