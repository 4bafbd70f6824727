package io.entangled.zkvm.prover.air;

/**
 * The instruction families the CPU table knows; each is one selector column. Families marked
 * "inline" are constrained in the CPU row itself; CHIP, LOAD, STORE and SC hand their operation to a
 * chip table over a bus ({@link io.entangled.zkvm.prover.chips.AluOp}); SYSCALL hands the call to
 * the syscall table. An instruction of no family cannot appear in a proof.
 */
public enum Kind {
  /** ADDU, ADDIU, LUI, NOP/SSNOP/SYNC, MFHI/MFLO/MTHI/MTLO (as HI/LO + 0): rd = rs + b mod 2^32. */
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
  /** SRA by a constant: SRL plus sign(rt)·fill, fill = 2^32 − 2^(32−sa) in the target column. */
  SRA,
  /** BEQ. */
  BEQ,
  /** BNE. */
  BNE,
  /** BLEZ: taken when rs is negative or zero. */
  BLEZ,
  /** BGTZ. */
  BGTZ,
  /**
   * JAL and J: the link value pc + 8 goes to r31 when the program table says the instruction
   * writes (JAL), nowhere for J. One selector serves both (a CPU column fewer); likewise below.
   */
  JAL,
  /** JALR (rd = pc + 8) and JR (no write). */
  JALR,
  /** MOVZ rd, rs, rt (decoded with the rs/rt slots swapped): rd = rt == 0 ? rs : rd. */
  MOVZ,
  /** MOVN: rd = rt != 0 ? rs : rd. */
  MOVN,
  /** An op of a chip table on the ALU bus: results x (→ rd or LO) and y (→ HI). */
  CHIP,
  /** MADD, MADDU, MSUB, MSUBU: a chip op that also reads HI and LO (the old values of its writes). */
  MACC,
  /** A load (LB..LWR, LL): address rs + imm, the word read, x (from the memory-op chip) → rt. */
  LOAD,
  /** A store (SB..SWR): the word after = x from the memory-op chip. */
  STORE,
  /**
   * SC that succeeds (threads switch only inside syscalls, so LL..SC without a syscall between
   * never fails; the prover refuses a failed SC): a word store, then rt = 1.
   */
  SC,
  /** SYSCALL: handed to the syscall table (exit_group, read of the input, write) or the kernel. */
  SYSCALL,
  /** ADD, ADDI: rs + b, provable only without signed overflow (which traps). */
  ADDT,
  /** SUB: rs − rt, provable only without signed overflow. */
  SUBT,
  /** TEQ, TEQI: provable only when they do not trap, i.e. rs ≠ b. */
  TEQ,
  /** TNE, TNEI: provable only when rs = b. */
  TNE,
  /** BLTZAL (links r31 = pc + 8) and BLTZ (no write). */
  BLTZAL,
  /** BGEZAL and BGEZ. */
  BGEZAL;

  /** Number of selector columns. */
  public static final int COUNT = values().length;
}
