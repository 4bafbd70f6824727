package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two separately proved pieces sharing one LogUp bus, as zkVM segments will. */
class TwoPhasePiecesTest {
  static final StarkParameters FAST = EndToEndTest.FAST;
  static final byte[] CONTEXT = "program-commitment".getBytes(StandardCharsets.US_ASCII);

  static Air leftOnly() {
    Air all = ExampleAirs.permutation();
    return new Air("left-piece", List.of(all.tables().get(0)), 0);
  }

  static Air rightOnly() {
    Air all = ExampleAirs.permutation();
    return new Air("right-piece", List.of(all.tables().get(1)), 0);
  }

  static List<byte[]> provePieces(List<long[][]> traces) {
    StarkProver prover = new StarkProver(FAST);
    MainPhase a = prover.commitMain(leftOnly(), List.<long[][]>of(traces.get(0)), new long[0]);
    MainPhase b = prover.commitMain(rightOnly(), List.<long[][]>of(traces.get(1)), new long[0]);
    BusChallenges ch = BusChallenges.derive(List.of(a.commitment(), b.commitment()), CONTEXT);
    return List.of(prover.finish(a, ch), prover.finish(b, ch));
  }

  @Test
  void piecesWhoseSumsCancelVerifyTogether() {
    List<byte[]> proofs = provePieces(ExampleAirs.permutationTraces(16));
    VerificationResult r = new StarkVerifier(0).verifyPieces(List.of(leftOnly(), rightOnly()), proofs,
        CONTEXT, ch -> Map.of());
    assertThat(r.reason()).isEqualTo("accepted");
  }

  @Test
  void aPieceAloneDoesNotBalance() {
    List<byte[]> proofs = provePieces(ExampleAirs.permutationTraces(16));
    VerificationResult r = new StarkVerifier(0).verifyPieces(List.of(leftOnly()), List.of(proofs.get(0)),
        CONTEXT, ch -> Map.of());
    assertThat(r.accepted()).isFalse();
  }

  @Test
  void eachPieceVerifiesUnderTheSharedChallengesAndReportsItsPartialSum() {
    List<long[][]> traces = ExampleAirs.permutationTraces(16);
    List<byte[]> proofs = provePieces(traces);
    StarkVerifier v = new StarkVerifier(0);
    BusChallenges ch = BusChallenges.derive(List.of(StarkVerifier.pieceCommitment(leftOnly(), proofs.get(0)),
        StarkVerifier.pieceCommitment(rightOnly(), proofs.get(1))), CONTEXT);
    VerificationResult left = v.verifyPiece(leftOnly(), proofs.get(0), ch);
    VerificationResult right = v.verifyPiece(rightOnly(), proofs.get(1), ch);
    assertThat(left.accepted()).isTrue();
    Ext sum = left.logUpSum().add(right.logUpSum());
    assertThat(sum.isZero()).isTrue();
    assertThat(left.logUpSum().isZero()).isFalse();
  }

  @Test
  void otherContextOrSwappedPieceIsRejected() {
    List<byte[]> proofs = provePieces(ExampleAirs.permutationTraces(16));
    StarkVerifier v = new StarkVerifier(0);
    assertThat(v.verifyPieces(List.of(leftOnly(), rightOnly()), proofs, new byte[1], ch -> Map.of()).accepted())
        .isFalse();
    List<long[][]> other = ExampleAirs.permutationTraces(16);
    other.get(1)[1][0] = 12345;
    List<byte[]> otherProofs = provePieces(other);
    VerificationResult r = v.verifyPieces(List.of(leftOnly(), rightOnly()),
        List.of(proofs.get(0), otherProofs.get(1)), CONTEXT, ch -> Map.of());
    assertThat(r.accepted()).isFalse();
  }
}
