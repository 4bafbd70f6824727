package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Guests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real guests built by zkvm/guests/build.sh, proved and verified end to end: fib-c (one segment, and
 * a long run in several segments), sha256-c and keccak-c on an input, the Go guest with
 * goroutines and the Go guest that gives memory back to the kernel.
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
        proof.transcript(), proof.segments(), proof.finale());
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

  /**
   * How much of a segment survives between the phases (its extension and trees, its trees only,
   * or only its packed traces) depends on the heap; the proof must not: byte-identical proofs.
   */
  @Test
  void whatASegmentKeepsBetweenThePhasesDoesNotChangeTheProof() throws Exception {
    LoadedProgram fib = load("fib-c", "gcc-mips-linux-gnu");
    StarkProver stark = new StarkProver(StarkParameters.defaults());
    MipsProver all = new MipsProver(stark, 1 << 14, Long.MAX_VALUE / 2);
    byte[] expected = all.prove(fib, be32(12_000)).encode();
    assertThat(all.lastKept[1] + all.lastKept[2]).as("segments released").isZero();
    // extensions of 144 MB a segment (blowup 4, 2^14 rows) against 7/8 of the budget, main trees
    // of 40 MB against 1/8 of it: two segments kept whole, one with its trees, the rest packed
    MipsProver some = new MipsProver(stark, 1 << 14, 360L << 20);
    assertThat(some.prove(fib, be32(12_000)).encode()).isEqualTo(expected);
    assertThat(some.lastKept[1]).as("segments keeping only their trees").isPositive();
    assertThat(some.lastKept[2]).as("segments keeping nothing").isPositive();
    MipsProver none = new MipsProver(stark, 1 << 14, 0);
    assertThat(none.prove(fib, be32(12_000)).encode()).isEqualTo(expected);
    assertThat(none.lastKept[2]).isEqualTo(none.lastKept[0] + none.lastKept[1] + none.lastKept[2]);
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

  /**
   * The Go guest with goroutines: several threads (clone, futex, nanosleep, epoll, signals, mmap),
   * proved in segments of 2^16 cycles. A transcript that disagrees with the run in any way the
   * kernel can see is refused.
   */
  @Test
  void goroutinesProveAndTheKernelTranscriptIsBound() throws Exception {
    LoadedProgram go = load("goroutines-go", "golang-go");
    byte[] input = "to be or not to be that is the question to be".getBytes(StandardCharsets.US_ASCII);
    MipsProof proof = new MipsProver(new StarkProver(MipsProver.parameters()), 1 << 16)
        .prove(go, input);
    MipsVerifier verifier = new MipsVerifier();
    MipsVerifier.Verdict v = verifier.verify(go, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    // the public value is the number of distinct words: to be or not that is the question
    assertThat(v.publicValues()).isEqualTo(be32(8));
    List<KernelTranscript.Call> calls = proof.transcript().calls();
    assertThat(calls.stream().filter(c -> c.cells()[0] == 4120)).as("clone calls").isNotEmpty();
    int futex = indexOf(calls, 4238);
    int clock = indexOf(calls, 4263);
    // a futex call whose word value the kernel read differently
    assertThat(verifier.verify(go, withCall(proof, futex, c -> new KernelTranscript.Call(c.cycle(),
        c.npc(), c.cells(), c.wordAddrs(), flipFirst(c.wordBefore())))).accepted()).isFalse();
    // clock_gettime a cycle later (another time written)
    assertThat(verifier.verify(go, withCall(proof, clock, c -> new KernelTranscript.Call(
        c.cycle() + 1, c.npc(), c.cells(), c.wordAddrs(), c.wordBefore()))).accepted()).isFalse();
    // another argument register, another resume pc
    assertThat(verifier.verify(go, withCall(proof, futex, c -> new KernelTranscript.Call(c.cycle(),
        c.npc(), flipLast(c.cells()), c.wordAddrs(), c.wordBefore()))).accepted()).isFalse();
    assertThat(verifier.verify(go, withCall(proof, clock, c -> new KernelTranscript.Call(c.cycle(),
        c.npc() + 4, c.cells(), c.wordAddrs(), c.wordBefore()))).accepted()).isFalse();
    // a syscall dropped from the transcript
    List<KernelTranscript.Call> dropped = new ArrayList<>(calls);
    dropped.remove(clock);
    assertThat(verifier.verify(go, withTranscript(proof, dropped)).accepted()).isFalse();
  }

  /**
   * The Go guest that calls debug.FreeOSMemory twice: the runtime madvises (MADV_DONTNEED) the pages
   * of the buffers it dropped, which the guest wrote, and later reuses them. Every word the run ever
   * holds in those pages is listed by the clearing call and shown zeroed (MIPS-AIR.md, "Memory the
   * kernel clears"). The public value is the guest's checksum of the buffers it kept.
   */
  @Test
  void memoryTheGoRuntimeReleasesProves() throws Exception {
    LoadedProgram go = load("release-go", "golang-go");
    MipsProof proof = new MipsProver().prove(go, new byte[0]);
    MipsVerifier.Verdict v = new MipsVerifier().verify(go, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    int sum = 0;
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 16 << 10; j += 64) {
        sum = sum * 31 + ((r * 16 + r + j / 64) & 0xff);
      }
    }
    assertThat(v.publicValues()).isEqualTo(be32(sum));
    assertThat(proof.transcript().calls().stream()
        .filter(c -> c.cells()[0] == 4218 && c.cells()[3] == 4)
        .mapToInt(c -> c.wordAddrs().length)).as("words listed by madvise(MADV_DONTNEED)")
        .hasSizeGreaterThanOrEqualTo(2).allMatch(n -> n > 0);
  }

  private static int indexOf(List<KernelTranscript.Call> calls, int number) {
    for (int k = 0; k < calls.size(); k++) {
      if (calls.get(k).cells()[0] == number && calls.get(k).wordAddrs().length > 0) {
        return k;
      }
    }
    throw new AssertionError("no syscall " + number + " with memory words");
  }

  private static int[] flipFirst(int[] v) {
    int[] c = v.clone();
    c[0] ^= 1;
    return c;
  }

  private static int[] flipLast(int[] v) {
    int[] c = v.clone();
    c[c.length - 1] ^= 4;
    return c;
  }

  private static byte[] withCall(MipsProof p, int k,
      java.util.function.UnaryOperator<KernelTranscript.Call> change) {
    List<KernelTranscript.Call> calls = new ArrayList<>(p.transcript().calls());
    calls.set(k, change.apply(calls.get(k)));
    return withTranscript(p, calls);
  }

  private static byte[] withTranscript(MipsProof p, List<KernelTranscript.Call> calls) {
    return new MipsProof(p.imageId(), p.exitCode(), p.cycles(), p.publicValues(),
        new KernelTranscript(calls), p.segments(), p.finale()).encode();
  }
}
