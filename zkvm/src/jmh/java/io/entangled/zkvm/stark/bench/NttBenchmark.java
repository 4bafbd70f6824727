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
 * per core). {@code input=padded} zeroes the top three quarters, as a 4× low-degree extension does;
 * {@code input=sparse} keeps 1 % of the values. {@code firstSeen} runs 20 transforms of that shape
 * before JMH's warm-up, so the JIT compiles the kernels on that profile first (as in a prover whose
 * first columns are zero-padded or sparse); the code must not get slower on random input after it.
 * The kernels follow the JVM's flags (see {@link Ntt#kernels()}, printed at set-up): the SIMD ones
 * with {@code --add-modules jdk.incubator.vector}, the scalar ones with
 * {@code -jvmArgsAppend -Dentangled.zkvm.vector=false}.
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

  @Param({"none"})
  String firstSeen;

  long[] source;
  long[] work;

  @Setup
  public void setup() {
    System.out.println("NTT kernels: " + Ntt.kernels());
    if (!"none".equals(firstSeen)) {
      long[] first = values(firstSeen, 1 << logN);
      for (int i = 0; i < 20; i++) {
        Ntt.forward(first.clone(), null);
      }
    }
    source = values(input, 1 << logN);
    work = new long[source.length];
  }

  static long[] values(String shape, int n) {
    Random r = new Random(1);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = Goldilocks.reduce(r.nextLong());
    }
    switch (shape) {
      case "random" -> { }
      case "padded" -> Arrays.fill(a, n / 4, n, 0);
      case "sparse" -> {
        for (int i = 0; i < n; i++) {
          a[i] = r.nextInt(100) == 0 ? a[i] : 0;
        }
      }
      default -> throw new IllegalArgumentException(
          "input shape: random, padded or sparse, not " + shape);
    }
    return a;
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
