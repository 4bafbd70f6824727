package io.entangled.zkvm.stark.bench;

import io.entangled.zkvm.stark.backend.ProverPool;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.poly.Ntt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Forward NTT of 2^logN Goldilocks elements, one thread or the prover pool (one worker per core). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NttBenchmark {
  @Param({"20", "22"})
  int logN;

  @Param({"1", "all"})
  String threads;

  long[] input;
  long[] work;

  @Setup
  public void setup() {
    Random r = new Random(1);
    input = new long[1 << logN];
    for (int i = 0; i < input.length; i++) {
      input[i] = Goldilocks.reduce(r.nextLong());
    }
    work = new long[input.length];
  }

  @Benchmark
  public long[] forward() {
    System.arraycopy(input, 0, work, 0, input.length);
    Ntt.forward(work, "1".equals(threads) ? null : ProverPool.defaultPool());
    return work;
  }
}
