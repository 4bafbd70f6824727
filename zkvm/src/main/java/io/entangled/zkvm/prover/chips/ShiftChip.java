package io.entangled.zkvm.prover.chips;

import static io.entangled.zkvm.prover.chips.ChipExprs.bool;
import static io.entangled.zkvm.prover.chips.ChipExprs.c;
import static io.entangled.zkvm.prover.chips.ChipExprs.m;

import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Variable shifts and rotations: SLLV, SRLV, SRAV, ROTRV (amount = a mod 32) and ROTR (amount =
 * imm). One row per use; 27 main columns, 8 range lookups (see
 * {@code zkvm/docs/chips/ShiftChip.md}).
 *
 * <p>Every op is one 64-bit product. Let e = s for SLLV and e = 32 − s for the right ops (s the
 * amount). Then {@code bb · 2^e = U + 2^32·L} with U, L u32 gives SLLV = U, SRLV = L, ROTR = U + L
 * (the two parts' bits are disjoint). The exponent is written as bits: d = Σ 2^k·d_k (5 boolean
 * columns) with d = s for SLLV and d = 31 − s for the right ops, pow = 2^d = Π (1 + d_k·(2^(2^k) −
 * 1)) (one helper column keeps the degree at 3; both are stored minus 1 so that all-zero padding
 * rows hold) and 2^e = pow·(1 + right). SRAV shifts {@code bb =
 * b XOR sign·0xffffffff} and flips the result back: x = L XOR sign·0xffffffff, which is SRA.
 *
 * <p>Soundness sketch (inputs a, b, imm u32, imm ≤ 31 for ROTR; exactly one selector on a real row
 * because the received op id is Σ sel·id and Σ sel is boolean):
 *
 * <ul>
 *   <li>Amount: {@code A = 32·(q0 + 2^16·q1) + d} with A = a (SLLV), 2^32 − 1 − a (right, variable)
 *       or 31 − imm (ROTR), q0, q1 range-checked, d_k boolean. Both sides are below 2^38 &lt; p, so
 *       this is an integer equation and d = A mod 32 is unique.
 *   <li>pow = 2^d exactly (product of the bit factors, each 1 or a power of two).
 *   <li>sign is boolean and 0 off SRAV rows, so bb = b or 2^32 − 1 − b, a u32.
 *   <li>Product: bb·2^e ≤ (2^32 − 1)·2^32 &lt; p. U and L are u32 (two range-checked limbs each),
 *       so U + 2^32·L &lt; 2^64; it reaches p only if L = 2^32 − 1 and U ≥ 1, which the guard
 *       {@code U·(1 − (L − (2^32 − 1))·linv) = 0} forbids. Hence bb·2^e = U + 2^32·L over the
 *       integers and U, L are the unique low and high words.
 *   <li>SRAV: k = pow − 1 − L has two range-checked limbs, so L &lt; pow = 2^(31 − s), which holds
 *       iff bb &lt; 2^31, i.e. iff sign is b's top bit: sign is unique. x = sign ? ~L : L is then
 *       b >> s (arithmetic).
 *   <li>x is a fixed linear function of U, L (and sign) on each op, so it is unique and a u32.
 * </ul>
 */
public final class ShiftChip implements Chip {
  static final int SLLV = 0;
  static final int SRLV = 1;
  static final int SRAV = 2;
  static final int ROTR = 3;
  static final int ROTRV = 4;
  static final int A = 5;
  static final int B = 6;
  static final int IMM = 7;
  static final int X = 8;
  static final int Q0 = 9;
  static final int Q1 = 10;
  /** Bits d0..d4 of the exponent. */
  static final int D = 11;
  static final int PW = 16;
  static final int POW = 17;
  static final int U0 = 18;
  static final int U1 = 19;
  static final int L0 = 20;
  static final int L1 = 21;
  static final int LINV = 22;
  static final int SIGN = 23;
  static final int BB = 24;
  static final int K0 = 25;
  static final int K1 = 26;
  static final int WIDTH = 27;

  private static final AluOp[] OPS = {AluOp.SLLV, AluOp.SRLV, AluOp.SRAV, AluOp.ROTR, AluOp.ROTRV};
  private static final long TWO32 = 1L << 32;
  private static final long MASK32 = TWO32 - 1;

  @Override
  public String name() {
    return "shift";
  }

  @Override
  public Set<AluOp> ops() {
    return EnumSet.of(AluOp.SLLV, AluOp.SRLV, AluOp.SRAV, AluOp.ROTR, AluOp.ROTRV);
  }

  @Override
  public TableDef table() {
    return new TableDef(name(), WIDTH, null, constraints(), interactions());
  }




  private static Expr real() {
    return m(SLLV).plus(m(SRLV)).plus(m(SRAV)).plus(m(ROTR)).plus(m(ROTRV));
  }

  private static Expr right() {
    return m(SRLV).plus(m(SRAV)).plus(m(ROTR)).plus(m(ROTRV));
  }

  private static Expr limbs(int lo, int hi) {
    return m(lo).plus(m(hi).times(1L << 16));
  }

  private static Expr exponent() {
    Expr d = c(0);
    for (int k = 0; k < 5; k++) {
      d = d.plus(m(D + k).times(1L << k));
    }
    return d;
  }

  /** The factor 1 + d_k·(2^(2^k) − 1): 2^(2^k) when the bit is set, else 1. */
  private static Expr factor(int k) {
    return c(1).plus(m(D + k).times((1L << (1 << k)) - 1));
  }

  /** The helper (1 + d0)(1 + 3·d1)(1 + 15·d2); its column holds it minus 1 (0 on padding). */
  private static Expr pw() {
    return m(PW).plus(1);
  }

  /** pow = 2^d; its column holds pow − 1 so that an all-zero padding row is consistent. */
  private static Expr pow() {
    return m(POW).plus(1);
  }

  private static List<Constraint> constraints() {
    List<Constraint> cs = new ArrayList<>();
    for (int s = SLLV; s <= ROTRV; s++) {
      cs.add(Constraint.everyRow(bool(m(s))));
    }
    cs.add(Constraint.everyRow(bool(real())));
    Expr amount = m(SLLV).times(m(A))
        .plus(m(SRLV).plus(m(SRAV)).plus(m(ROTRV)).times(c(MASK32).minus(m(A))))
        .plus(m(ROTR).times(c(31).minus(m(IMM))));
    cs.add(Constraint.everyRow(amount.minus(limbs(Q0, Q1).times(32)).minus(exponent())));
    for (int k = 0; k < 5; k++) {
      cs.add(Constraint.everyRow(bool(m(D + k))));
    }
    cs.add(Constraint.everyRow(pw().minus(factor(0).times(factor(1)).times(factor(2)))));
    cs.add(Constraint.everyRow(pow().minus(pw().times(factor(3)).times(factor(4)))));
    cs.add(Constraint.everyRow(bool(m(SIGN))));
    cs.add(Constraint.everyRow(m(SIGN).times(c(1).minus(m(SRAV)))));
    cs.add(Constraint.everyRow(m(BB).minus(m(B))
        .minus(m(SIGN).times(c(MASK32).minus(m(B).times(2))))));
    Expr u = limbs(U0, U1);
    Expr l = limbs(L0, L1);
    cs.add(Constraint.everyRow(m(BB).times(pow()).times(c(1).plus(right()))
        .minus(u).minus(l.times(TWO32))));
    cs.add(Constraint.everyRow(u.times(c(1).minus(l.minus(MASK32).times(m(LINV))))));
    cs.add(Constraint.everyRow(m(SRAV).times(m(POW).minus(l).minus(limbs(K0, K1)))));
    Expr x = m(SLLV).times(u)
        .plus(m(SRLV).plus(m(SRAV)).times(l))
        .plus(m(ROTR).plus(m(ROTRV)).times(u.plus(l)))
        .plus(m(SIGN).times(c(MASK32).minus(l.times(2))));
    cs.add(Constraint.everyRow(m(X).minus(x)));
    return cs;
  }

  private static List<Interaction> interactions() {
    Expr op = c(0);
    for (int s = SLLV; s <= ROTRV; s++) {
      op = op.plus(m(s).times(OPS[s].id()));
    }
    List<Interaction> is = new ArrayList<>();
    is.add(Interaction.receive(Lookups.BUS_ALU, real(), op, m(A), m(B), m(IMM), c(0), c(0),
        m(X), c(0)));
    for (int col : new int[] {Q0, Q1, U0, U1, L0, L1}) {
      is.add(Lookups.range(real(), m(col)));
    }
    is.add(Lookups.range(m(SRAV), m(K0)));
    is.add(Lookups.range(m(SRAV), m(K1)));
    return is;
  }

  @Override
  public long[][] trace(List<AluEvent> events, LookupCounts counts) {
    int h = Math.max(2, Integer.highestOneBit(Math.max(1, events.size() - 1)) << 1);
    long[][] t = new long[WIDTH][h];
    for (int i = 0; i < events.size(); i++) {
      fillRow(t, i, events.get(i));
    }
    countLookups(t, counts);
    return t;
  }

  /** Counts the range lookups the rows of {@code t} send (padding rows send none). */
  static void countLookups(long[][] t, LookupCounts counts) {
    for (int i = 0; i < t[0].length; i++) {
      long real = t[SLLV][i] + t[SRLV][i] + t[SRAV][i] + t[ROTR][i] + t[ROTRV][i];
      if (real == 1) {
        for (int col : new int[] {Q0, Q1, U0, U1, L0, L1}) {
          counts.range(t[col][i]);
        }
      }
      if (t[SRAV][i] == 1) {
        counts.range(t[K0][i]);
        counts.range(t[K1][i]);
      }
    }
  }

  /** The executor's result of a shift op on u32 inputs. */
  static long expected(AluOp op, long a, long b, long imm) {
    int ib = (int) b;
    int s = (int) a & 31;
    int r = switch (op) {
      case SLLV -> ib << s;
      case SRLV -> ib >>> s;
      case SRAV -> ib >> s;
      case ROTRV -> Integer.rotateRight(ib, s);
      case ROTR -> Integer.rotateRight(ib, (int) imm);
      default -> throw new IllegalArgumentException(op + " is not a shift op");
    };
    return r & MASK32;
  }

  private static void fillRow(long[][] t, int i, AluEvent e) {
    int sel = selector(e.op());
    check(e);
    boolean rightOp = sel != SLLV;
    long amount = switch (e.op()) {
      case SLLV -> e.a();
      case ROTR -> 31 - e.imm();
      default -> MASK32 - e.a();
    };
    long q = amount >>> 5;
    int d = (int) (amount & 31);
    long pow = 1L << d;
    boolean sign = e.op() == AluOp.SRAV && (e.b() >>> 31) == 1;
    long bb = sign ? MASK32 - e.b() : e.b();
    long product = bb << (rightOp ? d + 1 : d);
    long u = product & MASK32;
    long l = product >>> 32;
    t[sel][i] = 1;
    t[A][i] = e.a();
    t[B][i] = e.b();
    t[IMM][i] = e.imm();
    t[X][i] = e.x();
    t[Q0][i] = q & 0xffff;
    t[Q1][i] = q >>> 16;
    for (int k = 0; k < 5; k++) {
      t[D + k][i] = (d >>> k) & 1;
    }
    t[PW][i] = (1L << (d & 7)) - 1;
    t[POW][i] = pow - 1;
    t[U0][i] = u & 0xffff;
    t[U1][i] = u >>> 16;
    t[L0][i] = l & 0xffff;
    t[L1][i] = l >>> 16;
    t[LINV][i] = l == MASK32 ? 0 : Goldilocks.inv(Goldilocks.sub(l, MASK32));
    t[SIGN][i] = sign ? 1 : 0;
    t[BB][i] = bb;
    if (e.op() == AluOp.SRAV) {
      long k = pow - 1 - l;
      t[K0][i] = k & 0xffff;
      t[K1][i] = k >>> 16;
    }
  }

  private static int selector(AluOp op) {
    for (int s = 0; s < OPS.length; s++) {
      if (OPS[s] == op) {
        return s;
      }
    }
    throw new IllegalArgumentException("shift chip does not prove " + op);
  }

  private static void check(AluEvent e) {
    if (e.a() < 0 || e.a() > MASK32 || e.b() < 0 || e.b() > MASK32) {
      throw new IllegalArgumentException(e.op() + ": a=" + e.a() + ", b=" + e.b() + " not u32");
    }
    long maxImm = e.op() == AluOp.ROTR ? 31 : 0;
    if (e.imm() < 0 || e.imm() > maxImm || e.hiIn() != 0 || e.loIn() != 0) {
      throw new IllegalArgumentException(e.op() + ": imm=" + e.imm() + ", hiIn=" + e.hiIn()
          + ", loIn=" + e.loIn() + " (imm must be 0..31 for ROTR and 0 otherwise, hiIn/loIn 0)");
    }
    long want = expected(e.op(), e.a(), e.b(), e.imm());
    if (e.x() != want || e.y() != 0) {
      throw new IllegalArgumentException(e.op() + "(a=" + Long.toHexString(e.a()) + ", b="
          + Long.toHexString(e.b()) + ", imm=" + e.imm() + "): x=" + Long.toHexString(e.x())
          + ", y=" + e.y() + " but the result is x=" + Long.toHexString(want) + ", y=0");
    }
  }
}
