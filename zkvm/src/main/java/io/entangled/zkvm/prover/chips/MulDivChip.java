package io.entangled.zkvm.prover.chips;

import static io.entangled.zkvm.prover.chips.ChipExprs.bool;
import static io.entangled.zkvm.prover.chips.ChipExprs.c;
import static io.entangled.zkvm.prover.chips.ChipExprs.limbs;
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
 * The multiply/divide family as two chip tables: {@link Mul} (MUL, MULT, MULTU, MADD, MADDU, MSUB,
 * MSUBU) and {@link Div} (DIV, DIVU). Both prove one 64-bit identity {@code X + M·N ≡ Z (mod 2^64)}
 * with 16-bit limbs, where M·N is the (signed or unsigned) product of two words:
 *
 * <pre>
 *   low:  Xlo + m0·n0 + 2^16·(m0·n1 + m1·n0)          = Zlo + 2^32·C1
 *   high: Xhi + m1·n1 + C1 + s·2^33 − sm·N − sn·M       = Zhi + 2^32·C2
 * </pre>
 *
 * <p>(s = 1 for a signed op; sm, sn are the operands' sign bits, 0 for unsigned ops). Because
 * m_s·n_s = M·N − 2^32·(sm·N + sn·M) + 2^64·sm·sn, the two lines together say X + m_s·n_s ≡ Z mod
 * 2^64; the offset s·2^33 in the high word (worth 2^65 ≡ 0 mod 2^64) keeps the high line's left
 * side non-negative. Why the field equations are integer equations (p ≈ 2^64): every limb is
 * in [0, 2^16) (looked up), so the low line's terms are below 2^50 and C1 = lo + 2^16·hi (lo
 * looked up, hi boolean) is below 2^17; the high line's terms are below 2^35 and C2 = c + 2c' (two
 * booleans) is in 0..3. Both sides of each line are thus integers far below p, so a field equality
 * is an integer equality, and the pair is the 64-bit congruence. The output words are u32 because
 * they are written as two looked-up 16-bit limbs; C1, C2 exist for every honest row (C1 &lt; 2^17
 * and C2 ≤ 3 by the same bounds), so the tables are complete.
 *
 * <p>Sign bits of inputs cost no extra lookup: the high limb a1 of an input a is range-checked
 * only through {@code t = a1 + 2^15·s − 2^16·sa} in [0, 2^16). Since a is a u32 (the CPU's
 * guarantee) and a0 is looked up, a1 = t − 2^15·s + 2^16·sa is a small integer with
 * a0 + 2^16·a1 = a, hence a1 is in [0, 2^16); then for s = 1 the lookup holds only for sa = the
 * top bit of a, and for s = 0 only for sa = 0. See zkvm/docs/chips/MulDivChip.md for the per-op
 * soundness argument.
 */
public final class MulDivChip {
  static final long LIMB = 1L << 16;
  static final long TWO32 = 1L << 32;
  static final long MASK32 = TWO32 - 1;

  private MulDivChip() {}

  /** Both chips: multiplications and divisions. */
  public static List<Chip> chips() {
    return List.of(new Mul(), new Div());
  }

  /**
   * MUL, MULT, MULTU, MADD, MADDU, MSUB, MSUBU. Flags real, mul, uns, acc, sub (op id =
   * 2·real − mul + uns + 2·acc + 2·sub, injective on the allowed combinations: sub ⇒ acc ⇒ real,
   * mul excludes the others). X = (hiIn:loIn), Z = (y:x), except for MSUB(U) where X = (y:x),
   * Z = (hiIn:loIn), so (y:x) = acc − product is unique as well. MUL drops the high line (y is
   * received as 0). Non-acc ops must have hiIn = loIn = 0.
   */
  public static final class Mul implements Chip {
    public static final int REAL = 0;
    public static final int MUL = 1;
    public static final int UNS = 2;
    public static final int ACC = 3;
    public static final int SUB = 4;
    public static final int A0 = 5;
    public static final int A1 = 6;
    public static final int SA = 7;
    public static final int B0 = 8;
    public static final int B1 = 9;
    public static final int SB = 10;
    public static final int HI_IN = 11;
    public static final int LO_IN = 12;
    public static final int X0 = 13;
    public static final int X1 = 14;
    public static final int Y0 = 15;
    public static final int Y1 = 16;
    public static final int C1_LO = 17;
    public static final int C1_HI = 18;
    public static final int C2_LO = 19;
    public static final int C2_HI = 20;
    public static final int WIDTH = 21;
    /** Range lookups per row, padding included. */
    public static final int LOOKUPS = 9;

    @Override
    public String name() {
      return "muldiv-mul";
    }

    @Override
    public Set<AluOp> ops() {
      return EnumSet.of(AluOp.MUL, AluOp.MULT, AluOp.MULTU, AluOp.MADD, AluOp.MADDU, AluOp.MSUB,
          AluOp.MSUBU);
    }

    @Override
    public TableDef table() {
      Expr real = m(REAL);
      Expr mul = m(MUL);
      Expr sub = m(SUB);
      Expr acc = m(ACC);
      Expr signed = real.minus(mul).minus(m(UNS));
      Expr flip = c(1).minus(sub.times(2));
      List<Constraint> cs = new ArrayList<>();
      for (int col : new int[] {REAL, MUL, UNS, ACC, SUB, SA, SB, C1_HI, C2_LO, C2_HI}) {
        cs.add(Constraint.everyRow(bool(m(col))));
      }
      cs.add(Constraint.everyRow(mul.times(m(UNS).plus(acc).plus(sub))));
      cs.add(Constraint.everyRow(sub.times(c(1).minus(acc))));
      cs.add(Constraint.everyRow(mul.plus(m(UNS)).plus(acc).times(c(1).minus(real))));
      cs.add(Constraint.everyRow(c(1).minus(acc).times(m(HI_IN))));
      cs.add(Constraint.everyRow(c(1).minus(acc).times(m(LO_IN))));
      cs.add(Constraint.everyRow(flip.times(m(LO_IN).minus(limbs(X0)))
          .plus(low(A0, A1, B0, B1)).minus(carry1(C1_LO).times(TWO32))));
      Expr high = flip.times(m(HI_IN).minus(limbs(Y0))).plus(m(A1).times(m(B1)))
          .plus(carry1(C1_LO)).plus(signedFix(signed, m(SA), limbs(B0), m(SB), limbs(A0)))
          .minus(carry2(C2_LO).times(TWO32));
      cs.add(Constraint.everyRow(c(1).minus(mul).times(high)));
      Expr op = real.times(2).minus(mul).plus(m(UNS)).plus(acc.times(2)).plus(sub.times(2));
      List<Interaction> its = new ArrayList<>();
      its.add(Interaction.receive(Lookups.BUS_ALU, real, op, limbs(A0), limbs(B0), c(0), m(HI_IN),
          m(LO_IN), limbs(X0), limbs(Y0)));
      its.add(Lookups.range(c(1), m(A0)));
      its.add(Lookups.range(c(1), signLimb(A1, signed, SA)));
      its.add(Lookups.range(c(1), m(B0)));
      its.add(Lookups.range(c(1), signLimb(B1, signed, SB)));
      for (int col : new int[] {X0, X1, Y0, Y1, C1_LO}) {
        its.add(Lookups.range(c(1), m(col)));
      }
      return new TableDef(name(), WIDTH, null, cs, its);
    }

    @Override
    public long[][] trace(List<AluEvent> events, LookupCounts counts) {
      int h = height(events.size());
      long[][] t = ColumnPool.shared().takeZeroed(WIDTH, h);
      for (int i = 0; i < events.size(); i++) {
        fillRow(t, i, events.get(i), counts);
      }
      for (int i = events.size(); i < h; i++) {
        for (int k = 0; k < LOOKUPS; k++) {
          counts.range(0);
        }
      }
      return t;
    }

    /** (y, x) the executor computes for a multiply op. */
    static long[] expected(AluOp op, long a, long b, long hiIn, long loIn) {
      long acc = hiIn << 32 | loIn;
      long sp = (long) (int) a * (int) b;
      long up = a * b;
      long r = switch (op) {
        case MUL -> up & MASK32;
        case MULT -> sp;
        case MULTU -> up;
        case MADD -> acc + sp;
        case MADDU -> acc + up;
        case MSUB -> acc - sp;
        case MSUBU -> acc - up;
        default -> throw new IllegalArgumentException("not a multiply op: " + op);
      };
      return new long[] {r >>> 32, r & MASK32};
    }

    private static void fillRow(long[][] t, int i, AluEvent e, LookupCounts counts) {
      AluOp op = e.op();
      checkInputs(e);
      long[] yx = expected(op, e.a(), e.b(), e.hiIn(), e.loIn());
      if (yx[0] != e.y() || yx[1] != e.x() || e.imm() != 0) {
        throw new IllegalArgumentException(op + " of a=" + e.a() + ", b=" + e.b() + ", hiIn="
            + e.hiIn() + ", loIn=" + e.loIn() + " gives (y, x) = (" + yx[0] + ", " + yx[1]
            + "), not (" + e.y() + ", " + e.x() + ")" + (e.imm() != 0 ? " (imm must be 0)" : ""));
      }
      boolean mul = op == AluOp.MUL;
      boolean uns = op == AluOp.MULTU || op == AluOp.MADDU || op == AluOp.MSUBU;
      boolean sub = op == AluOp.MSUB || op == AluOp.MSUBU;
      boolean acc = sub || op == AluOp.MADD || op == AluOp.MADDU;
      if (!acc && (e.hiIn() != 0 || e.loIn() != 0)) {
        throw new IllegalArgumentException(op + " must have hiIn = loIn = 0");
      }
      boolean signed = !mul && !uns;
      long sa = signed ? e.a() >>> 31 : 0;
      long sb = signed ? e.b() >>> 31 : 0;
      long[] xLo = sub ? new long[] {e.x(), e.loIn()} : new long[] {e.loIn(), e.x()};
      long[] xHi = sub ? new long[] {e.y(), e.hiIn()} : new long[] {e.hiIn(), e.y()};
      long[] carries = carries(e.a(), e.b(), xLo, xHi, signed, sa, sb, !mul);
      set(t, i, REAL, 1, MUL, flag(mul), UNS, flag(uns), ACC, flag(acc), SUB, flag(sub),
          A0, e.a() & 0xffff, A1, e.a() >>> 16, SA, sa, B0, e.b() & 0xffff, B1, e.b() >>> 16,
          SB, sb, HI_IN, e.hiIn(), LO_IN, e.loIn(), X0, e.x() & 0xffff, X1, e.x() >>> 16,
          Y0, e.y() & 0xffff, Y1, e.y() >>> 16, C1_LO, carries[0] & 0xffff,
          C1_HI, carries[0] >>> 16, C2_LO, carries[1] & 1, C2_HI, carries[1] >>> 1);
      counts.range(e.a() & 0xffff);
      counts.range((e.a() >>> 16) + (signed ? 1 << 15 : 0) - (sa << 16));
      counts.range(e.b() & 0xffff);
      counts.range((e.b() >>> 16) + (signed ? 1 << 15 : 0) - (sb << 16));
      for (long v : new long[] {e.x() & 0xffff, e.x() >>> 16, e.y() & 0xffff, e.y() >>> 16,
          carries[0] & 0xffff}) {
        counts.range(v);
      }
    }
  }

  /**
   * DIV and DIVU: a = q·d + r with q = x, r = y, d = b + bz (bz = 1 only if b = 0: the executor
   * divides by 1), as the 64-bit identity with X = r sign-extended (sr), Z = a sign-extended (sa);
   * |r| &lt; |d| by the looked-up limbs e of |d| − |r| − 1, and r = 0 or sr = sa. The quotient's
   * sign sq is only a boolean: for signed ops |q'·d_s| ≤ 2^63 with q' = q − 2^32·sq, so the
   * congruence is an integer equation and q' is the truncated quotient in [−2^31, 2^31], which
   * fixes sq and q (q' = 2^31 for MIN / −1 gives q = 0x80000000, r = 0, as Java does). d = 0 would
   * need |r| &lt; 0.
   */
  public static final class Div implements Chip {
    public static final int REAL = 0;
    public static final int UNS = 1;
    public static final int A0 = 2;
    public static final int A1 = 3;
    public static final int SA = 4;
    public static final int B0 = 5;
    public static final int B1 = 6;
    public static final int SB = 7;
    public static final int BZ = 8;
    public static final int X0 = 9;
    public static final int X1 = 10;
    public static final int SQ = 11;
    public static final int Y0 = 12;
    public static final int Y1 = 13;
    public static final int SR = 14;
    public static final int E0 = 15;
    public static final int E1 = 16;
    public static final int C1_LO = 17;
    public static final int C1_HI = 18;
    public static final int C2_LO = 19;
    public static final int C2_HI = 20;
    public static final int WIDTH = 21;
    /** Range lookups per row, padding included. */
    public static final int LOOKUPS = 11;

    @Override
    public String name() {
      return "muldiv-div";
    }

    @Override
    public Set<AluOp> ops() {
      return EnumSet.of(AluOp.DIV, AluOp.DIVU);
    }

    @Override
    public TableDef table() {
      Expr real = m(REAL);
      Expr signed = real.minus(m(UNS));
      Expr a = limbs(A0);
      Expr b = limbs(B0);
      Expr d = b.plus(m(BZ));
      Expr q = limbs(X0);
      Expr r = limbs(Y0);
      List<Constraint> cs = new ArrayList<>();
      for (int col : new int[] {REAL, UNS, SA, SB, BZ, SQ, SR, C1_HI, C2_LO, C2_HI}) {
        cs.add(Constraint.everyRow(bool(m(col))));
      }
      cs.add(Constraint.everyRow(m(UNS).times(c(1).minus(real))));
      cs.add(Constraint.everyRow(m(SQ).times(m(UNS))));
      cs.add(Constraint.everyRow(m(BZ).times(b)));
      cs.add(Constraint.everyRow(m(SR).minus(m(SA)).times(r)));
      Expr d0 = m(B0).plus(m(BZ));
      Expr low = r.plus(m(X0).times(d0)).plus(m(X0).times(m(B1)).plus(m(X1).times(d0)).times(LIMB))
          .minus(a).minus(carry1(C1_LO).times(TWO32));
      cs.add(Constraint.everyRow(low));
      Expr high = m(SR).times(MASK32).plus(m(X1).times(m(B1))).plus(carry1(C1_LO))
          .plus(signedFix(signed, m(SQ), d, m(SB), q)).minus(m(SA).times(MASK32))
          .minus(carry2(C2_LO).times(TWO32));
      cs.add(Constraint.everyRow(high));
      Expr absD = d.plus(m(SB).times(c(TWO32).minus(d.times(2))));
      Expr absR = r.plus(m(SR).times(c(TWO32).minus(r.times(2))));
      cs.add(Constraint.everyRow(limbs(E0).minus(absD.minus(absR).minus(real))));
      Expr op = real.times(AluOp.DIV.id()).plus(m(UNS));
      List<Interaction> its = new ArrayList<>();
      its.add(Interaction.receive(Lookups.BUS_ALU, real, op, a, b, c(0), c(0), c(0), q, r));
      its.add(Lookups.range(c(1), m(A0)));
      its.add(Lookups.range(c(1), signLimb(A1, signed, SA)));
      its.add(Lookups.range(c(1), m(B0)));
      its.add(Lookups.range(c(1), signLimb(B1, signed, SB)));
      for (int col : new int[] {X0, X1, Y0, Y1, E0, E1, C1_LO}) {
        its.add(Lookups.range(c(1), m(col)));
      }
      return new TableDef(name(), WIDTH, null, cs, its);
    }

    @Override
    public long[][] trace(List<AluEvent> events, LookupCounts counts) {
      int h = height(events.size());
      long[][] t = ColumnPool.shared().takeZeroed(WIDTH, h);
      for (int i = 0; i < events.size(); i++) {
        fillRow(t, i, events.get(i), counts);
      }
      for (int i = events.size(); i < h; i++) {
        for (int k = 0; k < LOOKUPS; k++) {
          counts.range(0);
        }
      }
      return t;
    }

    /** (y, x) = (remainder, quotient) as the executor computes them. */
    static long[] expected(AluOp op, long a, long b) {
      int d = b == 0 ? 1 : (int) b;
      return switch (op) {
        case DIV -> new long[] {((int) a % d) & MASK32, ((int) a / d) & MASK32};
        case DIVU -> new long[] {Integer.toUnsignedLong(Integer.remainderUnsigned((int) a, d)),
            Integer.toUnsignedLong(Integer.divideUnsigned((int) a, d))};
        default -> throw new IllegalArgumentException("not a divide op: " + op);
      };
    }

    private static void fillRow(long[][] t, int i, AluEvent e, LookupCounts counts) {
      AluOp op = e.op();
      checkInputs(e);
      long[] yx = expected(op, e.a(), e.b());
      if (yx[0] != e.y() || yx[1] != e.x() || e.imm() != 0 || e.hiIn() != 0 || e.loIn() != 0) {
        throw new IllegalArgumentException(op + " of a=" + e.a() + ", b=" + e.b()
            + " gives (y, x) = (" + yx[0] + ", " + yx[1] + "), not (" + e.y() + ", " + e.x() + ")"
            + " (imm, hiIn, loIn must be 0)");
      }
      boolean signed = op == AluOp.DIV;
      long d = e.b() == 0 ? 1 : e.b();
      long sa = signed ? e.a() >>> 31 : 0;
      long sb = signed ? e.b() >>> 31 : 0;
      long as = e.a() - (sa << 32);
      long ds = d - (sb << 32);
      long rs = e.y() - (signed && (int) e.y() < 0 ? TWO32 : 0);
      long sr = rs < 0 ? 1 : 0;
      long sq = signed && as / ds < 0 ? 1 : 0;
      long[] carries = carries(e.x(), d, new long[] {e.y(), e.a()},
          new long[] {sr * MASK32, sa * MASK32}, signed, sq, sb, true);
      long gap = Math.abs(ds) - Math.abs(rs) - 1;
      set(t, i, REAL, 1, UNS, flag(!signed), A0, e.a() & 0xffff, A1, e.a() >>> 16, SA, sa,
          B0, e.b() & 0xffff, B1, e.b() >>> 16, SB, sb, BZ, flag(e.b() == 0),
          X0, e.x() & 0xffff, X1, e.x() >>> 16, SQ, sq, Y0, e.y() & 0xffff, Y1, e.y() >>> 16,
          SR, sr, E0, gap & 0xffff, E1, gap >>> 16, C1_LO, carries[0] & 0xffff,
          C1_HI, carries[0] >>> 16,
          C2_LO, carries[1] & 1, C2_HI, carries[1] >>> 1);
      counts.range(e.a() & 0xffff);
      counts.range((e.a() >>> 16) + (signed ? 1 << 15 : 0) - (sa << 16));
      counts.range(e.b() & 0xffff);
      counts.range((e.b() >>> 16) + (signed ? 1 << 15 : 0) - (sb << 16));
      for (long v : new long[] {e.x() & 0xffff, e.x() >>> 16, e.y() & 0xffff, e.y() >>> 16,
          gap & 0xffff, gap >>> 16, carries[0] & 0xffff}) {
        counts.range(v);
      }
    }
  }

  /**
   * C1 and C2 of the two lines for operands m, n (u32), X = (xLo[0], xHi[0]), Z = (xLo[1], xHi[1])
   * and the operand signs; C2 = 0 when the high line is not used.
   */
  static long[] carries(long m, long n, long[] xLo, long[] xHi, boolean signed, long sm, long sn,
      boolean useHigh) {
    long m0 = m & 0xffff;
    long m1 = m >>> 16;
    long n0 = n & 0xffff;
    long n1 = n >>> 16;
    long lowSum = xLo[0] + m0 * n0 + LIMB * (m0 * n1 + m1 * n0) - xLo[1];
    long c1 = exactWords(lowSum, "low");
    if (!useHigh) {
      return new long[] {c1, 0};
    }
    long highSum = xHi[0] + m1 * n1 + c1 + (signed ? 2 * TWO32 : 0) - sm * n - sn * m - xHi[1];
    return new long[] {c1, exactWords(highSum, "high")};
  }

  private static long exactWords(long v, String line) {
    if (v < 0 || (v & MASK32) != 0) {
      throw new IllegalStateException("muldiv " + line + " line does not close: " + v);
    }
    return v >>> 32;
  }

  private static void checkInputs(AluEvent e) {
    long[] vals = {e.a(), e.b(), e.imm(), e.hiIn(), e.loIn(), e.x(), e.y()};
    String[] names = {"a", "b", "imm", "hiIn", "loIn", "x", "y"};
    for (int k = 0; k < vals.length; k++) {
      if (vals[k] < 0 || vals[k] > MASK32) {
        throw new IllegalArgumentException(e.op() + ": " + names[k] + " is not a u32: " + vals[k]);
      }
    }
  }

  /** Column/value pairs into row i. */
  private static void set(long[][] t, int i, long... colValue) {
    for (int k = 0; k < colValue.length; k += 2) {
      t[(int) colValue[k]][i] = colValue[k + 1];
    }
  }

  private static long flag(boolean b) {
    return b ? 1 : 0;
  }

  static int height(int n) {
    return Math.max(2, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
  }




  /** The word lo + 2^16·(lo + 1) of two limb columns. */

  /** Low line's product terms m0·n0 + 2^16·(m0·n1 + m1·n0). */
  private static Expr low(int m0, int m1, int n0, int n1) {
    return m(m0).times(m(n0)).plus(m(m0).times(m(n1)).plus(m(m1).times(m(n0))).times(LIMB));
  }

  /** s·2^33 − sm·n − sn·mm: the signed correction of the high word (non-negative). */
  private static Expr signedFix(Expr signed, Expr sm, Expr n, Expr sn, Expr mm) {
    return signed.times(2 * TWO32).minus(sm.times(n)).minus(sn.times(mm));
  }

  /** The looked-up value a1 + 2^15·signed − 2^16·sign (see the class comment). */
  private static Expr signLimb(int hiLimb, Expr signed, int sign) {
    return m(hiLimb).plus(signed.times(1L << 15)).minus(m(sign).times(LIMB));
  }

  /** C1 = lo + 2^16·hi from columns c1Lo, c1Lo + 1. */
  private static Expr carry1(int c1Lo) {
    return m(c1Lo).plus(m(c1Lo + 1).times(LIMB));
  }

  /** C2 = lo + 2·hi (0..3) from the boolean columns c2Lo, c2Lo + 1. */
  private static Expr carry2(int c2Lo) {
    return m(c2Lo).plus(m(c2Lo + 1).times(2));
  }
}
