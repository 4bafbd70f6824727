package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Guests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Real guests built by zkvm/guests/build.sh, proved and verified end to end: fib-c (one segment, and
 * a long run in several segments), sha256-c and keccak-c on an input; what is refused (Go guests: threads).
 */
class GuestProofIT {
  private static LoadedProgram load(String name, String tool) throws Exception {
    return ElfLoader.load(Files.readAllBytes(Guests.elf(name, tool)));
  }

  /** fib(n) mod 2^64 and the 12 public bytes the guest commits: n (4 bytes) then fib(n) (8). */
  private static byte[] fibPublic(int n) {
    long a = 0;
    long b = 1;
    for (int i = 0; i < n; i++) {
      long c = a + b;
      a = b;
      b = c;
    }
    return ByteBuffer.allocate(12).putInt(n).putLong(a).array();
  }

  private static byte[] be32(int n) {
    return ByteBuffer.allocate(4).putInt(n).array();
  }

  @Test
  void fibProvesAndTheProofBindsItsPublicValues() throws Exception {
    LoadedProgram fib = load("fib-c", "gcc-mips-linux-gnu");
    MipsProof proof = new MipsProver().prove(fib, be32(90));
    MipsVerifier.Verdict v = new MipsVerifier().verify(fib, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.publicValues()).isEqualTo(fibPublic(90));
    assertThat(v.exitCode()).isZero();
    MipsProof forged = new MipsProof(proof.imageId(), 0, proof.cycles(), fibPublic(91),
        proof.segments(), proof.finale());
    assertThat(new MipsVerifier().verify(fib, forged.encode()).accepted()).isFalse();
    LoadedProgram sha = load("sha256-c", "gcc-mips-linux-gnu");
    assertThat(new MipsVerifier().verify(sha, proof.encode()).reason()).contains("another program");
  }

  @Test
  void aLongRunProvesInSegments() throws Exception {
    LoadedProgram fib = load("fib-c", "gcc-mips-linux-gnu");
    int n = 12_000;
    MipsProof proof = new MipsProver(new StarkProver(StarkParameters.defaults()), 1 << 15)
        .prove(fib, be32(n));
    assertThat(proof.segments().size()).isGreaterThanOrEqualTo(3);
    MipsVerifier.Verdict v = new MipsVerifier().verify(fib, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.publicValues()).isEqualTo(fibPublic(n));
    assertThat(v.segments()).isEqualTo(proof.segments().size());
  }

  @Test
  void sha256OfAnInputProves() throws Exception {
    LoadedProgram sha = load("sha256-c", "gcc-mips-linux-gnu");
    byte[] input = "entangled rollup: a message longer than one 64-byte SHA-256 block, to be sure"
        .getBytes(StandardCharsets.US_ASCII);
    MipsProof proof = new MipsProver().prove(sha, input);
    MipsVerifier.Verdict v = new MipsVerifier().verify(sha, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(HexFormat.of().formatHex(v.publicValues())).isEqualTo(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)));
  }

  @Test
  void keccakOfAnInputProves() throws Exception {
    LoadedProgram keccak = load("keccak-c", "gcc-mips-linux-gnu");
    MipsProof proof = new MipsProver().prove(keccak, "abc".getBytes(StandardCharsets.US_ASCII));
    MipsVerifier.Verdict v = new MipsVerifier().verify(keccak, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    // Keccak-256("abc"), the Ethereum variant
    assertThat(HexFormat.of().formatHex(v.publicValues()))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  @Test
  void goGuestsAreRefusedWithTheReason() throws Exception {
    LoadedProgram hello = load("hello-go", "golang-go");
    assertThatThrownBy(() -> new MipsProver().prove(hello, new byte[0]))
        .isInstanceOf(UnsupportedStepException.class)
        .hasMessageMatching("(?s).*(syscall|thread|not covered).*");
  }
}
