package io.entangled.zkvm.prover.air;

/**
 * An instruction as the AIR sees it, decoded by the verifier from the ELF (so the CPU table never
 * decodes bits itself): its family, the registers it reads (rs, rt) and writes (rd, only when
 * {@code writes}), whether the second operand is the immediate, the immediate as a 32-bit value and
 * the jump or branch target.
 */
public record Decoded(Kind kind, int rs, int rt, int rd, boolean writes, boolean useImm, int imm,
    int target) {}
