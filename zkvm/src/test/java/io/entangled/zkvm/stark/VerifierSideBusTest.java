package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bus whose receiving side the verifier computes itself, as for a zkVM's public values. */
class VerifierSideBusTest {
  static final int OUT_BUS = 9;

  static Air outputs() {
    TableDef t = new TableDef("outputs", 2, null, List.of(),
        List.of(Interaction.send(OUT_BUS, Expr.main(1), Expr.main(0))));
    return new Air("outputs", List.of(t), 0);
  }

  static Map<Integer, Ext> receiveSide(BusChallenges ch, long[] expected) {
    Ext sum = Ext.ZERO;
    for (long v : expected) {
      sum = sum.sub(ch.term(OUT_BUS, 1, v));
    }
    return Map.of(OUT_BUS, sum);
  }

  @Test
  void acceptsOnlyTheValuesTheVerifierExpects() {
    long[][] trace = {{5, 6, 7, 0, 0, 0, 0, 0}, {1, 1, 1, 0, 0, 0, 0, 0}};
    byte[] proof = new StarkProver(EndToEndTest.FAST).prove(outputs(), List.<long[][]>of(trace), new long[0]);
    StarkVerifier v = new StarkVerifier(0);
    assertThat(v.verify(outputs(), proof, ch -> receiveSide(ch, new long[] {5, 6, 7})).reason())
        .isEqualTo("accepted");
    assertThat(v.verify(outputs(), proof, ch -> receiveSide(ch, new long[] {5, 6, 8})).reason())
        .isEqualTo("the LogUp buses do not balance");
    assertThat(v.verify(outputs(), proof).accepted()).isFalse();
  }
}
