package io.entangled.zkvm.prover.air;

import io.entangled.zkvm.prover.chips.AluOp;
import io.entangled.zkvm.vm.KernelReplay;

/**
 * Decodes a MIPS32 instruction word at an address into the AIR's {@link Decoded} form, or returns
 * null when the AIR does not cover the instruction. Registers 32 and 33 are HI and LO, 34 the
 * thread pointer.
 */
public final class InstructionDecoder {
  /** o32 syscall number of exit_group. */
  public static final int SYS_EXIT_GROUP = 4246;
  public static final int HI = 32;
  public static final int LO = 33;
  /** The thread pointer's cell, which RDHWR $29 reads (see {@link KernelReplay#TLS_CELL}). */
  public static final int TLS = KernelReplay.TLS_CELL;
  private static final int V0 = 2;
  private static final int A0 = 4;
  private static final int A3 = 7;

  /**
   * The compare traps are SLT/SLTU rows that write nothing, with their target field saying which
   * compare result does not trap (a trapping one faults in the executor, so a proved row never
   * traps): TGE, TGEU, TGEI, TGEIU trap unless rs &lt; b; TLT, TLTU, TLTI, TLTIU trap if rs &lt; b.
   * Plain SLT/SLTU rows have target 0.
   */
  public static final int TRAP_UNLESS_LESS = 1;
  public static final int TRAP_IF_LESS = 2;

  private InstructionDecoder() {}

  /** The decoded instruction, or null when no AIR family covers it. */
  public static Decoded decode(int pc, int word) {
    int op = word >>> 26;
    int rs = (word >>> 21) & 31;
    int rt = (word >>> 16) & 31;
    int rd = (word >>> 11) & 31;
    int simm = (short) word;
    int branchTarget = pc + 4 + (simm << 2);
    return switch (op) {
      case 0 -> special(pc, word, rs, rt, rd);
      case 0x1c -> special2(word, rs, rt, rd);
      case 0x1f -> special3(word, rs, rt, rd);
      // J, BLTZ, BGEZ and JR share the selector of their linking forms, without the write
      case 0x02 -> Decoded.of(Kind.JAL, 0, 0, 0, false, false, 0, jumpTarget(pc, word));
      case 0x03 -> Decoded.of(Kind.JAL, 0, 0, 31, true, false, 0, jumpTarget(pc, word));
      case 0x01 -> switch (rt) {
        case 0x00 -> Decoded.of(Kind.BLTZAL, rs, 0, 0, false, false, 0, branchTarget);
        case 0x01 -> Decoded.of(Kind.BGEZAL, rs, 0, 0, false, false, 0, branchTarget);
        case 0x10 -> Decoded.of(Kind.BLTZAL, rs, 0, 31, true, false, 0, branchTarget);
        case 0x11 -> Decoded.of(Kind.BGEZAL, rs, 0, 31, true, false, 0, branchTarget);
        case 0x08 -> Decoded.of(Kind.SLT, rs, 0, 0, false, true, simm, TRAP_UNLESS_LESS);
        case 0x09 -> Decoded.of(Kind.SLTU, rs, 0, 0, false, true, simm, TRAP_UNLESS_LESS);
        case 0x0a -> Decoded.of(Kind.SLT, rs, 0, 0, false, true, simm, TRAP_IF_LESS);
        case 0x0b -> Decoded.of(Kind.SLTU, rs, 0, 0, false, true, simm, TRAP_IF_LESS);
        case 0x0c -> Decoded.of(Kind.TEQ, rs, 0, 0, false, true, simm, 0);
        case 0x0e -> Decoded.of(Kind.TNE, rs, 0, 0, false, true, simm, 0);
        default -> null;
      };
      case 0x06 -> rt != 0 ? null : Decoded.of(Kind.BLEZ, rs, 0, 0, false, false, 0, branchTarget);
      case 0x07 -> rt != 0 ? null : Decoded.of(Kind.BGTZ, rs, 0, 0, false, false, 0, branchTarget);
      case 0x04 -> Decoded.of(Kind.BEQ, rs, rt, 0, false, false, 0, branchTarget);
      case 0x05 -> Decoded.of(Kind.BNE, rs, rt, 0, false, false, 0, branchTarget);
      case 0x08 -> Decoded.of(Kind.ADDT, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x09 -> Decoded.of(Kind.ADD, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x0a -> Decoded.of(Kind.SLT, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x0b -> Decoded.of(Kind.SLTU, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x0c -> logicImm(AluOp.AND, rs, rt, word & 0xffff);
      case 0x0d -> logicImm(AluOp.OR, rs, rt, word & 0xffff);
      case 0x0e -> logicImm(AluOp.XOR, rs, rt, word & 0xffff);
      case 0x0f -> rs != 0 ? null : Decoded.of(Kind.ADD, 0, rt, rt, rt != 0, true, word << 16, 0);
      case 0x20 -> load(AluOp.LB, rs, rt, simm);
      case 0x21 -> load(AluOp.LH, rs, rt, simm);
      case 0x22 -> load(AluOp.LWL, rs, rt, simm);
      case 0x23, 0x30 -> load(AluOp.LW, rs, rt, simm);
      case 0x24 -> load(AluOp.LBU, rs, rt, simm);
      case 0x25 -> load(AluOp.LHU, rs, rt, simm);
      case 0x26 -> load(AluOp.LWR, rs, rt, simm);
      case 0x28 -> store(AluOp.SB, rs, rt, simm);
      case 0x29 -> store(AluOp.SH, rs, rt, simm);
      case 0x2a -> store(AluOp.SWL, rs, rt, simm);
      case 0x2b -> store(AluOp.SW, rs, rt, simm);
      case 0x2e -> store(AluOp.SWR, rs, rt, simm);
      case 0x38 -> new Decoded(Kind.SC, AluOp.SW, rs, rt, rt, rt != 0, 0, false, true, simm, 0);
      case 0x33 -> nop();
      default -> null;
    };
  }

  private static Decoded load(AluOp op, int rs, int rt, int simm) {
    return new Decoded(Kind.LOAD, op, rs, rt, rt, rt != 0, 0, false, true, simm, 0);
  }

  private static Decoded store(AluOp op, int rs, int rt, int simm) {
    return new Decoded(Kind.STORE, op, rs, rt, 0, false, 0, false, true, simm, 0);
  }

  private static Decoded chip(AluOp op, int rs, int rt, int rd, int imm) {
    return new Decoded(Kind.CHIP, op, rs, rt, rd, rd != 0, 0, false, false, imm, 0);
  }

  /** ANDI/ORI/XORI: a chip op whose second operand is the zero-extended immediate. */
  private static Decoded logicImm(AluOp op, int rs, int rt, int imm) {
    return new Decoded(Kind.CHIP, op, rs, rt, rt, rt != 0, 0, false, true, imm, 0);
  }

  /** An op whose results go to LO (x) and HI (y). */
  private static Decoded hiLo(AluOp op, int rs, int rt) {
    Kind k = switch (op) {
      case MADD, MADDU, MSUB, MSUBU -> Kind.MACC;
      default -> Kind.CHIP;
    };
    return new Decoded(k, op, rs, rt, LO, true, HI, true, false, 0, 0);
  }

  private static Decoded nop() {
    return Decoded.of(Kind.ADD, 0, 0, 0, false, false, 0, 0);
  }

  private static Decoded special(int pc, int word, int rs, int rt, int rd) {
    int funct = word & 0x3f;
    int sa = (word >>> 6) & 31;
    return switch (funct) {
      case 0x00 -> word == 0 ? nop()
          : rs != 0 ? null : Decoded.of(Kind.SLL, 0, rt, rd, rd != 0, false, 1 << sa, 0);
      case 0x02 -> rs == 0 ? Decoded.of(Kind.SRL, 0, rt, rd, rd != 0, false, 1 << sa, 0)
          : rs == 1 ? chip(AluOp.ROTR, 0, rt, rd, sa) : null;
      case 0x03 -> rs != 0 ? null : Decoded.of(Kind.SRA, 0, rt, rd, rd != 0, false, 1 << sa,
          (int) ((1L << 32) - (1L << (32 - sa))));
      case 0x04 -> sa != 0 ? null : chip(AluOp.SLLV, rs, rt, rd, 0);
      case 0x06 -> sa == 0 ? chip(AluOp.SRLV, rs, rt, rd, 0)
          : sa == 1 ? chip(AluOp.ROTRV, rs, rt, rd, 0) : null;
      case 0x07 -> sa != 0 ? null : chip(AluOp.SRAV, rs, rt, rd, 0);
      case 0x08 -> Decoded.of(Kind.JALR, rs, 0, 0, false, false, 0, 0);
      case 0x09 -> Decoded.of(Kind.JALR, rs, 0, rd, rd != 0, false, 0, 0);
      // MOVZ/MOVN: the rs slot reads rt (compared with 0), the rt slot reads rs (the value moved)
      case 0x0a -> Decoded.of(Kind.MOVZ, rt, rs, rd, rd != 0, true, 0, 0);
      case 0x0b -> Decoded.of(Kind.MOVN, rt, rs, rd, rd != 0, true, 0, 0);
      case 0x0c -> new Decoded(Kind.SYSCALL, null, V0, A0, V0, true, A3, true, false, 0, 0);
      case 0x0f -> nop();
      case 0x10 -> Decoded.of(Kind.ADD, HI, 0, rd, rd != 0, true, 0, 0);
      case 0x11 -> Decoded.of(Kind.ADD, rs, 0, HI, true, true, 0, 0);
      case 0x12 -> Decoded.of(Kind.ADD, LO, 0, rd, rd != 0, true, 0, 0);
      case 0x13 -> Decoded.of(Kind.ADD, rs, 0, LO, true, true, 0, 0);
      case 0x18 -> hiLo(AluOp.MULT, rs, rt);
      case 0x19 -> hiLo(AluOp.MULTU, rs, rt);
      case 0x1a -> hiLo(AluOp.DIV, rs, rt);
      case 0x1b -> hiLo(AluOp.DIVU, rs, rt);
      case 0x20 -> Decoded.of(Kind.ADDT, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x21 -> Decoded.of(Kind.ADD, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x22 -> Decoded.of(Kind.SUBT, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x23 -> Decoded.of(Kind.SUB, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x30 -> Decoded.of(Kind.SLT, rs, rt, 0, false, false, 0, TRAP_UNLESS_LESS);
      case 0x31 -> Decoded.of(Kind.SLTU, rs, rt, 0, false, false, 0, TRAP_UNLESS_LESS);
      case 0x32 -> Decoded.of(Kind.SLT, rs, rt, 0, false, false, 0, TRAP_IF_LESS);
      case 0x33 -> Decoded.of(Kind.SLTU, rs, rt, 0, false, false, 0, TRAP_IF_LESS);
      case 0x34 -> Decoded.of(Kind.TEQ, rs, rt, 0, false, false, 0, 0);
      case 0x36 -> Decoded.of(Kind.TNE, rs, rt, 0, false, false, 0, 0);
      case 0x2b -> Decoded.of(Kind.SLTU, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x2a -> Decoded.of(Kind.SLT, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x24 -> chip(AluOp.AND, rs, rt, rd, 0);
      case 0x25 -> chip(AluOp.OR, rs, rt, rd, 0);
      case 0x26 -> chip(AluOp.XOR, rs, rt, rd, 0);
      case 0x27 -> chip(AluOp.NOR, rs, rt, rd, 0);
      default -> null;
    };
  }

  private static Decoded special2(int word, int rs, int rt, int rd) {
    return switch (word & 0x3f) {
      case 0x00 -> hiLo(AluOp.MADD, rs, rt);
      case 0x01 -> hiLo(AluOp.MADDU, rs, rt);
      case 0x02 -> chip(AluOp.MUL, rs, rt, rd, 0);
      case 0x04 -> hiLo(AluOp.MSUB, rs, rt);
      case 0x05 -> hiLo(AluOp.MSUBU, rs, rt);
      case 0x20 -> chip(AluOp.CLZ, rs, 0, rd, 0);
      case 0x21 -> chip(AluOp.CLO, rs, 0, rd, 0);
      default -> null;
    };
  }

  private static Decoded special3(int word, int rs, int rt, int rd) {
    int sa = (word >>> 6) & 31;
    return switch (word & 0x3f) {
      case 0x00 -> sa + rd + 1 > 32 ? null : chip(AluOp.EXT, rs, 0, rt, sa + 32 * (rd + 1));
      case 0x04 -> rd < sa ? null : chip(AluOp.INS, rs, rt, rt, sa + 32 * (rd - sa + 1));
      case 0x20 -> switch (sa) {
        case 0x02 -> chip(AluOp.WSBH, 0, rt, rd, 0);
        case 0x10 -> chip(AluOp.SEB, 0, rt, rd, 0);
        case 0x18 -> chip(AluOp.SEH, 0, rt, rd, 0);
        default -> null;
      };
      // RDHWR $29 (user local, the thread pointer): a move from the thread pointer's cell
      case 0x3b -> rd != 29 ? null : Decoded.of(Kind.ADD, TLS, 0, rt, rt != 0, true, 0, 0);
      default -> null;
    };
  }

  private static int jumpTarget(int pc, int word) {
    return ((pc + 4) & 0xf000_0000) | ((word & 0x03ff_ffff) << 2);
  }
}
