package io.entangled.zkvm.prover.tables;

import io.entangled.zkvm.prover.chips.AluOp;

/**
 * The results of the chip ops computed in Java, as the executor computes them: used when a result
 * is not in the trace (an op whose destination is r0) and to cross-check the trace.
 */
public final class AluReference {
  private AluReference() {}

  /** {x, y} for an ALU op; a, b, imm, hiIn, loIn as u32 in longs. */
  public static long[] alu(AluOp op, long a, long b, long imm, long hiIn, long loIn) {
    int ia = (int) a;
    int ib = (int) b;
    long acc = (hiIn << 32) | loIn;
    return switch (op) {
      case MUL -> pair(ia * ib, 0);
      case MULT -> split((long) ia * ib);
      case MULTU -> split(a * b);
      case MADD -> split(acc + (long) ia * ib);
      case MADDU -> split(acc + a * b);
      case MSUB -> split(acc - (long) ia * ib);
      case MSUBU -> split(acc - a * b);
      case DIV -> {
        int d = ib == 0 ? 1 : ib;
        yield pair(ia / d, ia % d);
      }
      case DIVU -> {
        int d = ib == 0 ? 1 : ib;
        yield pair(Integer.divideUnsigned(ia, d), Integer.remainderUnsigned(ia, d));
      }
      case AND -> pair(ia & ib, 0);
      case OR -> pair(ia | ib, 0);
      case XOR -> pair(ia ^ ib, 0);
      case NOR -> pair(~(ia | ib), 0);
      case SLLV -> pair(ib << (ia & 31), 0);
      case SRLV -> pair(ib >>> (ia & 31), 0);
      case SRAV -> pair(ib >> (ia & 31), 0);
      case ROTR -> pair(Integer.rotateRight(ib, (int) imm), 0);
      case ROTRV -> pair(Integer.rotateRight(ib, ia & 31), 0);
      case CLZ -> pair(Integer.numberOfLeadingZeros(ia), 0);
      case CLO -> pair(Integer.numberOfLeadingZeros(~ia), 0);
      case SEB -> pair((byte) ib, 0);
      case SEH -> pair((short) ib, 0);
      case WSBH -> pair(((ib & 0x00ff_00ff) << 8) | ((ib >>> 8) & 0x00ff_00ff), 0);
      case EXT -> {
        int pos = (int) imm & 31;
        int size = (int) imm >>> 5;
        long mask = (1L << size) - 1;
        yield pair((int) ((a >>> pos) & mask), 0);
      }
      case INS -> {
        int pos = (int) imm & 31;
        int size = (int) imm >>> 5;
        long mask = ((1L << size) - 1) << pos;
        yield pair((int) ((b & ~mask) | ((a << pos) & mask)), 0);
      }
      default -> throw new IllegalArgumentException(op + " is a memory op");
    };
  }

  /** x of a memory op: off 0..3 (big-endian byte index), rt, the word before. */
  public static long memory(AluOp op, int off, int rt, int before) {
    int shift = 8 * (3 - off);
    int r = switch (op) {
      case LB -> (byte) (before >>> shift);
      case LBU -> (before >>> shift) & 0xff;
      case LH -> (short) (before >>> (16 - 8 * off));
      case LHU -> (before >>> (16 - 8 * off)) & 0xffff;
      case LW -> before;
      case LWL -> (before << (8 * off)) | (rt & ((1 << (8 * off)) - 1));
      case LWR -> (before >>> (8 * (3 - off))) | (rt & ~(0xffff_ffff >>> (8 * (3 - off))));
      case SB -> (before & ~(0xff << shift)) | ((rt & 0xff) << shift);
      case SH -> {
        int s = 16 - 8 * off;
        yield (before & ~(0xffff << s)) | ((rt & 0xffff) << s);
      }
      case SW -> rt;
      case SWL -> (rt >>> (8 * off)) | (before & ~(0xffff_ffff >>> (8 * off)));
      case SWR -> (rt << (8 * (3 - off))) | (before & ((1 << (8 * (3 - off))) - 1));
      default -> throw new IllegalArgumentException(op + " is not a memory op");
    };
    return Integer.toUnsignedLong(r);
  }

  private static long[] split(long v) {
    return new long[] {v & 0xffff_ffffL, v >>> 32};
  }

  private static long[] pair(int x, int y) {
    return new long[] {Integer.toUnsignedLong(x), Integer.toUnsignedLong(y)};
  }
}
