package io.entangled.zkvm.stark.bench;

import io.entangled.zkvm.stark.ExampleAirs;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.StarkVerifier;
import io.entangled.zkvm.stark.VerificationResult;
import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Prove and verify the Fibonacci AIR with default parameters; prints the proof size once. */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FibonacciBenchmark {
  @Param({"20"})
  int logRows;

  Air air;
  long[][] trace;
  long[] publicValues;
  byte[] proof;
  StarkProver prover;
  StarkVerifier verifier;

  @Setup
  public void setup() {
    air = ExampleAirs.fibonacci();
    trace = ExampleAirs.fibonacciTrace(1 << logRows, 1, 1);
    publicValues = ExampleAirs.fibonacciPublic(trace);
    prover = new StarkProver(StarkParameters.defaults());
    verifier = new StarkVerifier(100);
    proof = prover.prove(air, List.<long[][]>of(trace), publicValues);
    System.out.println("proof size 2^" + logRows + " rows: " + proof.length + " bytes");
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public byte[] prove() {
    return prover.prove(air, List.<long[][]>of(trace), publicValues);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public VerificationResult verify() {
    VerificationResult r = verifier.verify(air, proof);
    if (!r.accepted()) {
      throw new IllegalStateException(r.reason());
    }
    return r;
  }
}
