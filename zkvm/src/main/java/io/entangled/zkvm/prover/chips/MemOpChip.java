package io.entangled.zkvm.prover.chips;

import static io.entangled.zkvm.prover.chips.ChipExprs.bool;
import static io.entangled.zkvm.prover.chips.ChipExprs.c;
import static io.entangled.zkvm.prover.chips.ChipExprs.m;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The memory-op chip: proves the tuples {@code (op, off, rt, before, x)} of the memory-op bus for
 * LB, LBU, LH, LHU, LW, LWL, LWR, SB, SH, SW, SWL, SWR (big-endian: byte k of a word is bits
 * 31−8k..24−8k), exactly as {@code MipsMachine} computes them.
 *
 * <p>Every op is a byte permutation: each of the four result bytes x_j (j = 0 most significant) is
 * a byte of {@code before} (B_i), a byte of {@code rt} (R_i), zero, or the sign fill 0xff·s where s
 * is bit 7 of before's byte at {@code off}; which one is fixed by (op, off) in {@link #source}. A
 * row holds one boolean selector per op, four boolean offset selectors o_k, the bytes B_0..B_3 and
 * R_0..R_3, the ANDs of the byte pairs (B_0, B_1), (B_2, B_3), (R_0, R_1), (R_2, R_3), the selected
 * byte sb and its top bit s, and x. Constraints (degree ≤ 3):
 *
 * <pre>
 *   sel·(sel − 1) = 0 for each op selector; real = Σ sel; real·(real − 1) = 0
 *   o_k·(o_k − 1) = 0; Σ o_k = real; sb = Σ o_k·B_k
 *   (sel_LH + sel_LHU + sel_SH)·(o_1 + o_3) = 0;  (sel_LW + sel_SW)·(o_1 + o_2 + o_3) = 0
 *   x = Σ_k o_k · Σ_op sel_op · Σ_j 2^(24−8j)·source(op, k, j)
 * </pre>
 *
 * <p>It receives {@code (Σ id_op·sel_op, Σ k·o_k, Σ 2^(24−8i)·R_i, Σ 2^(24−8i)·B_i, x)} with
 * multiplicity real, and each real row sends five byte-table lookups: the pairs {@code (u, v, A, u
 * + v − A, u + v − 2A)} for (u, v) = (B_0, B_1), (B_2, B_3), (R_0, R_1), (R_2, R_3) with A their
 * AND (a row of the table (u, v, u AND v, u OR v, u XOR v) exists for bytes u, v only, and OR = u +
 * v − AND, XOR = u + v − 2·AND, so one lookup range-checks two bytes), and {@code (sb, 128, 128·s,
 * sb + 128 − 128·s, sb + 128 − 256·s)}, which holds exactly when 128·s = sb AND 128: s is bit 7 of
 * sb (no boolean constraint needed).
 *
 * <p>Why x is unique and equals the executor's result, given that the received off is in 0..3 and
 * rt, before are u32: the selectors are booleans whose sum is a boolean, so on a row that receives
 * (multiplicity real = 1) exactly one op selector is set and the received op id names it (ids are
 * distinct; an id of no op of this chip has no row). Exactly one o_k is set and Σ k·o_k = off
 * selects it. The B_i are looked up as bytes, so Σ 2^(24−8i)·B_i is an integer below 2^32 &lt; p;
 * its equality with the u32 before is an integer equality, and base-256 digits are unique: the B_i
 * are before's bytes (likewise the R_i for rt). Then sb = B_off, and s is its bit 7, forced by the
 * table. The x equation collapses to one combination of bytes and s with weights 2^(24−8j) whose
 * integer value is below 2^32, so x is that u32, which is the executor's result by the definition
 * of {@link #source} (tested against MipsMachine for every op, offset and random words). Misaligned
 * LH/LHU/SH (odd off) and LW/SW (off ≠ 0), on which the executor faults, violate an alignment
 * constraint and cannot be proved. Padding rows are all zero: every constraint holds and nothing is
 * received or sent. (The chip does not rely on the CPU for its inputs' ranges either: a received off
 * is Σ k·o_k, and rt, before are compositions of looked-up bytes.)
 */
public final class MemOpChip implements Chip {
  /** The ops in selector-column order. */
  static final List<AluOp> OPS = List.of(AluOp.LB, AluOp.LBU, AluOp.LH, AluOp.LHU, AluOp.LW,
      AluOp.LWL, AluOp.LWR, AluOp.SB, AluOp.SH, AluOp.SW, AluOp.SWL, AluOp.SWR);
  /** First offset selector o_0 (o_k at OFF + k). */
  public static final int OFF = OPS.size();
  /** First byte of before (B_i at BEFORE + i, i = 0 most significant). */
  public static final int BEFORE = OFF + 4;
  /** First byte of rt. */
  public static final int RT = BEFORE + 4;
  /** AND of the byte pairs (B_0, B_1), (B_2, B_3), (R_0, R_1), (R_2, R_3), in that order. */
  public static final int AND = RT + 4;
  /** The selected byte sb = B_off. */
  public static final int SIGN_BYTE = AND + 4;
  /** Bit 7 of sb. */
  public static final int SIGN_BIT = SIGN_BYTE + 1;
  /** The result x. */
  public static final int X = SIGN_BIT + 1;
  public static final int WIDTH = X + 1;
  /** Byte-table lookups sent per real row (padding rows send none). */
  public static final int LOOKUPS = 5;

  /** Source codes of a result byte: zero, B_i (BEFORE_BYTE + i), R_i (RT_BYTE + i), sign fill. */
  static final int ZERO = 0;
  static final int BEFORE_BYTE = 1;
  static final int RT_BYTE = 5;
  static final int SIGN = 9;
  private static final long MASK32 = 0xffff_ffffL;

  @Override
  public String name() {
    return "memop";
  }

  @Override
  public Set<AluOp> ops() {
    return EnumSet.copyOf(OPS);
  }

  /** Selector column of an op of this chip. */
  public static int selector(AluOp op) {
    int i = OPS.indexOf(op);
    if (i < 0) {
      throw new IllegalArgumentException("not a memory op: " + op);
    }
    return i;
  }

  /** Whether the op may use this byte offset (the executor faults on the others). */
  public static boolean aligned(AluOp op, int off) {
    return switch (op) {
      case LH, LHU, SH -> off == 0 || off == 2;
      case LW, SW -> off == 0;
      default -> off >= 0 && off <= 3;
    };
  }

  /**
   * Where result byte j (0 = most significant) of the op at offset off comes from: {@link #ZERO},
   * {@code BEFORE_BYTE + i}, {@code RT_BYTE + i} or {@link #SIGN} (0xff if bit 7 of before's byte
   * off is set). Only defined for aligned (op, off).
   */
  static int source(AluOp op, int off, int j) {
    return switch (op) {
      case LB -> j < 3 ? SIGN : b(off);
      case LBU -> j < 3 ? ZERO : b(off);
      case LH -> j < 2 ? SIGN : b(off + j - 2);
      case LHU -> j < 2 ? ZERO : b(off + j - 2);
      case LW -> b(j);
      case LWL -> j < 4 - off ? b(j + off) : r(j);
      case LWR -> j < 3 - off ? r(j) : b(j - 3 + off);
      case SB -> j == off ? r(3) : b(j);
      case SH -> j == off || j == off + 1 ? r(j - off + 2) : b(j);
      case SW -> r(j);
      case SWL -> j < off ? b(j) : r(j - off);
      case SWR -> j <= off ? r(j + 3 - off) : b(j);
      default -> throw new IllegalArgumentException("not a memory op: " + op);
    };
  }

  private static int b(int i) {
    return BEFORE_BYTE + i;
  }

  private static int r(int i) {
    return RT_BYTE + i;
  }

  /** The executor's x for (op, off, rt, before); IllegalArgumentException if misaligned. */
  public static long result(AluOp op, int off, long rt, long before) {
    if (!aligned(op, off)) {
      throw new IllegalArgumentException(op + " at byte offset " + off + " is misaligned");
    }
    long x = 0;
    for (int j = 0; j < 4; j++) {
      x = x << 8 | byteValue(source(op, off, j), off, rt, before);
    }
    return x;
  }

  private static long byteValue(int source, int off, long rt, long before) {
    if (source == ZERO) {
      return 0;
    }
    if (source == SIGN) {
      return byteOf(before, off) >= 128 ? 0xff : 0;
    }
    return source < RT_BYTE ? byteOf(before, source - BEFORE_BYTE) : byteOf(rt, source - RT_BYTE);
  }

  /** Byte i (0 = most significant) of a u32. */
  static long byteOf(long word, int i) {
    return word >>> (24 - 8 * i) & 0xff;
  }

  @Override
  public TableDef table() {
    List<Constraint> cs = new ArrayList<>();
    Expr real = sum(0, OPS.size());
    for (int s = 0; s < OPS.size(); s++) {
      cs.add(Constraint.everyRow(bool(m(s))));
    }
    cs.add(Constraint.everyRow(bool(real)));
    for (int k = 0; k < 4; k++) {
      cs.add(Constraint.everyRow(bool(m(OFF + k))));
    }
    cs.add(Constraint.everyRow(sum(OFF, 4).minus(real)));
    Expr selected = Expr.constant(0);
    for (int k = 0; k < 4; k++) {
      selected = selected.plus(m(OFF + k).times(m(BEFORE + k)));
    }
    cs.add(Constraint.everyRow(m(SIGN_BYTE).minus(selected)));
    Expr halves = sel(AluOp.LH).plus(sel(AluOp.LHU)).plus(sel(AluOp.SH));
    cs.add(Constraint.everyRow(halves.times(m(OFF + 1).plus(m(OFF + 3)))));
    Expr words = sel(AluOp.LW).plus(sel(AluOp.SW));
    cs.add(Constraint.everyRow(words.times(m(OFF + 1).plus(m(OFF + 2)).plus(m(OFF + 3)))));
    cs.add(Constraint.everyRow(m(X).minus(resultExpr())));
    return new TableDef(name(), WIDTH, null, cs, interactions(real));
  }

  private static List<Interaction> interactions(Expr real) {
    Expr op = Expr.constant(0);
    for (int s = 0; s < OPS.size(); s++) {
      op = op.plus(m(s).times(OPS.get(s).id()));
    }
    Expr off = m(OFF + 1).plus(m(OFF + 2).times(2)).plus(m(OFF + 3).times(3));
    List<Interaction> its = new ArrayList<>();
    its.add(Interaction.receive(Lookups.BUS_MEMOP, real, op, off, word(RT), word(BEFORE), m(X)));
    int[] firsts = {BEFORE, BEFORE + 2, RT, RT + 2};
    for (int p = 0; p < firsts.length; p++) {
      Expr u = m(firsts[p]);
      Expr v = m(firsts[p] + 1);
      Expr and = m(AND + p);
      its.add(Lookups.bytes(real, u, v, and, u.plus(v).minus(and), u.plus(v).minus(and.times(2))));
    }
    Expr sb = m(SIGN_BYTE);
    Expr s = m(SIGN_BIT);
    its.add(Lookups.bytes(real, sb, c(128), s.times(128), sb.plus(128).minus(s.times(128)),
        sb.plus(128).minus(s.times(256))));
    return its;
  }

  /** Σ_k o_k · Σ_op sel_op · (linear combination of the op's result bytes at offset k). */
  private static Expr resultExpr() {
    Expr x = Expr.constant(0);
    for (int k = 0; k < 4; k++) {
      Expr atOffset = Expr.constant(0);
      for (int s = 0; s < OPS.size(); s++) {
        if (aligned(OPS.get(s), k)) {
          atOffset = atOffset.plus(m(s).times(bytesExpr(OPS.get(s), k)));
        }
      }
      x = x.plus(m(OFF + k).times(atOffset));
    }
    return x;
  }

  private static Expr bytesExpr(AluOp op, int off) {
    Expr e = Expr.constant(0);
    for (int j = 0; j < 4; j++) {
      int src = source(op, off, j);
      long w = 1L << (24 - 8 * j);
      if (src == SIGN) {
        e = e.plus(m(SIGN_BIT).times(0xff * w));
      } else if (src != ZERO) {
        int col = src < RT_BYTE ? BEFORE + src - BEFORE_BYTE : RT + src - RT_BYTE;
        e = e.plus(m(col).times(w));
      }
    }
    return e;
  }

  @Override
  public long[][] trace(List<AluEvent> events, LookupCounts counts) {
    int h = 2;
    while (h < events.size()) {
      h <<= 1;
    }
    long[][] t = ColumnPool.shared().takeZeroed(WIDTH, h);
    for (int i = 0; i < events.size(); i++) {
      fillRow(t, i, events.get(i), counts);
    }
    return t;
  }

  private static void fillRow(long[][] t, int i, AluEvent e, LookupCounts counts) {
    checkInputs(e);
    int off = (int) e.a();
    long x = result(e.op(), off, e.b(), e.imm());
    if (x != e.x()) {
      throw new IllegalArgumentException(e.op() + " of off=" + off + ", rt=0x"
          + Long.toHexString(e.b()) + ", before=0x" + Long.toHexString(e.imm()) + " gives x=0x"
          + Long.toHexString(x) + ", not 0x" + Long.toHexString(e.x()));
    }
    t[selector(e.op())][i] = 1;
    t[OFF + off][i] = 1;
    for (int k = 0; k < 4; k++) {
      t[BEFORE + k][i] = byteOf(e.imm(), k);
      t[RT + k][i] = byteOf(e.b(), k);
    }
    for (int p = 0; p < 4; p++) {
      int first = p < 2 ? BEFORE + 2 * p : RT + 2 * (p - 2);
      long u = t[first][i];
      long v = t[first + 1][i];
      t[AND + p][i] = u & v;
      counts.bytePair(u, v);
    }
    long sb = byteOf(e.imm(), off);
    t[SIGN_BYTE][i] = sb;
    t[SIGN_BIT][i] = sb >>> 7;
    counts.bytePair(sb, 128);
    t[X][i] = x;
  }

  private static void checkInputs(AluEvent e) {
    selector(e.op());
    if (e.a() < 0 || e.a() > 3) {
      throw new IllegalArgumentException(e.op() + ": off must be 0..3, was " + e.a());
    }
    checkWord(e, "rt", e.b());
    checkWord(e, "before", e.imm());
    if (e.hiIn() != 0 || e.loIn() != 0 || e.y() != 0) {
      throw new IllegalArgumentException(
          e.op() + ": hiIn, loIn and y must be 0 on the memory-op bus");
    }
  }

  private static void checkWord(AluEvent e, String field, long v) {
    if ((v & ~MASK32) != 0) {
      throw new IllegalArgumentException(e.op() + ": " + field + " must be a u32, was " + v);
    }
  }

  private static Expr word(int first) {
    Expr w = Expr.constant(0);
    for (int i = 0; i < 4; i++) {
      w = w.plus(m(first + i).times(1L << (24 - 8 * i)));
    }
    return w;
  }

  private static Expr sel(AluOp op) {
    return m(selector(op));
  }

  private static Expr sum(int first, int count) {
    Expr s = m(first);
    for (int i = 1; i < count; i++) {
      s = s.plus(m(first + i));
    }
    return s;
  }



}
