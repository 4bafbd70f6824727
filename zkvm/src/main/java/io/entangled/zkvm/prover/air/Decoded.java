package io.entangled.zkvm.prover.air;

import io.entangled.zkvm.prover.chips.AluOp;

/**
 * An instruction as the AIR sees it, decoded by the verifier from the ELF (so the CPU table never
 * decodes bits itself): its family, the chip op (CHIP, LOAD, STORE, SC; else null), the registers
 * it reads (rs, rt slots; 32 = HI, 33 = LO), the register it writes first (rd, when {@code writes})
 * and second (rd2, when {@code writes2}: HI for the HI/LO ops, a3 for syscalls), whether the second
 * operand is the immediate, the immediate as a 32-bit value and the jump or branch target.
 */
public record Decoded(Kind kind, AluOp op, int rs, int rt, int rd, boolean writes, int rd2,
    boolean writes2, boolean useImm, int imm, int target) {

  /** An inline family instruction with one optional write. */
  static Decoded of(Kind kind, int rs, int rt, int rd, boolean writes, boolean useImm, int imm,
      int target) {
    return new Decoded(kind, null, rs, rt, rd, writes, 0, false, useImm, imm, target);
  }
}
