package io.entangled.zkvm.prover.air;

/**
 * The instruction families the MIPS AIR covers so far; each is one selector column of the CPU table.
 * An instruction of no family cannot appear in a proof.
 */
public enum Kind {
  /** ADDU, ADDIU, LUI and NOP: rd = rs + b mod 2^32. */
  ADD,
  /** SUBU: rd = rs - rt mod 2^32. */
  SUB,
  /** SLTU, SLTIU: rd = (rs < b) unsigned. */
  SLTU,
  /** SLT, SLTI: rd = (rs < b) signed, as unsigned compare of both with the sign bit flipped. */
  SLT,
  /** SLL by a constant (imm = 2^sa): rt·2^sa = rd + 2^32·x, x < 2^sa. */
  SLL,
  /** SRL by a constant (imm = 2^sa): rt = rd·2^sa + x, x < 2^sa. */
  SRL,
  /**
   * SRA by a constant: as SRL, plus sign(rt)·fill where fill = 2^32 − 2^(32−sa) comes from the
   * program table's target column.
   */
  SRA,
  /** BEQ. */
  BEQ,
  /** BNE. */
  BNE,
  /** BLEZ: taken when rs is negative or zero. */
  BLEZ,
  /** BGTZ. */
  BGTZ,
  /** BLTZ (REGIMM). */
  BLTZ,
  /** BGEZ (REGIMM). */
  BGEZ,
  /** J. */
  J,
  /** JAL: r31 = pc + 8. */
  JAL,
  /** JR. */
  JR,
  /** JALR: rd = pc + 8. */
  JALR,
  /** AND, ANDI (zero-extended immediate): byte-wise through the byte table. */
  AND,
  /** OR, ORI. */
  OR,
  /** XOR, XORI. */
  XOR,
  /** NOR. */
  NOR,
  /** SYSCALL used as exit_group (v0 = 4246); any other syscall is refused. */
  EXIT;

  /** Number of selector columns. */
  public static final int COUNT = values().length;
}
