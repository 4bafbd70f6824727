package io.entangled.zkvm.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.AsmRun;
import io.entangled.zkvm.testkit.TestElf;
import org.junit.jupiter.api.Test;

/** Semantics of individual instructions, with values checked by hand against the MIPS32 manual. */
class InstructionTest {
  private static final byte[] DATA = {
    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb,
    (byte) 0xcc
  };

  private static AsmRun run(Asm a) {
    return AsmRun.run(a.exit(0), DATA);
  }

  @Test
  void branchDelaySlotExecutesBeforeTheTarget() {
    Asm a = new Asm().li(8, 0);
    a.word(Asm.i(0x04, 0, 0, 2)); // beq $0,$0,+2 (skips one instruction after the slot)
    a.addiu(8, 8, 1); // delay slot: runs
    a.addiu(8, 8, 100); // skipped
    a.addiu(8, 8, 10); // target
    AsmRun r = run(a);
    assertThat(r.reg(8)).isEqualTo(11);
  }

  @Test
  void notTakenBranchFallsThroughAndLinkWritesReturnAddress() {
    Asm a = new Asm().li(8, 5);
    a.word(Asm.i(0x05, 8, 8, 3)); // bne $8,$8 never taken
    a.nop();
    int balAt = a.here();
    a.word(Asm.i(0x01, 0, 0x11, 2)); // bal +2: over the slot and one more
    a.nop();
    a.addiu(9, 0, 7); // skipped
    AsmRun r = run(a);
    assertThat(r.reg(31)).isEqualTo(TestElf.TEXT + balAt + 8);
    assertThat(r.reg(9)).isZero();
  }

  @Test
  void jalrLinksAndJumpsThroughRegister() {
    Asm a = new Asm();
    a.li(9, TestElf.TEXT + 6 * 4); // 2 words
    a.special(9, 0, 31, 0, 0x09); // jalr $9 (word 2)
    a.nop(); // slot (word 3)
    a.addiu(10, 0, 1); // skipped (word 4)
    a.addiu(10, 0, 2); // skipped (word 5)
    a.addiu(11, 0, 3); // target (word 6)
    AsmRun r = run(a);
    assertThat(r.reg(31)).isEqualTo(TestElf.TEXT + 16);
    assertThat(r.reg(10)).isZero();
    assertThat(r.reg(11)).isEqualTo(3);
  }

  @Test
  void unalignedLoadPairAssemblesBigEndianWord() {
    Asm a = new Asm().li(28, TestElf.DATA).li(8, 0);
    a.imm(0x22, 28, 8, 1); // lwl $8, 1($28)
    a.imm(0x26, 28, 8, 4); // lwr $8, 4($28)
    AsmRun r = run(a);
    assertThat(r.reg(8)).isEqualTo(0x22334455);
  }

  @Test
  void unalignedStorePairWritesBigEndianBytes() {
    Asm a = new Asm().li(28, TestElf.DATA).li(8, 0xa1b2c3d4);
    a.imm(0x2a, 28, 8, 2); // swl $8, 2($28)
    a.imm(0x2e, 28, 8, 5); // swr $8, 5($28)
    AsmRun r = run(a);
    assertThat(r.word(TestElf.DATA)).isEqualTo(0x1122a1b2);
    assertThat(r.word(TestElf.DATA + 4)).isEqualTo(0xc3d47788);
  }

  @Test
  void byteAndHalfLoadsExtendCorrectly() {
    Asm a = new Asm().li(28, TestElf.DATA);
    a.imm(0x20, 28, 8, 9); // lb $8, 9 -> 0xaa sign-extended
    a.imm(0x24, 28, 9, 9); // lbu
    a.imm(0x21, 28, 10, 8); // lh 0x99aa
    a.imm(0x25, 28, 11, 10); // lhu 0xbbcc
    a.imm(0x28, 28, 8, 0); // sb 0xaa at 0
    a.imm(0x29, 28, 11, 6); // sh 0xbbcc at 6
    AsmRun r = run(a);
    assertThat(r.reg(8)).isEqualTo(0xffffffaa);
    assertThat(r.reg(9)).isEqualTo(0xaa);
    assertThat(r.reg(10)).isEqualTo(0xffff99aa);
    assertThat(r.reg(11)).isEqualTo(0xbbcc);
    assertThat(r.word(TestElf.DATA)).isEqualTo(0xaa223344);
    assertThat(r.word(TestElf.DATA + 4)).isEqualTo(0x5566bbcc);
  }

  @Test
  void multiplyDivideAndAccumulate() {
    Asm a = new Asm().li(8, -7).li(9, 3);
    a.special(8, 9, 0, 0, 0x1a).mflo(10).mfhi(11); // div: -2, -1
    a.special(8, 9, 0, 0, 0x1b).mflo(12).mfhi(13); // divu
    a.special(8, 9, 0, 0, 0x19).mfhi(14); // multu hi
    a.special(8, 9, 0, 0, 0x18); // mult: -21
    a.word(Asm.r(8, 9, 0, 0, 0x00) | (0x1c << 26)); // madd: -42
    a.mflo(15).mfhi(16);
    a.word(Asm.r(8, 9, 17, 0, 0x02) | (0x1c << 26)); // mul
    a.li(18, 100).special(18, 0, 0, 0, 0x1a).mflo(19).mfhi(20); // div by zero: like qemu
    AsmRun r = run(a);
    assertThat(r.reg(10)).isEqualTo(-2);
    assertThat(r.reg(11)).isEqualTo(-1);
    assertThat(r.reg(12)).isEqualTo(Integer.divideUnsigned(-7, 3));
    assertThat(r.reg(13)).isEqualTo(Integer.remainderUnsigned(-7, 3));
    assertThat(r.reg(14)).isEqualTo(2);
    assertThat(r.reg(15)).isEqualTo(-42);
    assertThat(r.reg(16)).isEqualTo(-1);
    assertThat(r.reg(17)).isEqualTo(-21);
    assertThat(r.reg(19)).isEqualTo(100);
    assertThat(r.reg(20)).isZero();
  }

  @Test
  void bitFieldAndByteShuffleInstructions() {
    Asm a = new Asm().li(8, 0x12345678).li(9, 0xffffffff);
    a.word((0x1f << 26) | Asm.r(8, 10, 7, 4, 0x00)); // ext $10,$8,pos 4,size 8 -> 0x67
    a.word((0x1f << 26) | Asm.r(8, 9, 11, 8, 0x04)); // ins $9,$8,pos 8,size 4 -> 0xfffff8ff
    a.word((0x1f << 26) | Asm.r(0, 8, 12, 0x02, 0x20)); // wsbh
    a.li(13, 0x80f1).word((0x1f << 26) | Asm.r(0, 13, 14, 0x10, 0x20)); // seb
    a.word((0x1f << 26) | Asm.r(0, 13, 15, 0x18, 0x20)); // seh
    a.word((0x1c << 26) | Asm.r(8, 0, 16, 0, 0x20)); // clz
    a.word((0x1c << 26) | Asm.r(9, 0, 17, 0, 0x21)); // clo of 0xfffff8ff = 21
    a.special(1, 8, 18, 8, 0x02); // rotr 8
    a.li(19, 4).special(19, 8, 20, 1, 0x06); // rotrv 4
    AsmRun r = run(a);
    assertThat(r.reg(10)).isEqualTo(0x67);
    assertThat(r.reg(9)).isEqualTo(0xfffff8ff);
    assertThat(r.reg(12)).isEqualTo(0x34127856);
    assertThat(r.reg(14)).isEqualTo(0xfffffff1);
    assertThat(r.reg(15)).isEqualTo(0xffff80f1);
    assertThat(r.reg(16)).isEqualTo(3);
    assertThat(r.reg(17)).isEqualTo(21);
    assertThat(r.reg(18)).isEqualTo(0x78123456);
    assertThat(r.reg(20)).isEqualTo(0x81234567);
  }

  @Test
  void conditionalMovesAndSetLessThan() {
    Asm a = new Asm().li(8, -1).li(9, 1).li(10, 0);
    a.special(8, 10, 11, 0, 0x0a); // movz $11 <- -1 (since $10 == 0)
    a.special(8, 9, 12, 0, 0x0a); // movz not taken
    a.special(9, 8, 13, 0, 0x0b); // movn $13 <- 1
    a.special(8, 9, 14, 0, 0x2a); // slt -1 < 1
    a.special(8, 9, 15, 0, 0x2b); // sltu 0xffffffff < 1 = 0
    a.imm(0x0b, 9, 16, -1); // sltiu 1 < 0xffffffff
    AsmRun r = run(a);
    assertThat(r.reg(11)).isEqualTo(-1);
    assertThat(r.reg(12)).isZero();
    assertThat(r.reg(13)).isEqualTo(1);
    assertThat(r.reg(14)).isEqualTo(1);
    assertThat(r.reg(15)).isZero();
    assertThat(r.reg(16)).isEqualTo(1);
  }

  @Test
  void loadLinkedStoreConditionalSucceedsWithoutInterveningSwitch() {
    Asm a = new Asm().li(28, TestElf.DATA);
    a.imm(0x30, 28, 8, 0); // ll
    a.addiu(8, 8, 1);
    a.imm(0x38, 28, 8, 0); // sc -> 1
    a.imm(0x38, 28, 9, 4); // sc without ll -> 0, no store
    AsmRun r = run(a);
    assertThat(r.reg(8)).isEqualTo(1);
    assertThat(r.reg(9)).isZero();
    assertThat(r.word(TestElf.DATA)).isEqualTo(0x11223345);
    assertThat(r.word(TestElf.DATA + 4)).isEqualTo(0x55667788);
  }

  @Test
  void registerZeroStaysZeroAndSyncPrefAreNoOps() {
    Asm a = new Asm().addiu(0, 0, 5).special(0, 0, 0, 0, 0x0f).imm(0x33, 0, 0, 0);
    a.addu(8, 0, 0);
    AsmRun r = run(a);
    assertThat(r.result.status()).isEqualTo(RunResult.Status.EXITED);
    assertThat(r.reg(0)).isZero();
  }

  @Test
  void writeSyscallReachesStdoutAndExitCodeIsReported() {
    Asm a = new Asm().li(28, TestElf.DATA).write(1, TestElf.DATA, 4);
    AsmRun r = AsmRun.run(a.exit(42), "ok!\n".getBytes());
    assertThat(r.stdout.toString()).isEqualTo("ok!\n");
    assertThat(r.result.exitCode()).isEqualTo(42);
    assertThat(r.result.cycles()).isEqualTo(a.size());
  }
}
