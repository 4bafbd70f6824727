package io.entangled.zkvm.prover.air;

/** Column indices of the CPU table (one row per executed instruction, then padding rows up to a power of two, possibly none). */
public final class Cpu {
  public static final int IS_REAL = 0;
  public static final int PC = 1;
  public static final int NEXT_PC = 2;
  /** The pc after nextPc: what the next row's nextPc must be. */
  public static final int NNPC = 3;
  /**
   * Timestamp of the row: 8·(cycle + 1). Slots: rs read at ts, rt read at ts + 1, the memory word
   * at ts + 2, the first write at ts + 3, the second write at ts + 4; the syscall table uses ts + 4
   * .. ts + 7 on the memory bus and ts + 5 .. ts + 7 on the register bus.
   */
  public static final int TS = 4;
  public static final int SEL = 5;
  /**
   * The decoded tuple looked up in the program table: OP .. TARGET, laid out exactly as
   * ProgramTable's columns OP .. TARGET (the lookup sends them in column order).
   */
  public static final int OP = SEL + Kind.COUNT;
  public static final int RS = OP + ProgramTable.RS - ProgramTable.OP;
  public static final int RT = OP + ProgramTable.RT - ProgramTable.OP;
  public static final int RD = OP + ProgramTable.RD - ProgramTable.OP;
  public static final int WR = OP + ProgramTable.WR - ProgramTable.OP;
  public static final int RD2 = OP + ProgramTable.RD2 - ProgramTable.OP;
  public static final int WR2 = OP + ProgramTable.WR2 - ProgramTable.OP;
  public static final int USE_IMM = OP + ProgramTable.USE_IMM - ProgramTable.OP;
  public static final int IMM = OP + ProgramTable.IMM - ProgramTable.OP;
  public static final int TARGET = OP + ProgramTable.TARGET - ProgramTable.OP;
  public static final int RS_VAL = TARGET + 1;
  public static final int RT_VAL = RS_VAL + 1;
  /** Second ALU operand: imm or rtVal. */
  public static final int B = RT_VAL + 1;
  /** Adder output, range-checked to 32 bits through its limbs SUM_LO, SUM_HI. */
  public static final int SUM = B + 1;
  public static final int CARRY = SUM + 1;
  public static final int SUM_LO = CARRY + 1;
  public static final int SUM_HI = SUM_LO + 1;
  public static final int SUM_INV = SUM_HI + 1;
  /** 1 when SUM is 0 (rs == b for the subtracting families). */
  public static final int EQ = SUM_INV + 1;
  public static final int TAKEN = EQ + 1;
  /** The value of the first write. */
  public static final int RES = TAKEN + 1;
  /** Value of the first written register before the write. */
  public static final int OLD = RES + 1;
  /** Value of the second written register before the write. */
  public static final int OLD2 = OLD + 1;
  /** Results of a chip (ALU, memory op) or of the syscall table. */
  public static final int X = OLD2 + 1;
  public static final int Y = X + 1;
  /** Timestamp gaps minus one as 16-bit limb pairs: rs, rt, memory, first write, second write. */
  public static final int D_RS_LO = Y + 1;
  public static final int D_RT_LO = D_RS_LO + 2;
  public static final int D_MEM_LO = D_RT_LO + 2;
  public static final int D_RD_LO = D_MEM_LO + 2;
  public static final int D_RD2_LO = D_RD_LO + 2;
  /** Memory ops: the byte offset's bits, the word index's low limb (SUM_LO = 4·WQ + off). */
  public static final int OFF0 = D_RD2_LO + 2;
  public static final int OFF1 = OFF0 + 1;
  public static final int WQ = OFF1 + 1;
  public static final int MEM_BEFORE = WQ + 1;
  public static final int MEM_AFTER = MEM_BEFORE + 1;
  /** SLT: sign bits and the low 16 / middle 15 bits of rsVal and b. */
  public static final int SIGN_A = MEM_AFTER + 1;
  public static final int A_LO = SIGN_A + 1;
  public static final int A_MID = A_LO + 1;
  public static final int SIGN_B = A_MID + 1;
  public static final int B_LO = SIGN_B + 1;
  public static final int B_MID = B_LO + 1;
  /** Shifts: the remainder x (< 2^sa) and y = 2^32 − 2^sa + x (< 2^32 iff x < 2^sa), as limbs. */
  public static final int SH_X_LO = B_MID + 1;
  public static final int SH_Y_LO = SH_X_LO + 2;
  /** Sign of the sum (ADD/ADDI/SUB overflow): SUM_HI = S_MID + 2^15·SIGN_S, S_MID < 2^15. */
  public static final int SIGN_S = SH_Y_LO + 2;
  public static final int S_MID = SIGN_S + 1;
  /** Overflow test: F = (sign pattern) ∈ {−1, 0, 1} iff no signed overflow, shown by T = F², T ∈ {0, 1}. */
  public static final int OV_F = S_MID + 1;
  public static final int OV_T = OV_F + 1;
  /** The running thread's slot: its register cells are 64·THREAD + register. */
  public static final int THREAD = OV_T + 1;
  /**
   * 1 on the row after a SYSCALL: its thread, pc and next pc come from the kernel (the entry
   * bus), not from the row before.
   */
  public static final int ENTRY = THREAD + 1;
  public static final int WIDTH = ENTRY + 1;

  private Cpu() {}

  public static int sel(Kind k) {
    return SEL + k.ordinal();
  }
}
