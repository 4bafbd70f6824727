package io.entangled.zkvm.prover.chips;

import static io.entangled.zkvm.prover.chips.ChipExprs.m;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AND, OR, XOR, NOR (register and immediate forms) byte by byte through the byte table: a and b are
 * split into bytes, and each tuple (a_i, b_i, and_i, or_i, xor_i) is looked up in the table of all
 * byte pairs, which also proves a_i and b_i are bytes. Sound because the byte decomposition of a u32
 * is unique once every byte is range-checked, and the table lists exactly the right results.
 */
public final class LogicChip implements Chip {
  public static final int AND = 0;
  public static final int OR = 1;
  public static final int XOR = 2;
  public static final int NOR = 3;
  /** The immediate the CPU sends (not used: b already is the second operand). */
  public static final int IMM = 4;
  public static final int A_BYTES = 5;
  public static final int B_BYTES = A_BYTES + 4;
  public static final int AND_BYTES = B_BYTES + 4;
  public static final int OR_BYTES = AND_BYTES + 4;
  public static final int XOR_BYTES = OR_BYTES + 4;
  public static final int WIDTH = XOR_BYTES + 4;
  private static final AluOp[] OPS = {AluOp.AND, AluOp.OR, AluOp.XOR, AluOp.NOR};

  @Override
  public String name() {
    return "logic";
  }

  @Override
  public Set<AluOp> ops() {
    return Set.of(OPS);
  }


  private static Expr word(int first) {
    Expr w = m(first);
    for (int i = 1; i < 4; i++) {
      w = w.plus(m(first + i).times(1L << (8 * i)));
    }
    return w;
  }

  @Override
  public TableDef table() {
    List<Constraint> cs = new ArrayList<>();
    Expr real = Expr.constant(0);
    Expr op = Expr.constant(0);
    for (int k = 0; k < OPS.length; k++) {
      cs.add(Constraint.everyRow(m(k).times(Expr.constant(1).minus(m(k)))));
      real = real.plus(m(k));
      op = op.plus(m(k).times(OPS[k].id()));
    }
    cs.add(Constraint.everyRow(real.times(Expr.constant(1).minus(real))));
    Expr x = m(AND).times(word(AND_BYTES)).plus(m(OR).times(word(OR_BYTES)))
        .plus(m(XOR).times(word(XOR_BYTES)))
        .plus(m(NOR).times(Expr.constant(0xffff_ffffL).minus(word(OR_BYTES))));
    List<Interaction> its = new ArrayList<>();
    its.add(Interaction.receive(Lookups.BUS_ALU, real, op, word(A_BYTES), word(B_BYTES), m(IMM),
        Expr.constant(0), Expr.constant(0), x, Expr.constant(0)));
    for (int i = 0; i < 4; i++) {
      its.add(Lookups.bytes(real, m(A_BYTES + i), m(B_BYTES + i), m(AND_BYTES + i),
          m(OR_BYTES + i), m(XOR_BYTES + i)));
    }
    return new TableDef(name(), WIDTH, null, cs, its);
  }

  @Override
  public long[][] trace(List<AluEvent> events, LookupCounts counts) {
    int height = Math.max(2, Integer.highestOneBit(Math.max(1, events.size() - 1)) << 1);
    long[][] t = ColumnPool.shared().takeZeroed(WIDTH, height);
    for (int r = 0; r < events.size(); r++) {
      AluEvent e = events.get(r);
      int k = switch (e.op()) {
        case AND -> AND;
        case OR -> OR;
        case XOR -> XOR;
        case NOR -> NOR;
        default -> throw new IllegalArgumentException("logic chip: not a logic op: " + e.op());
      };
      long a = e.a();
      long b = e.b();
      long expected = switch (k) {
        case AND -> a & b;
        case OR -> a | b;
        case XOR -> a ^ b;
        default -> ~(a | b) & 0xffff_ffffL;
      };
      if (e.x() != expected || e.y() != 0 || e.hiIn() != 0 || e.loIn() != 0) {
        throw new IllegalArgumentException("logic chip: " + e.op() + "(" + a + ", " + b
            + ") is " + expected + ", not " + e.x());
      }
      t[k][r] = 1;
      t[IMM][r] = e.imm();
      for (int i = 0; i < 4; i++) {
        int x = (int) (a >>> (8 * i)) & 0xff;
        int y = (int) (b >>> (8 * i)) & 0xff;
        t[A_BYTES + i][r] = x;
        t[B_BYTES + i][r] = y;
        t[AND_BYTES + i][r] = x & y;
        t[OR_BYTES + i][r] = x | y;
        t[XOR_BYTES + i][r] = x ^ y;
        counts.bytePair(x, y);
      }
    }
    return t;
  }
}
