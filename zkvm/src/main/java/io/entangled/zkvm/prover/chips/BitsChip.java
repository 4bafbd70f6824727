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
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Bit-field ops: CLZ, CLO, SEB, SEH, WSBH, EXT, INS. One row per use; 50 main columns, 13 range and
 * 2 byte-pair lookups (see {@code zkvm/docs/chips/BitsChip.md}).
 *
 * <p>The building block is a split {@code V · P = U + 2^32·L} of a u32 V by a power of two P ≤
 * 2^32 into u32 words U, L (two range-checked limbs each, plus a guard column). Three splits share
 * their columns between ops: EXT splits a by 2^(32 − pos) (L1 = a >> pos) and then L1 by
 * 2^(32 − size) (U2 = x·2^(32 − size)); INS splits b the same way and a by 2^(32 − size), then
 * x·2^(64 − pos − size) = U1·2^(32 − size) + 2^32·U3 + 2^64·L2. The immediate is decoded as
 * 1055 − imm = (31 − pos) + 32·(32 − size) in 10 boolean columns c0..c9, which give
 * PA = 2^(31 − pos) and PB = 2^(32 − size) (c0..c4 are CLZ's count n). CLZ/CLO show
 * {@code 2·v·2^n = 2^32 + W} with W = U1 a u32, i.e. v·2^n ∈ [2^31, 2^32), or v = 0 with a zero
 * flag z (x = 32). SEB/SEH/WSBH use b's bytes from the byte-pair table and the sign bit of one
 * byte from a range lookup of 512·byte − 65536·sign.
 *
 * <p>Soundness sketch (a, b, imm u32; imm = pos + 32·size with 1 ≤ size, pos + size ≤ 32 for
 * EXT/INS): one selector per real row (Σ sel boolean, op id = Σ sel·id). Each split's left side is
 * below p and its right side, with U, L u32, reaches p only if L = 2^32 − 1 and U ≥ 1, which the
 * guard {@code U·(1 − (L − (2^32 − 1))·linv) = 0} forbids: so splits are integer equations and U,
 * L unique. The decode is an integer equation with 10 bits (1055 − imm ∈ [0, 1024)), so pos and
 * size are unique. EXT's and INS's x are then fixed by field equations with a non-zero factor
 * (products of powers of two). CLZ: 2·v·2^n &lt; 2^64, and a multiple of p cannot be added because
 * 2^32 + W ≥ 2^32 &gt; 2^64 − p, so v·2^n ∈ [2^31, 2^32): n is v's leading-zero count; z = 1
 * forces v = 0 and z = 0 with v = 0 is impossible. Bytes come from the byte table, so b's
 * decomposition is unique; 512·top − 65536·sg ∈ [0, 2^16) holds over the integers for exactly one
 * boolean sg (top's bit 7). Every x is then a unique u32.
 */
public final class BitsChip implements Chip {
  static final int CLZ = 0;
  static final int CLO = 1;
  static final int SEB = 2;
  static final int SEH = 3;
  static final int WSBH = 4;
  static final int EXT = 5;
  static final int INS = 6;
  static final int A = 7;
  static final int B = 8;
  static final int IMM = 9;
  static final int X = 10;
  /** Bits c0..c9 of 1055 − imm (EXT/INS) or of CLZ's count (c0..c4). */
  static final int C = 11;
  static final int PA_HELP = 21;
  static final int PA = 22;
  static final int PB_HELP = 23;
  static final int PB = 24;
  /** Splits k = 0, 1, 2: columns SPLIT + 5k .. + 4 are U limbs, L limbs, linv. */
  static final int SPLIT = 25;
  static final int Y = 40;
  static final int Z = 41;
  /** Bytes b0..b3 of b (b0 least significant). */
  static final int BYTE = 42;
  static final int AND01 = 46;
  static final int AND23 = 47;
  static final int TOP = 48;
  static final int SG = 49;
  static final int WIDTH = 50;

  private static final AluOp[] OPS = {AluOp.CLZ, AluOp.CLO, AluOp.SEB, AluOp.SEH, AluOp.WSBH,
      AluOp.EXT, AluOp.INS};
  private static final long TWO32 = 1L << 32;
  private static final long MASK32 = TWO32 - 1;
  /** 2^64 mod p. */
  private static final long TWO64 = MASK32;

  @Override
  public String name() {
    return "bits";
  }

  @Override
  public Set<AluOp> ops() {
    return EnumSet.of(AluOp.CLZ, AluOp.CLO, AluOp.SEB, AluOp.SEH, AluOp.WSBH, AluOp.EXT,
        AluOp.INS);
  }

  @Override
  public TableDef table() {
    return new TableDef(name(), WIDTH, null, constraints(), interactions());
  }




  private static Expr real() {
    Expr r = c(0);
    for (int s = CLZ; s <= INS; s++) {
      r = r.plus(m(s));
    }
    return r;
  }


  private static Expr u(int split) {
    return limbs(SPLIT + 5 * split);
  }

  private static Expr l(int split) {
    return limbs(SPLIT + 5 * split + 2);
  }

  private static Expr bits(int from, int count) {
    Expr v = c(0);
    for (int k = 0; k < count; k++) {
      v = v.plus(m(C + from + k).times(1L << k));
    }
    return v;
  }

  private static Expr factor(int bit, int k) {
    return c(1).plus(m(C + bit).times((1L << (1 << k)) - 1));
  }

  /** Constraints making column pow hold 2^(bits from..from+4) − 1 (helper column help). */
  private static void power(List<Constraint> cs, int from, int help, int pow) {
    Expr h = m(help).plus(1);
    cs.add(Constraint.everyRow(h.minus(factor(from, 0).times(factor(from + 1, 1))
        .times(factor(from + 2, 2)))));
    cs.add(Constraint.everyRow(m(pow).plus(1).minus(h.times(factor(from + 3, 3))
        .times(factor(from + 4, 4)))));
  }

  private static Expr pa() {
    return m(PA).plus(1);
  }

  private static Expr pb() {
    return m(PB).plus(1);
  }

  private static List<Constraint> constraints() {
    List<Constraint> cs = new ArrayList<>();
    for (int s = CLZ; s <= INS; s++) {
      cs.add(Constraint.everyRow(bool(m(s))));
    }
    cs.add(Constraint.everyRow(bool(real())));
    for (int k = 0; k < 10; k++) {
      cs.add(Constraint.everyRow(bool(m(C + k))));
    }
    power(cs, 0, PA_HELP, PA);
    power(cs, 5, PB_HELP, PB);
    Expr field = m(EXT).plus(m(INS));
    cs.add(Constraint.everyRow(field.times(c(1055).minus(m(IMM)).minus(bits(0, 10)))));
    for (int k = 0; k < 3; k++) {
      int linv = SPLIT + 5 * k + 4;
      cs.add(Constraint.everyRow(u(k).times(c(1).minus(l(k).minus(MASK32).times(m(linv))))));
    }
    clzConstraints(cs);
    fieldConstraints(cs, field);
    byteConstraints(cs);
    return cs;
  }

  private static void clzConstraints(List<Constraint> cs) {
    Expr counting = m(CLZ).plus(m(CLO));
    Expr v = m(CLZ).times(m(A)).plus(m(CLO).times(c(MASK32).minus(m(A))));
    cs.add(Constraint.everyRow(bool(m(Z))));
    cs.add(Constraint.everyRow(m(Z).times(c(1).minus(counting))));
    cs.add(Constraint.everyRow(m(Z).times(v)));
    cs.add(Constraint.everyRow(v.times(pa()).times(2)
        .minus(counting.minus(m(Z)).times(c(TWO32).plus(u(0))))));
  }

  private static void fieldConstraints(List<Constraint> cs, Expr field) {
    Expr split1 = m(EXT).times(m(A)).plus(m(INS).times(m(B))).times(pa()).times(2)
        .minus(field.times(u(0).plus(l(0).times(TWO32))));
    cs.add(Constraint.everyRow(split1));
    cs.add(Constraint.everyRow(field.times(l(0).times(pb()).minus(u(1))
        .minus(l(1).times(TWO32)))));
    cs.add(Constraint.everyRow(m(INS).times(m(A).times(pb()).minus(u(2))
        .minus(l(2).times(TWO32)))));
    cs.add(Constraint.everyRow(m(EXT).times(m(X).times(pb()).minus(u(1)))));
    cs.add(Constraint.everyRow(m(Y).minus(m(X).times(pa()).times(2))));
    cs.add(Constraint.everyRow(m(INS).times(m(Y).times(pb()).minus(u(0).times(pb()))
        .minus(u(2).times(TWO32)).minus(l(1).times(TWO64)))));
  }

  private static void byteConstraints(List<Constraint> cs) {
    Expr b = c(0);
    for (int k = 0; k < 4; k++) {
      b = b.plus(m(BYTE + k).times(1L << (8 * k)));
    }
    cs.add(Constraint.everyRow(m(B).minus(b)));
    cs.add(Constraint.everyRow(m(TOP).minus(m(SEB).times(m(BYTE))).minus(m(SEH)
        .times(m(BYTE + 1)))));
    cs.add(Constraint.everyRow(bool(m(SG))));
    cs.add(Constraint.everyRow(m(SG).times(c(1).minus(m(SEB)).minus(m(SEH)))));
    Expr n = bits(0, 5);
    Expr half = m(BYTE).plus(m(BYTE + 1).times(256));
    Expr swapped = m(BYTE + 1).plus(m(BYTE).times(256)).plus(m(BYTE + 3).times(1 << 16))
        .plus(m(BYTE + 2).times(1 << 24));
    Expr x = m(CLZ).plus(m(CLO)).times(n).plus(m(Z).times(c(32).minus(n)))
        .plus(m(SEB).times(m(BYTE))).plus(m(SEH).times(half))
        .plus(m(SG).times(c(TWO32 - 256).minus(m(SEH).times(65536 - 256))))
        .plus(m(WSBH).times(swapped));
    cs.add(Constraint.everyRow(c(1).minus(m(EXT)).minus(m(INS)).times(m(X)).minus(x)));
  }

  private static List<Interaction> interactions() {
    Expr op = c(0);
    for (int s = CLZ; s <= INS; s++) {
      op = op.plus(m(s).times(OPS[s].id()));
    }
    List<Interaction> is = new ArrayList<>();
    is.add(Interaction.receive(Lookups.BUS_ALU, real(), op, m(A), m(B), m(IMM), c(0), c(0),
        m(X), c(0)));
    Expr field = m(EXT).plus(m(INS));
    Expr[] mult = {real(), field, m(INS)};
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 4; j++) {
        is.add(Lookups.range(mult[k], m(SPLIT + 5 * k + j)));
      }
    }
    is.add(Lookups.range(real(), m(TOP).times(512).minus(m(SG).times(65536))));
    is.add(bytePair(BYTE, AND01));
    is.add(bytePair(BYTE + 2, AND23));
    return is;
  }

  private static Interaction bytePair(int first, int and) {
    Expr x = m(first);
    Expr y = m(first + 1);
    return Lookups.bytes(real(), x, y, m(and), x.plus(y).minus(m(and)),
        x.plus(y).minus(m(and).times(2)));
  }

  @Override
  public long[][] trace(List<AluEvent> events, LookupCounts counts) {
    int h = Math.max(2, Integer.highestOneBit(Math.max(1, events.size() - 1)) << 1);
    long[][] t = ColumnPool.shared().takeZeroed(WIDTH, h);
    for (int i = 0; i < events.size(); i++) {
      fillRow(t, i, events.get(i));
    }
    countLookups(t, counts);
    return t;
  }

  /** Counts the range and byte lookups the rows of {@code t} send (padding rows send none). */
  static void countLookups(long[][] t, LookupCounts counts) {
    for (int i = 0; i < t[0].length; i++) {
      long[] sel = new long[7];
      long real = 0;
      for (int s = CLZ; s <= INS; s++) {
        sel[s] = t[s][i];
        real += sel[s];
      }
      long[] mult = {real, sel[EXT] + sel[INS], sel[INS]};
      for (int k = 0; k < 3; k++) {
        for (int j = 0; j < 4 && mult[k] == 1; j++) {
          counts.range(t[SPLIT + 5 * k + j][i]);
        }
      }
      if (real == 1) {
        counts.range(Goldilocks.sub(Goldilocks.mul(t[TOP][i], 512),
            Goldilocks.mul(t[SG][i], 65536)));
        counts.bytePair(t[BYTE][i], t[BYTE + 1][i]);
        counts.bytePair(t[BYTE + 2][i], t[BYTE + 3][i]);
      }
    }
  }

  /** The executor's result of a bits op on u32 inputs (imm = pos + 32·size for EXT/INS). */
  static long expected(AluOp op, long a, long b, long imm) {
    int ia = (int) a;
    int ib = (int) b;
    int pos = (int) imm & 31;
    int size = (int) (imm >>> 5);
    int r = switch (op) {
      case CLZ -> Integer.numberOfLeadingZeros(ia);
      case CLO -> Integer.numberOfLeadingZeros(~ia);
      case SEB -> (byte) ib;
      case SEH -> (short) ib;
      case WSBH -> ((ib & 0x00ff_00ff) << 8) | ((ib >>> 8) & 0x00ff_00ff);
      case EXT -> (int) ((a >>> pos) & ((1L << size) - 1));
      case INS -> {
        long mask = ((1L << size) - 1) << pos;
        yield (int) ((b & ~mask) | ((a << pos) & mask));
      }
      default -> throw new IllegalArgumentException(op + " is not a bits op");
    };
    return r & MASK32;
  }

  private static void fillRow(long[][] t, int i, AluEvent e) {
    int sel = selector(e.op());
    check(e);
    t[sel][i] = 1;
    t[A][i] = e.a();
    t[B][i] = e.b();
    t[IMM][i] = e.imm();
    t[X][i] = e.x();
    for (int k = 0; k < 4; k++) {
      t[BYTE + k][i] = (e.b() >>> (8 * k)) & 0xff;
    }
    t[AND01][i] = t[BYTE][i] & t[BYTE + 1][i];
    t[AND23][i] = t[BYTE + 2][i] & t[BYTE + 3][i];
    long[] v = new long[3];
    long[] p = new long[3];
    int bitsValue = switch (e.op()) {
      case CLZ, CLO -> fillCount(t, i, e);
      case SEB, SEH -> fillSign(t, i, e);
      case EXT, INS -> fillField(e, v, p);
      default -> 0;
    };
    for (int k = 0; k < 10; k++) {
      t[C + k][i] = (bitsValue >>> k) & 1;
    }
    t[PA_HELP][i] = (1L << (bitsValue & 7)) - 1;
    t[PA][i] = (1L << (bitsValue & 31)) - 1;
    t[PB_HELP][i] = (1L << ((bitsValue >>> 5) & 7)) - 1;
    t[PB][i] = (1L << ((bitsValue >>> 5) & 31)) - 1;
    t[Y][i] = Goldilocks.mul(e.x(), 2L << (bitsValue & 31));
    for (int k = 0; k < 3; k++) {
      if (p[k] != 0) {
        long product = v[k] * p[k];
        setSplit(t, i, k, product & MASK32, product >>> 32);
      } else if (k > 0 || t[CLZ][i] + t[CLO][i] == 0) {
        setSplit(t, i, k, 0, 0);
      }
    }
  }

  /** CLZ/CLO: v, z and U1 = 2·v·2^n − 2^32; returns n (bits c0..c4). */
  private static int fillCount(long[][] t, int i, AluEvent e) {
    long v = e.op() == AluOp.CLZ ? e.a() : MASK32 - e.a();
    if (v == 0) {
      t[Z][i] = 1;
      setSplit(t, i, 0, 0, 0);
      return 0;
    }
    int n = Long.numberOfLeadingZeros(v) - 32;
    setSplit(t, i, 0, (v << (n + 1)) - TWO32, 0);
    return n;
  }

  private static int fillSign(long[][] t, int i, AluEvent e) {
    long top = e.op() == AluOp.SEB ? t[BYTE][i] : t[BYTE + 1][i];
    t[TOP][i] = top;
    t[SG][i] = top >>> 7;
    return 0;
  }

  /** EXT/INS: the splits' inputs and powers; returns 1055 − imm (bits c0..c9). */
  private static int fillField(AluEvent e, long[] v, long[] p) {
    int pos = (int) e.imm() & 31;
    int size = (int) (e.imm() >>> 5);
    v[0] = e.op() == AluOp.EXT ? e.a() : e.b();
    p[0] = 1L << (32 - pos);
    v[1] = (v[0] << (32 - pos)) >>> 32;
    p[1] = 1L << (32 - size);
    if (e.op() == AluOp.INS) {
      v[2] = e.a();
      p[2] = 1L << (32 - size);
    }
    return 1055 - (int) e.imm();
  }

  private static void setSplit(long[][] t, int i, int k, long u, long l) {
    int base = SPLIT + 5 * k;
    t[base][i] = u & 0xffff;
    t[base + 1][i] = u >>> 16;
    t[base + 2][i] = l & 0xffff;
    t[base + 3][i] = l >>> 16;
    t[base + 4][i] = l == MASK32 ? 0 : Goldilocks.inv(Goldilocks.sub(l, MASK32));
  }

  private static int selector(AluOp op) {
    for (int s = 0; s < OPS.length; s++) {
      if (OPS[s] == op) {
        return s;
      }
    }
    throw new IllegalArgumentException("bits chip does not prove " + op);
  }

  private static void check(AluEvent e) {
    if (e.a() < 0 || e.a() > MASK32 || e.b() < 0 || e.b() > MASK32) {
      throw new IllegalArgumentException(e.op() + ": a=" + e.a() + ", b=" + e.b() + " not u32");
    }
    boolean field = e.op() == AluOp.EXT || e.op() == AluOp.INS;
    long pos = e.imm() & 31;
    long size = e.imm() >>> 5;
    boolean immOk = field ? e.imm() >= 0 && size >= 1 && pos + size <= 32 : e.imm() == 0;
    if (!immOk || e.hiIn() != 0 || e.loIn() != 0) {
      throw new IllegalArgumentException(e.op() + ": imm=" + e.imm() + ", hiIn=" + e.hiIn()
          + ", loIn=" + e.loIn() + " (EXT/INS need imm = pos + 32·size with size ≥ 1 and pos + size"
          + " ≤ 32, other ops imm 0; hiIn/loIn 0)");
    }
    long want = expected(e.op(), e.a(), e.b(), e.imm());
    if (e.x() != want || e.y() != 0) {
      throw new IllegalArgumentException(e.op() + "(a=" + Long.toHexString(e.a()) + ", b="
          + Long.toHexString(e.b()) + ", imm=" + e.imm() + "): x=" + Long.toHexString(e.x())
          + ", y=" + e.y() + " but the result is x=" + Long.toHexString(want) + ", y=0");
    }
  }
}
