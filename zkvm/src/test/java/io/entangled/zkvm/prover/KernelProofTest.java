package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.backend.ProverBackends;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.SyscallEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
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
   * mmap a read-write page at P, store 0x55 at P and at P + 8, then clear the page — munmap and map
   * it again (the kernel reuses the hint) or madvise(MADV_DONTNEED) — load P, write 0x11 to P + 12
   * (a word first touched after the clearing, which the call lists as well) and exit with the loaded
   * word + 7: the clearing is proved, exit code 7.
   */
  static Asm clearingProgram(int call) {
    Asm a = new Asm().li(4, 0).li(5, 4096).li(6, 3).li(7, 0x802).li(2, 4090).syscall()
        .addu(16, 2, 0).li(8, 0x55).imm(0x2b, 16, 8, 0).imm(0x2b, 16, 8, 8)
        .addu(4, 16, 0).li(5, 4096).li(6, 4).li(2, call).syscall();
    if (call == 4091) {
      a.addu(4, 16, 0).li(5, 4096).li(6, 3).li(7, 0x802).li(2, 4090).syscall().addu(16, 2, 0);
    }
    return a.imm(0x23, 16, 4, 0).li(8, 0x11).imm(0x2b, 16, 8, 12).addiu(4, 4, 7)
        .li(2, 4246).syscall();
  }

  @Test
  void clearingMemoryTheGuestWroteIsProved() throws Exception {
    for (int call : new int[] {4091, 4218}) {
      LoadedProgram p = MipsProverTest.load(clearingProgram(call));
      MipsProof proof = new MipsProver().prove(p, new byte[0]);
      MipsVerifier.Verdict v = new MipsVerifier().verify(p, proof.encode());
      assertThat(v.accepted()).as("syscall %d: %s", call, v.reason()).isTrue();
      assertThat(v.exitCode()).as("syscall %d", call).isEqualTo(7);
      KernelTranscript.Call clearing = proof.transcript().calls().get(1);
      assertThat(clearing.cells()[0]).isEqualTo(call);
      // both words written before, the one written after, and the region's first word P
      int page = clearing.cells()[1];
      assertThat(clearing.wordAddrs()).containsExactly(page, page + 8, page + 12);
      assertThat(clearing.wordBefore()).containsExactly(0x55, 0x55, 0);
    }
  }

  /**
   * A prover that leaves the written word P out of the madvise's list keeps its 0x55 through the
   * clearing and claims exit code 0x55 + 7: every table is consistent, the kernel replay cannot see
   * the missing word, and only the final memory table's count of the regions covering P (sent on
   * the cleared bus, which the transcript does not answer for P) rejects it.
   */
  @Test
  void aWordHiddenFromAClearingCallIsRejected() throws Exception {
    assertThat(busesRejectingAHiddenWord(t -> {})).containsExactly(MipsAir.BUS_CLEARED);
  }

  /**
   * The same forgery, with the final memory table also hiding the region: no boundary row, every
   * count 0. Its constraints hold, but the boundaries the verifier sends go unanswered.
   */
  @Test
  void aClearedRegionHiddenFromTheMemoryTableIsRejected() throws Exception {
    assertThat(busesRejectingAHiddenWord(t -> {
      long[][] mem = t.get(1);
      for (int r = 0; r < mem[0].length; r++) {
        mem[MipsAir.MemFinal.ZC][r] = 0;
        mem[MipsAir.MemFinal.DELTA][r] = 0;
        mem[MipsAir.MemFinal.HB][r] = 0;
      }
    })).contains(MipsAir.BUS_BOUNDARY);
  }

  /**
   * Proves, without the constraint check, the madvise run forged to keep P (see {@link
   * #keepingWordThroughMadvise}) with P left out of the call's list and the final traces edited;
   * checks that the verifier rejects it and returns the buses that do not balance.
   */
  private static List<Integer> busesRejectingAHiddenWord(Consumer<List<long[][]>> finalEdit)
      throws Exception {
    LoadedProgram p = MipsProverTest.load(clearingProgram(4218));
    Segment s = MipsProver.record(p, new byte[0], 1 << 16).get(0);
    int page = s.syscalls().get(0).v0();
    List<Segment> bad = keepingWordThroughMadvise(s, page);
    MipsProver.Dishonesty hide = new MipsProver.Dishonesty(UnaryOperator.identity(),
        a -> a == page, finalEdit);
    MipsProof forged = laxProver().prove(MipsAir.of(p), p, bad, hide);
    assertThat(forged.exitCode()).isEqualTo(0x55 + 7);
    assertThat(forged.transcript().calls().get(1).wordAddrs()).doesNotContain(page);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, forged.encode());
    assertThat(v.accepted()).as("a word hidden from madvise").isFalse();
    assertThat(v.reason()).endsWith("do not balance");
    return MipsBusDiagnostics.unbalanced(p, bad, hide, forged);
  }

  /**
   * An honest run whose final memory table drops the count of the row at P alone: the running sum
   * breaks, so the strict prover names the memory table and a lax proof does not verify.
   */
  @Test
  void aCountThatIsNotTheRunningSumOfTheBoundariesIsRejected() throws Exception {
    LoadedProgram p = MipsProverTest.load(clearingProgram(4218));
    List<Segment> run = MipsProver.record(p, new byte[0], 1 << 16);
    long page = Integer.toUnsignedLong(run.get(0).syscalls().get(0).v0());
    MipsProver.Dishonesty zero = new MipsProver.Dishonesty(UnaryOperator.identity(), a -> false,
        t -> {
          long[][] mem = t.get(1);
          for (int r = 0; r < mem[0].length; r++) {
            if (mem[MipsAir.MemFinal.ADDR][r] == page + 8) {
              mem[MipsAir.MemFinal.ZC][r] = 0;
            }
          }
        });
    assertThatThrownBy(() -> new MipsProver(new StarkProver(StarkParameters.defaults()), 1 << 16)
        .prove(MipsAir.of(p), p, run, zero))
        .hasMessageContaining("table memory: constraints not satisfied");
    MipsProof forged = laxProver().prove(MipsAir.of(p), p, run, zero);
    assertThat(new MipsVerifier().verify(p, forged.encode()).accepted()).isFalse();
  }

  /**
   * The recorded run of {@link #clearingProgram} for madvise, changed as if the madvise had left P
   * alone: the kernel's write of P is gone, the load reads 0x55 and the guest exits with 0x55 + 7.
   */
  private static List<Segment> keepingWordThroughMadvise(Segment s, int page) {
    int[] rows = s.rows().clone();
    int loads = 0;
    for (int i = 0; i < s.stepCount(); i++) {
      int at = i * Segment.COLUMNS;
      if (rows[at + Segment.COL_INSTRUCTION] >>> 26 == 0x23) {
        rows[at + Segment.COL_MEM_BEFORE] = 0x55;
        rows[at + Segment.COL_MEM_AFTER] = 0x55;
        rows[at + Segment.COL_DST_VALUE] = 0x55;
        loads++;
      } else if (loads > 0 && rows[at + Segment.COL_DST_REGISTER] == 4) { // addiu a0, a0, 7
        rows[at + Segment.COL_RS_VALUE] = 0x55;
        rows[at + Segment.COL_RT_VALUE] = 0x55;
        rows[at + Segment.COL_DST_VALUE] = 0x55 + 7;
      }
    }
    assertThat(loads).isEqualTo(1);
    List<SyscallEffect> calls = new ArrayList<>(s.syscalls());
    SyscallEffect clear = calls.get(1);
    calls.set(1, new SyscallEffect(clear.cycle(), clear.number(), clear.args(), clear.v0(),
        clear.a3(), clear.memory().stream().filter(m -> m.address() != page).toList(),
        clear.nextTid(), clear.resumed(), clear.cleared()));
    SyscallEffect exit = calls.get(2);
    calls.set(2, new SyscallEffect(exit.cycle(), exit.number(), new int[] {0x55 + 7, 0, 0, 0},
        exit.v0(), exit.a3(), exit.memory(), exit.nextTid(), exit.resumed()));
    return List.of(new Segment(0, s.start(), s.end(), s.stepCount(), rows, List.copyOf(calls),
        s.memory()));
  }

  private static MipsProver laxProver() {
    return new MipsProver(new StarkProver(StarkParameters.defaults(), ProverBackends.best(),
        ForkJoinPool.commonPool(), false), 1 << 16);
  }

  /** A listed word outside every region the call clears is refused by the replay. */
  @Test
  void aListedWordOutsideTheClearedRegionIsRefused() throws Exception {
    LoadedProgram p = MipsProverTest.load(clearingProgram(4218));
    MipsProof honest = new MipsProver().prove(p, new byte[0]);
    KernelTranscript.Call c = honest.transcript().calls().get(1);
    int[] addrs = java.util.Arrays.copyOf(c.wordAddrs(), c.wordAddrs().length + 1);
    int[] before = java.util.Arrays.copyOf(c.wordBefore(), c.wordBefore().length + 1);
    addrs[addrs.length - 1] = c.cells()[5] & ~3; // the caller's stack pointer: mapped, not cleared
    List<KernelTranscript.Call> calls = new ArrayList<>(honest.transcript().calls());
    calls.set(1, new KernelTranscript.Call(c.cycle(), c.npc(), c.cells(), addrs, before));
    MipsProof forged = new MipsProof(honest.imageId(), honest.exitCode(), honest.cycles(),
        honest.publicValues(), new KernelTranscript(calls), honest.segments(), honest.finale());
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, forged.encode());
    assertThat(v.accepted()).isFalse();
    assertThat(v.reason()).contains("neither touches nor clears");
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
