package io.entangled.zkvm.prover.air;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.testkit.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the verifier-side decoder puts into the program table, family by family. */
class InstructionDecoderTest {
  private static final int PC = 0x0040_0100;

  @Test
  void immediatesAreSignOrZeroExtendedAsMipsSays() {
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x09, 4, 5, 0xfffe)))
        .isEqualTo(Decoded.of(Kind.ADD, 4, 5, 5, true, true, -2, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x0b, 4, 5, 0x8000)))
        .isEqualTo(Decoded.of(Kind.SLTU, 4, 5, 5, true, true, 0xffff_8000, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x0d, 4, 5, 0x8000)))
        .isEqualTo(new Decoded(Kind.CHIP, io.entangled.zkvm.prover.chips.AluOp.OR, 4, 5, 5, true,
            0, false, true, 0x8000, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x0f, 0, 5, 0x8001)))
        .isEqualTo(Decoded.of(Kind.ADD, 0, 5, 5, true, true, 0x8001_0000, 0));
  }

  @Test
  void trappingArithmeticTrapsAndLinkingBranches() {
    assertThat(InstructionDecoder.decode(PC, Asm.r(4, 5, 2, 0, 0x20)).kind()).isEqualTo(Kind.ADDT);
    assertThat(InstructionDecoder.decode(PC, Asm.r(4, 5, 2, 0, 0x22)).kind()).isEqualTo(Kind.SUBT);
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x08, 4, 5, 0xffff)))
        .isEqualTo(Decoded.of(Kind.ADDT, 4, 5, 5, true, true, -1, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.r(4, 5, 0, 0, 0x34)).kind()).isEqualTo(Kind.TEQ);
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x01, 4, 0x0e, 9)))
        .isEqualTo(Decoded.of(Kind.TNE, 4, 0, 0, false, true, 9, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.r(4, 5, 0, 0, 0x30))).isEqualTo(Decoded.of(
        Kind.SLT, 4, 5, 0, false, false, 0, InstructionDecoder.TRAP_UNLESS_LESS));
    assertThat(InstructionDecoder.decode(PC, Asm.r(4, 5, 0, 0, 0x33))).isEqualTo(Decoded.of(
        Kind.SLTU, 4, 5, 0, false, false, 0, InstructionDecoder.TRAP_IF_LESS));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x01, 4, 0x09, 0xfffe))).isEqualTo(Decoded.of(
        Kind.SLTU, 4, 0, 0, false, true, -2, InstructionDecoder.TRAP_UNLESS_LESS));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x01, 4, 0x0a, 9))).isEqualTo(Decoded.of(
        Kind.SLT, 4, 0, 0, false, true, 9, InstructionDecoder.TRAP_IF_LESS));
    // RDHWR $3, $29: a move from the thread pointer's cell
    assertThat(InstructionDecoder.decode(PC, 0x7c03_e83b)).isEqualTo(Decoded.of(Kind.ADD,
        InstructionDecoder.TLS, 0, 3, true, true, 0, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x01, 4, 0x11, 2)))
        .isEqualTo(Decoded.of(Kind.BGEZAL, 4, 0, 31, true, false, 0, PC + 12));
  }

  @Test
  void writesToR0AreNoWrites() {
    assertThat(InstructionDecoder.decode(PC, Asm.r(4, 5, 0, 0, 0x21)).writes()).isFalse();
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x09, 4, 0, 1)).writes()).isFalse();
    assertThat(InstructionDecoder.decode(PC, Asm.r(31, 0, 0, 0, 0x09)).writes()).isFalse();
  }

  @Test
  void targetsAreComputedFromThePc() {
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x04, 1, 2, -1)).target()).isEqualTo(PC);
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x05, 1, 2, 3)).target()).isEqualTo(PC + 16);
    Decoded jal = InstructionDecoder.decode(0x1fff_fffc, (0x03 << 26) | 0x10);
    assertThat(jal).isEqualTo(Decoded.of(Kind.JAL, 0, 0, 31, true, false, 0, 0x2000_0040));
  }

  @Test
  void syscallReadsV0AndA0() {
    assertThat(InstructionDecoder.decode(PC, 0x0c))
        .isEqualTo(new Decoded(Kind.SYSCALL, null, 2, 4, 2, true, 7, true, false, 0, 0));
  }

  @Test
  void constantShiftsCarryTheirPowerOfTwo() {
    assertThat(InstructionDecoder.decode(PC, Asm.r(0, 4, 5, 31, 0x00)))
        .isEqualTo(Decoded.of(Kind.SLL, 0, 4, 5, true, false, 1 << 31, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.r(0, 4, 5, 3, 0x02)))
        .isEqualTo(Decoded.of(Kind.SRL, 0, 4, 5, true, false, 8, 0));
    assertThat(InstructionDecoder.decode(PC, Asm.r(1, 4, 5, 3, 0x02)).op()).as("ROTR")
        .isEqualTo(io.entangled.zkvm.prover.chips.AluOp.ROTR);
    assertThat(InstructionDecoder.decode(PC, Asm.r(0, 4, 5, 3, 0x03)))
        .isEqualTo(Decoded.of(Kind.SRA, 0, 4, 5, true, false, 8, 0xe000_0000));
    assertThat(InstructionDecoder.decode(PC, Asm.r(0, 4, 5, 0, 0x03)).target()).isZero();
  }

  @Test
  void signBranchesReadR0AsSecondOperand() {
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x01, 7, 1, 4)))
        .isEqualTo(Decoded.of(Kind.BGEZAL, 7, 0, 0, false, false, 0, PC + 20));
    assertThat(InstructionDecoder.decode(PC, Asm.i(0x06, 7, 0, 4)).kind()).isEqualTo(Kind.BLEZ);
  }

  /** LUI with rs != 0, BLEZ with rt != 0, RDHWR of a register other than 29, a COP1 word, BREAK. */
  @ParameterizedTest
  @ValueSource(ints = {0x3c25_1234, 0x1881_0002, 0x7c03_e03b, 0x4400_0000, 0x0000_000d})
  void uncoveredInstructionsDecodeToNothing(int word) {
    assertThat(InstructionDecoder.decode(PC, word)).isNull();
  }
}
