package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.backend.ProverBackends;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Chip ops inside whole programs: the CPU hands MUL/MULT/DIV/MADD…, SLLV/SRLV/SRAV/ROTR/ROTRV to the chip tables, HI/LO are
 * register cells, MOVZ/MOVN write conditionally; the proven exit code (a hash of every result)
 * must be the executor's.
 */
class ChipOpsProofTest {
  private static final int[] VALUES = {7, -7, 0x7fff_ffff, 0x8000_0000, -1, 0, 0x1234_5678, 3};

  /** Folds r2 into the accumulator r20: r20 = (r20 · 33) xor r2 via MUL. */
  private static void fold(Asm a) {
    a.addiu(21, 0, 33).special2(20, 21, 20, 0x02).special(20, 2, 20, 0, 0x26);
  }

  static Asm program() {
    Asm a = new Asm();
    a.addiu(20, 0, 1);
    for (int x : VALUES) {
      for (int y : VALUES) {
        a.li(8, x).li(9, y);
        for (int funct : new int[] {0x18, 0x19, 0x1a, 0x1b}) {
          a.special(8, 9, 0, 0, funct).mfhi(2);
          fold(a);
          a.mflo(2);
          fold(a);
        }
        a.special2(8, 9, 2, 0x02);
        fold(a);
        for (int funct : new int[] {0x00, 0x01, 0x04, 0x05}) {
          a.special2(8, 9, 0, funct).mfhi(2);
          fold(a);
        }
        for (int funct : new int[] {0x04, 0x06, 0x07}) {
          a.special(8, 9, 2, 0, funct);
          fold(a);
        }
        a.special(8, 9, 2, 1, 0x06).special(1, 9, 3, 13, 0x02).special(3, 2, 2, 0, 0x26);
        fold(a);
        // CLZ, CLO, SEB, SEH, WSBH, EXT (pos 3, size 9), INS (pos 5, size 20), logic ops
        a.special2(8, 2, 2, 0x20);
        fold(a);
        a.special2(9, 2, 2, 0x21);
        fold(a);
        for (int sa : new int[] {0x10, 0x18, 0x02}) {
          a.special3(0, 8, 2, sa, 0x20);
          fold(a);
        }
        a.special3(9, 2, 8, 3, 0x00);
        fold(a);
        a.addu(2, 8, 0).special3(9, 2, 24, 5, 0x04);
        fold(a);
        for (int funct : new int[] {0x24, 0x25, 0x26, 0x27}) {
          a.special(8, 9, 2, 0, funct);
          fold(a);
        }
        a.imm(0x0c, 8, 2, 0x8001).imm(0x0d, 2, 2, 0x7f00).imm(0x0e, 2, 2, 0xffff);
        fold(a);
        // MOVZ / MOVN with rt = y (zero or not)
        a.addu(2, 0, 20).special(8, 9, 2, 0, 0x0a);
        fold(a);
        a.special(8, 9, 2, 0, 0x0b);
        fold(a);
      }
    }
    a.special(20, 0, 0, 0, 0x11).special(8, 0, 0, 0, 0x13).mflo(2);
    fold(a);
    a.addu(4, 20, 0).addiu(2, 0, 4246).syscall();
    return a;
  }

  /** Stores of every width at every offset into the data segment, then loads of every kind. */
  static Asm memoryProgram() {
    Asm a = new Asm();
    a.addiu(20, 0, 1).li(16, TestElf.DATA).li(8, 0x89ab_cdef).li(9, 0x0123_4567);
    int[] stores = {0x28, 0x29, 0x2a, 0x2b, 0x2e};
    int[] loads = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26};
    for (int st : stores) {
      for (int off = 0; off < 4; off++) {
        if ((st == 0x29 && off % 2 != 0) || (st == 0x2b && off != 0)) {
          continue;
        }
        a.imm(st, 16, 8, off + 16 * off).special(8, 9, 8, 0, 0x26);
      }
    }
    for (int ld : loads) {
      for (int off = 0; off < 64; off++) {
        if (((ld == 0x21 || ld == 0x25) && off % 2 != 0) || (ld == 0x23 && off % 4 != 0)) {
          continue;
        }
        a.addu(2, 9, 0).imm(ld, 16, 2, off);
        fold(a);
      }
    }
    // LL / SC (one thread: the SC succeeds and writes 1 to rt)
    a.imm(0x30, 16, 2, 8).addiu(2, 2, 5).imm(0x38, 16, 2, 8);
    fold(a);
    a.imm(0x23, 16, 2, 8);
    fold(a);
    // SC without LL fails: rt = 0 and the word stays; SC $0 likewise (no result to see)
    a.li(2, 0x7777_7777).imm(0x38, 16, 2, 8);
    fold(a);
    a.imm(0x23, 16, 2, 8);
    fold(a);
    a.imm(0x38, 16, 0, 4).imm(0x23, 16, 2, 4);
    fold(a);
    a.addu(4, 20, 0).addiu(2, 0, 4246).syscall();
    return a;
  }

  @Test
  void loadsAndStoresProveAndTheExitCodeIsTheExecutors() throws Exception {
    byte[] data = new byte[64];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37 + 5);
    }
    proveAndCompare(ElfLoader.load(new TestElf().text(memoryProgram().bytes())
        .segment(TestElf.DATA, data, 128, 6).build()));
  }

  /**
   * A load that returns a stale word, with the loaded register consistent with it: every table's
   * constraints hold, and the LogUp buses refuse it.
   */
  @Test
  void aLoadReturningAStaleValueIsRejected() throws Exception {
    byte[] data = new byte[64];
    LoadedProgram p = ElfLoader.load(new TestElf().text(memoryProgram().bytes())
        .segment(TestElf.DATA, data, 128, 6).build());
    java.util.List<io.entangled.zkvm.trace.Segment> run = MipsProver.record(p, new byte[0], 1 << 20);
    io.entangled.zkvm.trace.Segment seg = run.get(0);
    int cols = io.entangled.zkvm.trace.Segment.COLUMNS;
    int[] rows = seg.rows().clone();
    int step = -1;
    for (int i = 0; i < seg.stepCount() && step < 0; i++) {
      int word = rows[i * cols + io.entangled.zkvm.trace.Segment.COL_INSTRUCTION];
      if (word >>> 26 == 0x23 && rows[i * cols + io.entangled.zkvm.trace.Segment.COL_MEM_BEFORE] != 0) {
        step = i;
      }
    }
    assertThat(step).isNotNegative();
    int stale = rows[step * cols + io.entangled.zkvm.trace.Segment.COL_MEM_BEFORE] ^ 0x0100_0000;
    rows[step * cols + io.entangled.zkvm.trace.Segment.COL_MEM_BEFORE] = stale;
    rows[step * cols + io.entangled.zkvm.trace.Segment.COL_MEM_AFTER] = stale;
    rows[step * cols + io.entangled.zkvm.trace.Segment.COL_DST_VALUE] = stale;
    io.entangled.zkvm.trace.Segment bad = new io.entangled.zkvm.trace.Segment(0, seg.start(),
        seg.end(), seg.stepCount(), rows, seg.syscalls(), seg.memory());
    io.entangled.zkvm.stark.StarkProver lax = new io.entangled.zkvm.stark.StarkProver(
        MipsProver.parameters(), io.entangled.zkvm.stark.backend.ProverBackends.best(),
        java.util.concurrent.ForkJoinPool.commonPool(), false);
    MipsProof proof = new MipsProver(lax, 1 << 20).prove(io.entangled.zkvm.prover.air.MipsAir.of(p),
        p, java.util.List.of(bad));
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, proof.encode());
    assertThat(v.accepted()).isFalse();
    // the stale word leaves the memory bus unbalanced, and the stale register value read later
    // leaves the register bus unbalanced (reported first)
    assertThat(v.reason()).endsWith("do not balance");
  }

  /**
   * ADD/ADDI/SUB on every edge pair that does not overflow, TEQ/TNE/TEQI/TNEI and TGE/TGEU/TLT/TLTU
   * and their immediate forms where they do not trap,
   * BLTZAL/BGEZAL taken and not taken (the link written either way).
   */
  static Asm trapsAndLinksProgram() {
    Asm a = new Asm();
    a.addiu(20, 0, 1);
    for (int x : VALUES) {
      for (int y : VALUES) {
        a.li(8, x).li(9, y);
        long add = (long) x + y;
        if (add == (int) add) {
          a.special(8, 9, 2, 0, 0x20);
          fold(a);
        }
        long sub = (long) x - y;
        if (sub == (int) sub) {
          a.special(8, 9, 2, 0, 0x22);
          fold(a);
        }
        if ((long) x + (short) y == (int) ((long) x + (short) y)) {
          a.imm(0x08, 8, 2, (short) y);
          fold(a);
        }
        a.special(8, 9, 0, 0, x == y ? 0x36 : 0x34);
        a.imm(0x01, 8, x == 5 ? 0x0e : 0x0c, 5);
        // the compare traps, each in the form that does not trap on (x, y) resp. (x, -3)
        a.special(8, 9, 0, 0, x < y ? 0x30 : 0x32);
        a.special(8, 9, 0, 0, Integer.compareUnsigned(x, y) < 0 ? 0x31 : 0x33);
        a.imm(0x01, 8, x < -3 ? 0x08 : 0x0a, -3);
        a.imm(0x01, 8, Integer.compareUnsigned(x, -3) < 0 ? 0x09 : 0x0b, -3);
      }
      // BLTZAL / BGEZAL over the next two instructions (delay slot, then a skipped ADDIU)
      for (int rt : new int[] {0x10, 0x11}) {
        a.li(8, x).imm(0x01, 8, rt, 2).nop().addiu(20, 20, 7).addu(2, 31, 0);
        fold(a);
      }
    }
    a.addu(4, 20, 0).addiu(2, 0, 4246).syscall();
    return a;
  }

  @Test
  void trappingArithmeticTrapsAndLinkingBranchesProve() throws Exception {
    proveAndCompare(ElfLoader.load(new TestElf().text(trapsAndLinksProgram().bytes()).build()));
  }

  /**
   * A forged trace: a run of TLT $8, $9 with $8 = 5, $9 = 3 (no trap) proved against a program that
   * has TGE $8, $9 at that pc (which traps: 5 ≥ 3). Program, register and memory buses all balance;
   * only the compare-trap constraint is violated, and the proof is rejected.
   */
  @Test
  void aCompareTrapThatWouldTrapIsRejected() throws Exception {
    int tlt = Asm.r(8, 9, 0, 0, 0x32);
    int tge = Asm.r(8, 9, 0, 0, 0x30);
    LoadedProgram ran = ElfLoader.load(new TestElf().text(
        new Asm().li(8, 5).li(9, 3).word(tlt).addiu(2, 0, 4246).syscall().bytes()).build());
    LoadedProgram forged = ElfLoader.load(new TestElf().text(
        new Asm().li(8, 5).li(9, 3).word(tge).addiu(2, 0, 4246).syscall().bytes()).build());
    assertThatThrownBy(() -> new MipsProver().prove(forged,
        new byte[0])).isInstanceOf(UnsupportedStepException.class).hasMessageContaining("TGE");
    assertCpuConstraintCatches(ran, forged, (rows, at) -> {
      if (rows[at + Segment.COL_INSTRUCTION] != tlt) {
        return false;
      }
      rows[at + Segment.COL_INSTRUCTION] = tge;
      return true;
    });
  }

  /**
   * A forged trace: an SC that failed (no LL before it: rt = 0) recorded as having stored its
   * value anyway. Buses balance (the word is not read again); the SC constraint — a failed SC
   * leaves the word — is violated, and the proof is rejected.
   */
  @Test
  void aFailedScThatStoresIsRejected() throws Exception {
    int sc = Asm.i(0x38, 16, 9, 0);
    LoadedProgram p = ElfLoader.load(new TestElf().text(new Asm().li(16, TestElf.DATA).li(8, 0x11)
        .imm(0x2b, 16, 8, 0).li(9, 77).word(sc).li(4, 0).addiu(2, 0, 4246).syscall().bytes())
        .segment(TestElf.DATA, new byte[16], 16, 6).build());
    assertCpuConstraintCatches(p, p, (rows, at) -> {
      if (rows[at + Segment.COL_INSTRUCTION] != sc) {
        return false;
      }
      assertThat(rows[at + Segment.COL_DST_VALUE]).as("the SC failed").isZero();
      rows[at + Segment.COL_MEM_AFTER] = 77;
      return true;
    });
  }

  /** Changes the row of one step of a recorded run; says whether this step was the one. */
  private interface StepForgery {
    boolean forge(int[] rows, int at);
  }

  /**
   * Records {@code ran}, forges exactly one step's row, and proves the result against {@code
   * proved}'s AIR: the strict prover names the CPU table's violated constraint, and a proof made
   * without the check does not verify.
   */
  private static void assertCpuConstraintCatches(LoadedProgram ran, LoadedProgram proved,
      StepForgery forgery) {
    Segment s = MipsProver.record(ran, new byte[0], 1 << 16).get(0);
    int[] rows = s.rows().clone();
    int forged = 0;
    for (int i = 0; i < s.stepCount(); i++) {
      forged += forgery.forge(rows, i * Segment.COLUMNS) ? 1 : 0;
    }
    assertThat(forged).isEqualTo(1);
    List<Segment> bad = List.of(new Segment(0, s.start(), s.end(), s.stepCount(), rows,
        s.syscalls(), s.memory()));
    MipsAir air = MipsAir.of(proved);
    assertThatThrownBy(() -> new MipsProver(new StarkProver(StarkParameters.defaults()), 1 << 16)
        .prove(air, proved, bad)).hasMessageContaining("table cpu: constraints not satisfied");
    StarkProver lax = new StarkProver(StarkParameters.defaults(), ProverBackends.best(),
        ForkJoinPool.commonPool(), false);
    byte[] proof = new MipsProver(lax, 1 << 16).prove(air, proved, bad).encode();
    assertThat(new MipsVerifier().verify(proved, proof).accepted()).isFalse();
  }

  @Test
  void anOverflowingAddIsAFaultNotAProof() throws Exception {
    Asm a = new Asm().li(8, 0x7fff_ffff).addiu(9, 0, 1).special(8, 9, 10, 0, 0x20)
        .addiu(2, 0, 4246).syscall();
    LoadedProgram p = ElfLoader.load(new TestElf().text(a.bytes()).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MipsProver().prove(p, new byte[0]))
        .isInstanceOf(UnsupportedStepException.class).hasMessageContaining("overflow");
  }

  @Test
  void chipOpsProveAndTheExitCodeIsTheExecutors() throws Exception {
    proveAndCompare(ElfLoader.load(new TestElf().text(program().bytes()).build()));
  }

  private static void proveAndCompare(LoadedProgram p) {
    RunResult run = new MipsMachine(p, new GuestIo(new byte[0], OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream())).run(1_000_000);
    MipsProof proof = new MipsProver().prove(p, new byte[0]);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(Integer.toUnsignedLong(run.exitCode()));
    assertThat(v.cycles()).isEqualTo(run.cycles());
  }
}
