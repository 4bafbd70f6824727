package io.entangled.zkvm.prover.air;

/**
 * Decodes a MIPS32 instruction word at an address into the AIR's {@link Decoded} form, or returns
 * null when the AIR does not cover the instruction yet.
 */
public final class InstructionDecoder {
  /** o32 syscall number of exit_group. */
  public static final int SYS_EXIT_GROUP = 4246;

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
      case 0x02 -> new Decoded(Kind.J, 0, 0, 0, false, false, 0, jumpTarget(pc, word));
      case 0x03 -> new Decoded(Kind.JAL, 0, 0, 31, true, false, 0, jumpTarget(pc, word));
      case 0x01 -> rt == 0 ? new Decoded(Kind.BLTZ, rs, 0, 0, false, false, 0, branchTarget)
          : rt == 1 ? new Decoded(Kind.BGEZ, rs, 0, 0, false, false, 0, branchTarget) : null;
      case 0x06 -> rt != 0 ? null : new Decoded(Kind.BLEZ, rs, 0, 0, false, false, 0, branchTarget);
      case 0x07 -> rt != 0 ? null : new Decoded(Kind.BGTZ, rs, 0, 0, false, false, 0, branchTarget);
      case 0x04 -> new Decoded(Kind.BEQ, rs, rt, 0, false, false, 0, branchTarget);
      case 0x05 -> new Decoded(Kind.BNE, rs, rt, 0, false, false, 0, branchTarget);
      case 0x09 -> new Decoded(Kind.ADD, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x0a -> new Decoded(Kind.SLT, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x0b -> new Decoded(Kind.SLTU, rs, rt, rt, rt != 0, true, simm, 0);
      case 0x0c -> new Decoded(Kind.AND, rs, rt, rt, rt != 0, true, word & 0xffff, 0);
      case 0x0d -> new Decoded(Kind.OR, rs, rt, rt, rt != 0, true, word & 0xffff, 0);
      case 0x0e -> new Decoded(Kind.XOR, rs, rt, rt, rt != 0, true, word & 0xffff, 0);
      case 0x0f -> rs != 0 ? null : new Decoded(Kind.ADD, 0, rt, rt, rt != 0, true, word << 16, 0);
      default -> null;
    };
  }

  private static Decoded special(int pc, int word, int rs, int rt, int rd) {
    int funct = word & 0x3f;
    int sa = (word >>> 6) & 31;
    return switch (funct) {
      case 0x00 -> word == 0 ? new Decoded(Kind.ADD, 0, 0, 0, false, false, 0, 0)
          : rs != 0 ? null : new Decoded(Kind.SLL, 0, rt, rd, rd != 0, false, 1 << sa, 0);
      case 0x02 -> rs != 0 ? null : new Decoded(Kind.SRL, 0, rt, rd, rd != 0, false, 1 << sa, 0);
      case 0x03 -> rs != 0 ? null : new Decoded(Kind.SRA, 0, rt, rd, rd != 0, false, 1 << sa,
          (int) ((1L << 32) - (1L << (32 - sa))));
      case 0x08 -> new Decoded(Kind.JR, rs, 0, 0, false, false, 0, 0);
      case 0x09 -> new Decoded(Kind.JALR, rs, 0, rd, rd != 0, false, 0, 0);
      case 0x0c -> new Decoded(Kind.EXIT, 2, 4, 0, false, false, 0, 0);
      case 0x21 -> new Decoded(Kind.ADD, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x23 -> new Decoded(Kind.SUB, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x2b -> new Decoded(Kind.SLTU, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x2a -> new Decoded(Kind.SLT, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x24 -> new Decoded(Kind.AND, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x25 -> new Decoded(Kind.OR, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x26 -> new Decoded(Kind.XOR, rs, rt, rd, rd != 0, false, 0, 0);
      case 0x27 -> new Decoded(Kind.NOR, rs, rt, rd, rd != 0, false, 0, 0);
      default -> null;
    };
  }

  private static int jumpTarget(int pc, int word) {
    return ((pc + 4) & 0xf000_0000) | ((word & 0x03ff_ffff) << 2);
  }
}
