package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The three example AIRs under several blowups, arities, final degrees and cap heights. */
class ParameterSweepTest {

  @ParameterizedTest(name = "blowup 2^{0}, arity 2^{1}, final 2^{2}, cap {3}")
  @CsvSource({"1,1,0,0", "1,4,2,3", "2,3,3,2", "3,2,1,1", "2,1,5,8"})
  void allExampleAirsProveAndVerify(int logBlowup, int arityBits, int logFinal, int cap) {
    StarkParameters p = new StarkParameters(logBlowup, arityBits, logFinal, 8, 2, cap);
    StarkProver prover = new StarkProver(p);
    StarkVerifier verifier = new StarkVerifier(0);
    long[][] fib = ExampleAirs.fibonacciTrace(128, 3, 4);
    assertThat(verifier.verify(ExampleAirs.fibonacci(),
        prover.prove(ExampleAirs.fibonacci(), List.<long[][]>of(fib), ExampleAirs.fibonacciPublic(fib))).reason())
        .isEqualTo("accepted");
    long[] values = new long[512];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 101L) % 256;
    }
    assertThat(verifier.verify(ExampleAirs.rangeCheck(),
        prover.prove(ExampleAirs.rangeCheck(), ExampleAirs.rangeCheckTraces(values), new long[0])).reason())
        .isEqualTo("accepted");
    assertThat(verifier.verify(ExampleAirs.permutation(),
        prover.prove(ExampleAirs.permutation(), ExampleAirs.permutationTraces(8), new long[0])).reason())
        .isEqualTo("accepted");
  }

  @Test
  void constraintDegreeAboveTheBlowupIsRefusedByTheProver() {
    Expr x = Expr.main(0);
    TableDef cube = new TableDef("cube", 1, null,
        List.of(Constraint.everyRow(x.times(x).times(x).times(x).minus(x))), List.of());
    Air air = new Air("quartic", List.of(cube), 0);
    long[][] trace = {{0, 1, 0, 1}};
    assertThatThrownBy(() -> new StarkProver(new StarkParameters(1, 1, 0, 4, 0, 0))
        .prove(air, List.<long[][]>of(trace), new long[0]))
        .isInstanceOf(ProvingException.class).hasMessageContaining("raise the blowup");
    byte[] proof = new StarkProver(new StarkParameters(2, 1, 0, 4, 0, 0)).prove(air, List.<long[][]>of(trace), new long[0]);
    assertThat(new StarkVerifier(0).verify(air, proof).reason()).isEqualTo("accepted");
  }
}
