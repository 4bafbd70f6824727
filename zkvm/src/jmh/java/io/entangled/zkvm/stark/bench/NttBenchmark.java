package io.entangled.zkvm.stark.bench;

import io.entangled.zkvm.stark.backend.ProverPool;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.poly.Ntt;
import java.util.Arrays;
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

/**
 * Forward and inverse NTT of 2^logN Goldilocks elements, one thread or the prover pool (one worker
 * per core). {@code input=padded} zeroes the top three quarters, as a 4× low-degree extension does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NttBenchmark {
  @Param({"20", "22"})
  int logN;

  @Param({"1", "all"})
  String threads;

  @Param({"random"})
  String input;

  long[] source;
  long[] work;

  @Setup
  public void setup() {
    Random r = new Random(1);
    source = new long[1 << logN];
    for (int i = 0; i < source.length; i++) {
      source[i] = Goldilocks.reduce(r.nextLong());
    }
    if ("padded".equals(input)) {
      Arrays.fill(source, source.length / 4, source.length, 0);
    }
    work = new long[source.length];
  }

  @Benchmark
  public long[] forward() {
    System.arraycopy(source, 0, work, 0, source.length);
    Ntt.forward(work, "1".equals(threads) ? null : ProverPool.defaultPool());
    return work;
  }

  @Benchmark
  public long[] inverse() {
    System.arraycopy(source, 0, work, 0, source.length);
    Ntt.inverse(work, "1".equals(threads) ? null : ProverPool.defaultPool());
    return work;
  }
}
