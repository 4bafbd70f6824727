package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.tables.TraceBuilder;
import io.entangled.zkvm.stark.ProvingException;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.backend.ProverBackends;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.trace.Segment;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end proofs of hand-assembled programs over the covered instruction families, and
 * tampered traces proved anyway (constraint checks off) that the verifier must reject.
 */
class MipsProverTest {
  private static final int LOOP_COUNT = 10;
  private static LoadedProgram program;
  private static MipsAir air;
  private static Segment honest;
  private static List<Segment> honestRun;
  private static MipsProof proved;

  /**
   * Fibonacci loop (ADDU, ADDIU, BNE with delay slots), a call (JAL/JR), LUI, SLTU, SUBU, the
   * bitwise families (ORI, ANDI, XORI, AND, OR, XOR, NOR), SLT/SLTI, SLL/SRL/SRA, BEQ, BGEZ and exit.
   */
  static Asm fibProgram(int n) {
    Asm a = new Asm();
    a.addiu(8, 0, n).addiu(9, 0, 0).addiu(10, 0, 1);
    int loop = a.size();
    a.addu(11, 9, 10).addu(9, 10, 0).addu(10, 11, 0).addiu(8, 8, -1);
    a.imm(0x05, 8, 0, loop - (a.size() + 1)).nop();
    int call = a.size();
    a.word(0);
    a.addiu(12, 0, 7);
    a.special(0, 9, 13, 0, 0x2b);
    a.imm(0x0b, 9, 14, 100);
    a.imm(0x0f, 0, 15, 0x1234);
    a.special(9, 12, 4, 0, 0x23);
    a.li(16, 0xdead_beef).imm(0x0c, 16, 17, 0xf0f0).imm(0x0e, 16, 18, 0x00ff);
    a.special(16, 18, 19, 0, 0x24).special(17, 19, 20, 0, 0x25).special(16, 20, 21, 0, 0x26);
    a.special(21, 16, 22, 0, 0x27).special(22, 4, 4, 0, 0x25);
    a.special(16, 4, 23, 0, 0x2a).imm(0x0a, 4, 24, -1).special(23, 24, 23, 0, 0x21);
    a.special(4, 23, 4, 0, 0x21);
    a.special(0, 16, 25, 31, 0x00).special(0, 16, 26, 7, 0x02).special(0, 16, 16, 0, 0x00);
    a.special(25, 26, 25, 0, 0x26).special(4, 25, 4, 0, 0x21);
    a.imm(0x01, 16, 1, 2).nop().addiu(4, 4, 1000);
    a.special(0, 16, 27, 5, 0x03).special(4, 27, 4, 0, 0x21);
    a.imm(0x04, 0, 0, 2).nop();
    a.addiu(4, 0, 99);
    a.addiu(2, 0, InstructionCodes.EXIT_GROUP).syscall();
    int func = a.size();
    a.special(12, 12, 12, 0, 0x21);
    a.special(31, 0, 0, 0, 0x08).addiu(12, 12, 1);
    a.set(call, (0x03 << 26) | ((TestElf.TEXT >>> 2) + func));
    return a;
  }

  /** Named constants for the assembled programs. */
  static final class InstructionCodes {
    static final int EXIT_GROUP = 4246;
  }

  static LoadedProgram load(Asm code) throws Exception {
    return ElfLoader.load(new TestElf().text(code.bytes()).build());
  }

  @BeforeAll
  static void proveOnce() throws Exception {
    program = load(fibProgram(LOOP_COUNT));
    air = new MipsAir(program);
    honestRun = MipsProver.record(program, new byte[0], 1 << 16);
    honest = honestRun.get(0);
    proved = new MipsProver().prove(air, program, honestRun);
  }

  @Test
  void honestRunProvesAndVerifiesWithExitCodeAndCycles() {
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, proved.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(Integer.toUnsignedLong(expectedExitCode()));
    assertThat(v.cycles()).isEqualTo(honest.stepCount());
  }

  /** What the program computes, in Java: fib(10) = 55, r12 = 7 + 7 + 1 after the call. */
  private static int expectedExitCode() {
    int a0 = 55 - 15;
    int r16 = 0xdead_beef;
    int r17 = r16 & 0xf0f0;
    int r18 = r16 ^ 0x00ff;
    int r19 = r16 & r18;
    int r20 = r17 | r19;
    int r21 = r16 ^ r20;
    int r22 = ~(r21 | r16);
    int r4 = r22 | a0;
    int r23 = r16 < r4 ? 1 : 0;
    int r24 = r4 < -1 ? 1 : 0;
    int r25 = (r16 << 31) ^ (r16 >>> 7);
    return r4 + r23 + r24 + r25 + (r16 >= 0 ? 0 : 1000) + (r16 >> 5);
  }

  @Test
  void shiftResultTamperedIsRejected() {
    int s = firstStep(0x02, 0);
    MipsVerifier.Verdict v = proveTampered(
        r -> set(r, s, Segment.COL_DST_VALUE, get(r, s, Segment.COL_DST_VALUE) + 1),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void signedCompareTamperedIsRejected() {
    int s = firstStep(0x2a, 0);
    MipsVerifier.Verdict v = proveTampered(
        r -> set(r, s, Segment.COL_DST_VALUE, get(r, s, Segment.COL_DST_VALUE) ^ 1),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void bitwiseResultTamperedIsRejected() {
    int s = firstStep(0x27, 0);
    MipsVerifier.Verdict v = proveTampered(
        r -> set(r, s, Segment.COL_DST_VALUE, get(r, s, Segment.COL_DST_VALUE) ^ 0x100),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void proofForAnotherProgramIsRejected() throws Exception {
    LoadedProgram other = load(fibProgram(LOOP_COUNT + 1));
    MipsVerifier.Verdict v = new MipsVerifier().verify(other, proved.encode());
    assertThat(v.accepted()).isFalse();
    assertThat(v.reason()).contains("another program");
  }

  @Test
  void everyCorruptedByteRegionIsRejected() {
    byte[] proof = proved.encode();
    for (int pos = 0; pos < proof.length; pos += Math.max(1, proof.length / 97)) {
      byte[] bad = proof.clone();
      bad[pos] ^= 0x01;
      assertThat(new MipsVerifier().verify(program, bad).accepted()).as("byte %d", pos).isFalse();
    }
  }

  @Test
  void unprovableRunFailsLoudly() throws Exception {
    // write(1) from an unmapped buffer fails with EFAULT: a failing write is not proved yet
    LoadedProgram p = load(new Asm().write(1, 0x2000_0000, 4).exit(0));
    assertThatThrownBy(() -> new MipsProver().prove(p, new byte[0]))
        .isInstanceOf(UnsupportedStepException.class)
        .hasMessageContaining("returned an error or a short count");
    // a branch in the delay slot of a taken branch is a guest fault: nothing to prove
    LoadedProgram slot = load(new Asm().imm(0x04, 0, 0, 2).imm(0x04, 0, 0, 2).nop().nop().nop()
        .addiu(2, 0, InstructionCodes.EXIT_GROUP).syscall());
    assertThatThrownBy(() -> new MipsProver().prove(slot, new byte[0]))
        .isInstanceOf(UnsupportedStepException.class)
        .hasMessageContaining("the guest faulted").hasMessageContaining("delay slot");
  }

  /**
   * The process ends when its last thread calls exit (4001), with that thread's code: the main
   * thread clones a thread on a stack below its own and exits with 3; the clone then exits with 9,
   * the process's exit code. The replay knows the code, so a proof claiming another is rejected.
   */
  @Test
  void aProcessEndingByItsLastThreadsExitProves() throws Exception {
    Asm a = new Asm().li(4, 0x10100).addiu(5, 29, -4096).li(6, 0).li(7, 0).li(2, 4120).syscall();
    int toChild = a.here();
    a.nop().nop(); // beq $2, $0, child (patched) + slot
    a.li(4, 3).li(2, 4001).syscall(); // parent: exit(3)
    int child = a.here();
    a.li(4, 9).li(2, 4001).syscall(); // child: exit(9)
    a.set(toChild / 4, Asm.i(0x04, 2, 0, (child - toChild - 4) >> 2));
    LoadedProgram p = load(a);
    MipsProof proof = new MipsProver().prove(p, new byte[0]);
    assertThat(proof.exitCode()).isEqualTo(9);
    assertThat(proof.transcript().calls()).extracting(c -> c.cells()[0])
        .containsExactly(4120, 4001, 4001);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(9);
    MipsProof other = new MipsProof(proof.imageId(), 3, proof.cycles(), proof.publicValues(),
        proof.transcript(), proof.segments(), proof.finale());
    MipsVerifier.Verdict w = new MipsVerifier().verify(p, other.encode());
    assertThat(w.accepted()).isFalse();
    assertThat(w.reason()).contains("exits with code 9, the proof claims 3");
  }

  /**
   * In the delay slot of a branch not taken, a branch runs as the next instruction (UNPREDICTABLE
   * in MIPS32; the executor and the AIR agree on this reading): BNE not taken, then BEQ taken to
   * the exit, its own slot setting the exit code 5 and the ADDIU after it skipped.
   */
  @Test
  void aBranchInTheSlotOfABranchNotTakenProves() throws Exception {
    LoadedProgram p = load(new Asm().imm(0x05, 0, 0, 2).imm(0x04, 0, 0, 2).addiu(4, 0, 5)
        .addiu(4, 0, 9).addiu(2, 0, InstructionCodes.EXIT_GROUP).syscall());
    MipsProof proof = new MipsProver().prove(p, new byte[0]);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(5);
  }

  @Test
  void unknownSyscallFailsLoudly() throws Exception {
    Asm code = new Asm().addiu(2, 0, 4999).syscall()
        .addiu(2, 0, InstructionCodes.EXIT_GROUP).syscall();
    LoadedProgram p = load(code);
    assertThatThrownBy(() -> new MipsProver().prove(p, new byte[0]))
        .isInstanceOf(UnsupportedStepException.class).hasMessageContaining("syscall 4999");
  }

  @Test
  void faultingGuestIsRefusedWithTheFault() throws Exception {
    LoadedProgram p = load(new Asm().special(0, 0, 0, 0, 0x0d));
    assertThatThrownBy(() -> new MipsProver().prove(p, new byte[0]))
        .isInstanceOf(UnsupportedStepException.class).hasMessageContaining("BREAK");
  }

  @Test
  void keptExtensionsGiveTheSameProof() {
    StarkProver stark = new StarkProver(StarkParameters.defaults());
    byte[] recomputed = new MipsProver(stark, 16, 0).prove(program, new byte[0]).encode();
    byte[] kept = new MipsProver(stark, 16, Long.MAX_VALUE).prove(program, new byte[0]).encode();
    assertThat(kept).isEqualTo(recomputed);
  }

  @Test
  void segmentSizeAndExtensionBudgetFollowTheHeap() {
    long gib = 1L << 30;
    assertThat(MipsProver.segmentCyclesFor(14 * gib, false)).isEqualTo(1 << 18);
    assertThat(MipsProver.segmentCyclesFor(6028L << 20, false)).isEqualTo(1 << 18);
    assertThat(MipsProver.segmentCyclesFor(4 * gib, false)).isEqualTo(1 << 17);
    assertThat(MipsProver.segmentCyclesFor(4 * gib, true)).isEqualTo(1 << 18);
    assertThat(MipsProver.segmentCyclesFor(gib, false)).isEqualTo(1 << 15);
    assertThat(MipsProver.segmentCyclesFor(1 << 20, false)).isEqualTo(1 << 12);
    assertThat(MipsProver.extensionBudgetFor(16 * gib, 1 << 18, false)).isEqualTo(7 * gib);
    assertThat(MipsProver.extensionBudgetFor(6028L << 20, 1 << 18, false)).isZero();
    assertThat(MipsProver.extensionBudgetFor(4 * gib, 1 << 18, true)).isEqualTo(gib);
    assertThat(MipsProver.extensionBudgetFor(6 * gib, 1 << 18, true)).isEqualTo(3 * gib);
    // the surefire JVM runs G1 with its default regions at this heap
    assertThat(MipsProver.largeRegions()).isFalse();
  }

  @Test
  void runSplitIntoSegmentsProvesAndVerifies() throws Exception {
    MipsProof p = new MipsProver(new StarkProver(StarkParameters.defaults()), 16)
        .prove(program, new byte[0]);
    assertThat(p.segments().size()).isEqualTo((honest.stepCount() + 15) / 16);
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, p.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.cycles()).isEqualTo(honest.stepCount());
    List<byte[]> swapped = new java.util.ArrayList<>(p.segments());
    java.util.Collections.swap(swapped, 1, 2);
    assertThat(new MipsVerifier().verify(program, withSegments(p, swapped).encode()).reason())
        .contains("does not start where");
    List<byte[]> dropped = new java.util.ArrayList<>(p.segments());
    dropped.remove(1);
    assertThat(new MipsVerifier().verify(program, withSegments(p, dropped).encode()).accepted())
        .isFalse();
    List<byte[]> lastDropped = p.segments().subList(0, p.segments().size() - 1);
    assertThat(new MipsVerifier().verify(program, withSegments(p, lastDropped).encode()).accepted())
        .isFalse();
  }

  /**
   * A segment of exactly a power of two steps fills its CPU table (no padding row); its last row
   * must still bind the published end state: every end value lied about breaks a constraint.
   */
  @Test
  void segmentFillingItsTableStillBindsItsEndState() {
    Segment first = MipsProver.record(program, new byte[0], 16).get(0);
    TraceBuilder.SegmentTraces t = TraceBuilder.build(air, first,
        InitialState.of(program).runState(program));
    assertThat(t.traces().get(0)[0]).as("cpu rows").hasSize(16);
    StarkProver strict = new StarkProver(StarkParameters.defaults());
    assertThat(strict.prove(air.segment(), t.traces(), t.publicValues())).isNotEmpty();
    for (int pv : new int[] {MipsAir.PV_END_CYCLE, MipsAir.PV_END_PC, MipsAir.PV_END_NPC,
        MipsAir.PV_END_THREAD, MipsAir.PV_END_ENTRY}) {
      long[] lie = t.publicValues().clone();
      lie[pv] = pv == MipsAir.PV_END_ENTRY ? 1 - lie[pv] : lie[pv] + 4;
      assertThatThrownBy(() -> strict.prove(air.segment(), t.traces(), lie)).as("public value " + pv)
          .isInstanceOf(ProvingException.class).hasMessageContaining("table cpu: constraints not satisfied");
    }
  }

  private static MipsProof withSegments(MipsProof p, List<byte[]> segments) {
    return new MipsProof(p.imageId(), p.exitCode(), p.cycles(), p.publicValues(), p.transcript(), segments,
        p.finale());
  }

  // --- tampered traces: proved with constraint checks off, the verifier must reject ---

  private static int firstStep(int funct, int op) {
    for (int i = 0; i < honest.stepCount(); i++) {
      int w = honest.get(i, Segment.COL_INSTRUCTION);
      if (w != 0 && (w >>> 26) == op && (op != 0 || (w & 0x3f) == funct)) {
        return i;
      }
    }
    throw new AssertionError("no such step");
  }

  private static MipsVerifier.Verdict proveTampered(Consumer<int[]> tamper, int steps) {
    int[] rows = honest.rows().clone();
    tamper.accept(rows);
    Segment bad = new Segment(0, honest.start(), honest.end(), steps, rows, honest.syscalls(),
        honest.memory());
    StarkProver lax = new StarkProver(StarkParameters.defaults(), ProverBackends.best(),
        ForkJoinPool.commonPool(), false);
    byte[] proof = new MipsProver(lax, 1 << 16).prove(air, program, List.of(bad)).encode();
    return new MipsVerifier().verify(program, proof);
  }

  private static void set(int[] rows, int step, int col, int value) {
    rows[step * Segment.COLUMNS + col] = value;
  }

  private static int get(int[] rows, int step, int col) {
    return rows[step * Segment.COLUMNS + col];
  }

  @Test
  void wrongAluResultIsRejected() {
    int s = firstStep(0x21, 0);
    MipsVerifier.Verdict v = proveTampered(
        r -> set(r, s, Segment.COL_DST_VALUE, get(r, s, Segment.COL_DST_VALUE) + 1),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
    assertThat(v.reason()).contains("table cpu: constraints");
  }

  @Test
  void wrongCompareResultIsRejected() {
    int s = firstStep(0x2b, 0);
    MipsVerifier.Verdict v = proveTampered(
        r -> set(r, s, Segment.COL_DST_VALUE, get(r, s, Segment.COL_DST_VALUE) ^ 1),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void staleRegisterReadIsRejected() {
    // the loop's first ADDU reads r10 (b); in the fourth iteration, read the value of the first
    int first = firstStep(0x21, 0);
    int later = first + 6 * 3;
    assertThat(honest.get(later, Segment.COL_RT_VALUE))
        .isNotEqualTo(honest.get(first, Segment.COL_RT_VALUE));
    MipsVerifier.Verdict v = proveTampered(r -> {
      int stale = get(r, first, Segment.COL_RT_VALUE);
      set(r, later, Segment.COL_RT_VALUE, stale);
      set(r, later, Segment.COL_DST_VALUE, get(r, later, Segment.COL_RS_VALUE) + stale);
    }, honest.stepCount());
    assertThat(v.accepted()).isFalse();
    assertThat(v.reason()).isEqualTo("the LogUp buses do not balance");
  }

  @Test
  void skippedInstructionIsRejected() {
    int s = firstStep(0x21, 0);
    int n = honest.stepCount();
    MipsVerifier.Verdict v = proveTampered(r -> System.arraycopy(r, (s + 1) * Segment.COLUMNS, r,
        s * Segment.COLUMNS, (n - s - 1) * Segment.COLUMNS), n - 1);
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void registerWriteToR0IsRejected() {
    int s = firstStep(0x21, 0);
    MipsVerifier.Verdict v = proveTampered(r -> set(r, s, Segment.COL_DST_REGISTER, 0),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
    assertThat(v.reason()).isEqualTo("the LogUp buses do not balance");
  }

  @Test
  void branchNotTakenWhenItShouldBeIsRejected() {
    int s = firstStep(0, 0x05);
    // the loop's BNE is taken: pretend it fell through (next step continues after the delay slot)
    MipsVerifier.Verdict v = proveTampered(r -> set(r, s + 2, Segment.COL_PC,
        get(r, s, Segment.COL_PC) + 8), honest.stepCount());
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void arithmeticShiftWithoutSignFillIsRejected() {
    int s = firstStep(0x03, 0);
    MipsVerifier.Verdict v = proveTampered(
        r -> set(r, s, Segment.COL_DST_VALUE, get(r, s, Segment.COL_DST_VALUE) & 0x07ff_ffff),
        honest.stepCount());
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void signBranchTakenWhenItShouldNotBeIsRejected() {
    int s = firstStep(0, 0x01);
    // BGEZ on a negative value falls through; pretend it jumped over the ADDIU after the delay slot
    MipsVerifier.Verdict v = proveTampered(r -> {
      int n = honest.stepCount();
      System.arraycopy(r, (s + 3) * Segment.COLUMNS, r, (s + 2) * Segment.COLUMNS,
          (n - s - 3) * Segment.COLUMNS);
      set(r, s + 1, Segment.COL_NEXT_PC, get(r, s, Segment.COL_PC) + 12);
    }, honest.stepCount() - 1);
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void changedClaimsAreRejected() {
    MipsProof exit = new MipsProof(proved.imageId(), proved.exitCode() + 1, proved.cycles(),
        proved.publicValues(), proved.transcript(), proved.segments(), proved.finale());
    assertThat(new MipsVerifier().verify(program, exit.encode()).accepted()).isFalse();
    MipsProof pub = new MipsProof(proved.imageId(), proved.exitCode(), proved.cycles(),
        new byte[] {1}, proved.transcript(), proved.segments(), proved.finale());
    assertThat(new MipsVerifier().verify(program, pub.encode()).accepted()).isFalse();
    MipsProof cycles = new MipsProof(proved.imageId(), proved.exitCode(), proved.cycles() + 1,
        proved.publicValues(), proved.transcript(), proved.segments(), proved.finale());
    assertThat(new MipsVerifier().verify(program, cycles.encode()).accepted()).isFalse();
  }
}
