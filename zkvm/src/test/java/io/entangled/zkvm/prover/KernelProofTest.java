package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.SyscallEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kernel syscalls (those the syscall table does not cover) proved through the kernel transcript:
 * getpid, clock_gettime (writes memory), nanosleep (reads memory, advances the clock),
 * sched_yield. Every change to the transcript the proof carries is refused, and so is a run whose
 * recorded syscall result disagrees with the kernel.
 */
class KernelProofTest {
  private static LoadedProgram program;
  private static MipsProof proof;

  /** getpid; clock_gettime(MONOTONIC, sp − 64); nanosleep(sp − 64, 0); sched_yield; exit(v0 & 7). */
  static Asm kernelProgram() {
    return new Asm()
        .li(2, 4020).syscall()
        .addu(16, 2, 0)
        .li(4, 1).addiu(5, 29, -64).li(2, 4263).syscall()
        .addiu(4, 29, -64).li(5, 0).li(2, 4166).syscall()
        .li(2, 4162).syscall()
        .imm(0x0c, 16, 4, 7) // andi a0, s0, 7: getpid's 1000 & 7 = 0
        .li(2, 4246).syscall();
  }

  @BeforeAll
  static void prove() throws Exception {
    program = MipsProverTest.load(kernelProgram());
    proof = new MipsProver().prove(program, new byte[0]);
  }

  @Test
  void kernelCallsProveAndVerify() {
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isZero();
    List<KernelTranscript.Call> calls = proof.transcript().calls();
    assertThat(calls).extracting(c -> c.cells()[0]).containsExactly(4020, 4263, 4166, 4162, 4246);
    assertThat(calls.get(1).wordAddrs()).hasSize(2);
    assertThat(calls.get(2).wordAddrs()).hasSize(2);
  }

  @Test
  void everySegmentBoundaryAfterASyscallChains() throws Exception {
    MipsProof p = new MipsProver(new StarkProver(StarkParameters.defaults()), 1)
        .prove(program, new byte[0]);
    assertThat(p.segments()).hasSize((int) p.cycles());
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, p.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
  }

  /**
   * Honest traces proved under a forged transcript (the challenges drawn after it, as a cheating
   * prover would): the verifier's replay then disagrees with the trace on some bus, or the replay
   * itself fails.
   */
  @Test
  void aProofUnderAForgedTranscriptIsRejected() {
    // the timespec nanosleep read, as another value
    assertForgeryRejected(withCall(2, c -> new KernelTranscript.Call(c.cycle(), c.npc(),
        c.cells(), c.wordAddrs(), new int[] {c.wordBefore()[0], c.wordBefore()[1] + 1})));
    // clock_gettime a cycle later: another time written
    assertForgeryRejected(withCall(1, c -> new KernelTranscript.Call(c.cycle() + 1, c.npc(),
        c.cells(), c.wordAddrs(), c.wordBefore())));
    // getpid's sp, a1 as other values; another resume pc
    assertForgeryRejected(withCall(0, c -> new KernelTranscript.Call(c.cycle(), c.npc(),
        flip(c.cells(), 5), c.wordAddrs(), c.wordBefore())));
    assertForgeryRejected(withCall(0, c -> new KernelTranscript.Call(c.cycle(), c.npc(),
        flip(c.cells(), 2), c.wordAddrs(), c.wordBefore())));
    assertForgeryRejected(withCall(3, c -> new KernelTranscript.Call(c.cycle(), c.npc() + 4,
        c.cells(), c.wordAddrs(), c.wordBefore())));
    // a word the kernel touches left out
    assertForgeryRejected(withCall(1, c -> new KernelTranscript.Call(c.cycle(), c.npc(),
        c.cells(), new int[] {c.wordAddrs()[0]}, new int[] {c.wordBefore()[0]})));
    // sched_yield dropped, or told twice
    assertForgeryRejected(t -> {
      List<KernelTranscript.Call> calls = new ArrayList<>(t.calls());
      calls.remove(3);
      return new KernelTranscript(calls);
    });
    assertForgeryRejected(t -> {
      List<KernelTranscript.Call> calls = new ArrayList<>(t.calls());
      KernelTranscript.Call yield = calls.get(3);
      calls.add(3, new KernelTranscript.Call(yield.cycle() - 1, yield.npc() - 4, yield.cells(),
          yield.wordAddrs(), yield.wordBefore()));
      return new KernelTranscript(calls);
    });
  }

  @Test
  void aChangedTranscriptInAFinishedProofIsRejected() {
    List<KernelTranscript.Call> calls = new ArrayList<>(proof.transcript().calls());
    KernelTranscript.Call clock = calls.get(1);
    calls.set(1, new KernelTranscript.Call(clock.cycle() + 1, clock.npc(), clock.cells(),
        clock.wordAddrs(), clock.wordBefore()));
    byte[] bytes = new MipsProof(proof.imageId(), proof.exitCode(), proof.cycles(),
        proof.publicValues(), new KernelTranscript(calls), proof.segments(), proof.finale())
        .encode();
    assertThat(new MipsVerifier().verify(program, bytes).accepted()).isFalse();
  }

  @Test
  void aRunWhoseSyscallResultDisagreesWithTheKernelDoesNotProve() {
    List<Segment> run = MipsProver.record(program, new byte[0], 1 << 10);
    Segment s = run.get(0);
    List<SyscallEffect> calls = new ArrayList<>(s.syscalls());
    SyscallEffect pid = calls.get(0);
    calls.set(0, new SyscallEffect(pid.cycle(), pid.number(), pid.args(), pid.v0() + 1, pid.a3(),
        pid.memory(), pid.nextTid(), pid.resumed()));
    Segment forged = new Segment(s.index(), s.start(), s.end(), s.stepCount(), s.rows(), calls,
        s.memory());
    assertThatThrownBy(() -> new MipsProver().prove(MipsAir.of(program), program,
        List.of(forged))).hasMessageContaining("replays to v0 1000");
  }

  /**
   * set_thread_area(0x12345678), then RDHWR $3, $29 reads the thread pointer back: the kernel
   * table writes the caller's thread-pointer cell, the CPU reads it; exit code 0x78. Under a
   * transcript whose set_thread_area argument is another value, the proof is rejected.
   */
  @Test
  void theThreadPointerSetByTheKernelIsWhatRdhwrReads() throws Exception {
    LoadedProgram tls = MipsProverTest.load(new Asm().li(4, 0x1234_5678).li(2, 4283).syscall()
        .special3(0, 3, 29, 0, 0x3b).imm(0x0c, 3, 4, 0xff).li(2, 4246).syscall());
    MipsProof p = new MipsProver().prove(tls, new byte[0]);
    MipsVerifier.Verdict v = new MipsVerifier().verify(tls, p.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(0x78);
    List<Segment> run = MipsProver.record(tls, new byte[0], 1 << 10);
    MipsProof forged = new MipsProver().prove(MipsAir.of(tls), tls, run,
        withCall(0, c -> new KernelTranscript.Call(c.cycle(), c.npc(), flip(c.cells(), 1),
            c.wordAddrs(), c.wordBefore())));
    assertThat(new MipsVerifier().verify(tls, forged.encode()).accepted()).isFalse();
  }

  /**
   * A guest that writes a page and then unmaps it (or drops it with madvise(MADV_DONTNEED)): the
   * proof could not show that the transcript lists every nonzero word the kernel cleared, so the
   * run is refused — by the replay that prover and verifier share.
   */
  @Test
  void clearingMemoryTheGuestCouldHaveWrittenIsRefused() throws Exception {
    for (int call : new int[] {4091, 4218}) {
      Asm a = new Asm().li(4, 0).li(5, 4096).li(6, 3).li(7, 0x802).li(2, 4090).syscall()
          .addu(16, 2, 0).li(8, 0x55).imm(0x2b, 16, 8, 0)
          .addu(4, 16, 0).li(5, 4096).li(6, 4).li(2, call).syscall()
          .li(4, 0).li(2, 4246).syscall();
      LoadedProgram p = MipsProverTest.load(a);
      assertThatThrownBy(() -> new MipsProver().prove(p, new byte[0])).as("syscall %d", call)
          .isInstanceOf(UnsupportedStepException.class).hasMessageContaining("zeroes or unmaps");
    }
  }

  /**
   * Go's pattern: a PROT_NONE reservation, then a fixed read-write mapping inside it, written and
   * read back. Nothing the guest could have written is cleared, so it proves.
   */
  @Test
  void aFixedMappingOverAReservationProves() throws Exception {
    Asm a = new Asm().li(4, 0).li(5, 8192).li(6, 0).li(7, 0x802).li(2, 4090).syscall()
        .addu(16, 2, 0)
        .addu(4, 16, 0).li(5, 4096).li(6, 3).li(7, 0x812).li(2, 4090).syscall()
        .li(8, 0x2a).imm(0x2b, 16, 8, 4).imm(0x23, 16, 4, 4)
        .li(2, 4246).syscall();
    LoadedProgram p = MipsProverTest.load(a);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, new MipsProver().prove(p, new byte[0])
        .encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(0x2a);
  }

  private static void assertForgeryRejected(UnaryOperator<KernelTranscript> forge) {
    List<Segment> run = MipsProver.record(program, new byte[0], 1 << 10);
    MipsProof forged = new MipsProver().prove(MipsAir.of(program), program, run, forge);
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, forged.encode());
    assertThat(v.accepted()).as("forged transcript accepted").isFalse();
    assertThat(v.reason()).containsAnyOf("do not balance", "kernel transcript");
  }

  private static int[] flip(int[] v, int k) {
    int[] c = v.clone();
    c[k] ^= 8;
    return c;
  }

  private static UnaryOperator<KernelTranscript> withCall(int k,
      UnaryOperator<KernelTranscript.Call> change) {
    return t -> {
      List<KernelTranscript.Call> calls = new ArrayList<>(t.calls());
      calls.set(k, change.apply(calls.get(k)));
      return new KernelTranscript(calls);
    };
  }
}
