package io.entangled.zkvm.stark.bench;

import io.entangled.zkvm.stark.backend.ProverPool;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Merkle commitment of 2^20 rows × 16 columns (SHA-256 leaves of 128 bytes), all threads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MerkleBenchmark {
  long[][] columns;

  @Setup
  public void setup() {
    columns = new long[16][1 << 20];
    for (int c = 0; c < 16; c++) {
      for (int r = 0; r < columns[c].length; r++) {
        columns[c][r] = r * 16L + c;
      }
    }
  }

  @Benchmark
  public byte[] commit() {
    return MerkleTree.commit(columns, 0, ProverPool.defaultPool()).cap();
  }
}
