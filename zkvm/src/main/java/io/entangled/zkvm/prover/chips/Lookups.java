package io.entangled.zkvm.prover.chips;

import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import java.util.List;

/** Bus ids of the MIPS AIR and the shared lookup tables (16-bit range, byte pairs). */
public final class Lookups {
  public static final int BUS_PROGRAM = 1;
  public static final int BUS_REG = 2;
  /** (v) with v in [0, 2^16). */
  public static final int BUS_RANGE = 3;
  /** (a, b, a AND b, a OR b, a XOR b) with a, b bytes. */
  public static final int BUS_BYTES = 4;
  /** (op, a, b, imm, hiIn, loIn, x, y): see {@link AluOp}. */
  public static final int BUS_ALU = 5;
  /** (op, off, rt, before, x): see {@link AluOp}. */
  public static final int BUS_MEMOP = 6;
  /** (addr, value, ts): memory words. */
  public static final int BUS_MEM = 7;
  /** (index, byte): committed public values. */
  public static final int BUS_PUBLIC = 8;
  public static final int RANGE_BITS = 16;

  private Lookups() {}

  /** Sends v to the range table (v in [0, 2^16)). */
  public static Interaction range(Expr multiplicity, Expr v) {
    return Interaction.send(BUS_RANGE, multiplicity, v);
  }

  /** Sends the byte tuple (a, b, and, or, xor). */
  public static Interaction bytes(Expr multiplicity, Expr a, Expr b, Expr and, Expr or, Expr xor) {
    return Interaction.send(BUS_BYTES, multiplicity, a, b, and, or, xor);
  }

  /** The range table: preprocessed 0..65535, main column = multiplicity. */
  public static TableDef range16() {
    long[][] pre = new long[1][1 << RANGE_BITS];
    for (int v = 0; v < pre[0].length; v++) {
      pre[0][v] = v;
    }
    return new TableDef("range16", 1, pre, List.of(),
        List.of(Interaction.receive(BUS_RANGE, Expr.main(0), Expr.pre(0))));
  }

  /** All byte pairs (a, b) with a AND b, a OR b, a XOR b; main column = multiplicity. */
  public static TableDef bytes() {
    long[][] pre = new long[5][1 << 16];
    for (int v = 0; v < 1 << 16; v++) {
      int x = v >>> 8;
      int y = v & 0xff;
      pre[0][v] = x;
      pre[1][v] = y;
      pre[2][v] = x & y;
      pre[3][v] = x | y;
      pre[4][v] = x ^ y;
    }
    return new TableDef("bytes", 1, pre, List.of(), List.of(Interaction.receive(BUS_BYTES,
        Expr.main(0), Expr.pre(0), Expr.pre(1), Expr.pre(2), Expr.pre(3), Expr.pre(4))));
  }
}
