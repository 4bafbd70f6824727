package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndTest {
  static final StarkParameters FAST = new StarkParameters(2, 2, 2, 12, 4, 1);

  @Test
  void provesAndVerifiesFibonacci() {
    Air air = ExampleAirs.fibonacci();
    long[][] trace = ExampleAirs.fibonacciTrace(64, 1, 1);
    byte[] proof = new StarkProver(FAST).prove(air, List.<long[][]>of(trace), ExampleAirs.fibonacciPublic(trace));
    VerificationResult r = new StarkVerifier(0).verify(air, proof);
    assertThat(r.reason()).isEqualTo("accepted");
  }

  @Test
  void provesAndVerifiesRangeCheckThroughPreprocessedTable() {
    Air air = ExampleAirs.rangeCheck();
    long[] values = new long[128];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37L) % 256;
    }
    byte[] proof = new StarkProver(FAST).prove(air, ExampleAirs.rangeCheckTraces(values), new long[0]);
    assertThat(new StarkVerifier(0).verify(air, proof).reason()).isEqualTo("accepted");
  }

  @Test
  void provesAndVerifiesTwoTablePermutation() {
    Air air = ExampleAirs.permutation();
    byte[] proof = new StarkProver(FAST).prove(air, ExampleAirs.permutationTraces(32), new long[0]);
    assertThat(new StarkVerifier(0).verify(air, proof).reason()).isEqualTo("accepted");
  }
}
