package io.entangled.zkvm.stark.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.Sha256;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  @Test
  void stateFollowsTheDocumentedHashChain() {
    Transcript t = new Transcript("d");
    byte[] s0 = Sha256.hash("d".getBytes(StandardCharsets.US_ASCII));
    assertThat(t.state()).isEqualTo(s0);
    t.absorb(new byte[] {9});
    byte[] msg = new byte[1 + 32 + 4 + 1];
    System.arraycopy(s0, 0, msg, 1, 32);
    msg[36] = 1;
    msg[37] = 9;
    byte[] s1 = Sha256.hash(msg);
    assertThat(t.state()).isEqualTo(s1);
    byte[] sq = new byte[33];
    sq[0] = 1;
    System.arraycopy(s1, 0, sq, 1, 32);
    assertThat(t.squeeze()).isEqualTo(Sha256.hash(sq));
  }

  @Test
  void challengesDependOnEverythingAbsorbed() {
    Transcript a = new Transcript("x");
    Transcript b = new Transcript("x");
    a.absorbLongs(1, 2);
    b.absorbLongs(1, 3);
    assertThat(a.copy().challengeExt()).isNotEqualTo(b.copy().challengeExt());
    assertThat(new Transcript("x").challengeBase()).isEqualTo(new Transcript("x").challengeBase());
    long c = a.challengeBase();
    assertThat(Goldilocks.isCanonical(c)).isTrue();
  }

  @Test
  void grindingFindsANonceTheVerifierAcceptsAndRejectsOthers() {
    Transcript prover = new Transcript("pow");
    Transcript verifier = prover.copy();
    Transcript cheater = prover.copy();
    long nonce = prover.grind(10);
    assertThat(verifier.checkPow(nonce, 10)).isTrue();
    assertThat(verifier.state()).isEqualTo(prover.state());
    boolean anyRejected = false;
    for (long n = nonce + 1; n < nonce + 20; n++) {
      anyRejected |= !cheater.copy().checkPow(n, 10);
    }
    assertThat(anyRejected).isTrue();
  }

  @Test
  void queryIndicesStayInTheDomain() {
    int[] q = new Transcript("q").sampleIndices(100, 7);
    assertThat(q).hasSize(100);
    assertThat(java.util.Arrays.stream(q).allMatch(i -> i >= 0 && i < 128)).isTrue();
    byte[] b = new byte[8];
    LeafEncoding.putLong(b, 0, 0x0102030405060708L);
    assertThat(Transcript.readLong(b, 0)).isEqualTo(0x0102030405060708L);
  }
}
