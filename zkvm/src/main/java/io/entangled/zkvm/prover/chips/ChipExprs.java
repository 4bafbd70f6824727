package io.entangled.zkvm.prover.chips;

import io.entangled.zkvm.stark.air.Expr;

/** Small expression builders shared by the MIPS AIR's tables. */
public final class ChipExprs {
  /** 2^16, the limb size of every range-checked split. */
  public static final long LIMB = 1L << 16;

  private ChipExprs() {}

  /** Main column c on this row. */
  public static Expr m(int c) {
    return Expr.main(c);
  }

  /** Main column c on the next row. */
  public static Expr n(int c) {
    return Expr.mainNext(c);
  }

  public static Expr c(long v) {
    return Expr.constant(v);
  }

  /** e·(1 − e): zero iff e is 0 or 1. */
  public static Expr bool(Expr e) {
    return e.times(c(1).minus(e));
  }

  /** lo + 2^16·hi for the limb pair at columns lo, lo + 1. */
  public static Expr limbs(int lo) {
    return m(lo).plus(m(lo + 1).times(LIMB));
  }
}
