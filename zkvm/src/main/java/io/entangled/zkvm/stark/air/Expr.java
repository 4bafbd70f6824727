package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.field.Goldilocks;

/**
 * A constraint expression over a table's columns: main and preprocessed columns (base field, this
 * row or the next), auxiliary columns (extension field, built from challenges), challenges, public
 * values and the table's claimed bus sums.
 */
public sealed interface Expr permits Expr.Const, Expr.Var, Expr.Add, Expr.Sub, Expr.Mul {

  /** Where a variable's value comes from. */
  enum Source {
    MAIN, PREPROCESSED, AUX, CHALLENGE, PUBLIC, CLAIMED_SUM
  }

  /** A canonical base-field constant. */
  record Const(long value) implements Expr {}

  /** A variable; next selects the following row (wrapping) for column sources. */
  record Var(Source source, int index, boolean next) implements Expr {}

  record Add(Expr a, Expr b) implements Expr {}

  record Sub(Expr a, Expr b) implements Expr {}

  record Mul(Expr a, Expr b) implements Expr {}

  static Expr constant(long v) {
    return new Const(Goldilocks.fromSigned(v));
  }

  static Expr main(int i) {
    return new Var(Source.MAIN, i, false);
  }

  static Expr mainNext(int i) {
    return new Var(Source.MAIN, i, true);
  }

  static Expr pre(int i) {
    return new Var(Source.PREPROCESSED, i, false);
  }

  static Expr preNext(int i) {
    return new Var(Source.PREPROCESSED, i, true);
  }

  static Expr aux(int i) {
    return new Var(Source.AUX, i, false);
  }

  static Expr auxNext(int i) {
    return new Var(Source.AUX, i, true);
  }

  static Expr challenge(int i) {
    return new Var(Source.CHALLENGE, i, false);
  }

  static Expr pub(int i) {
    return new Var(Source.PUBLIC, i, false);
  }

  static Expr claimedSum(int i) {
    return new Var(Source.CLAIMED_SUM, i, false);
  }

  default Expr plus(Expr o) {
    return new Add(this, o);
  }

  default Expr minus(Expr o) {
    return new Sub(this, o);
  }

  default Expr times(Expr o) {
    return new Mul(this, o);
  }

  default Expr plus(long c) {
    return plus(constant(c));
  }

  default Expr minus(long c) {
    return minus(constant(c));
  }

  default Expr times(long c) {
    return times(constant(c));
  }

  /** Degree in the column variables. */
  default int degree() {
    return switch (this) {
      case Const c -> 0;
      case Var v -> switch (v.source()) {
        case MAIN, PREPROCESSED, AUX -> 1;
        default -> 0;
      };
      case Add x -> Math.max(x.a().degree(), x.b().degree());
      case Sub x -> Math.max(x.a().degree(), x.b().degree());
      case Mul x -> x.a().degree() + x.b().degree();
    };
  }

  /** Canonical text, used for the AIR digest. */
  default String canonical() {
    return switch (this) {
      case Const c -> Long.toUnsignedString(c.value());
      case Var v -> v.source().name().toLowerCase() + "[" + v.index() + (v.next() ? "]'" : "]");
      case Add x -> "(" + x.a().canonical() + "+" + x.b().canonical() + ")";
      case Sub x -> "(" + x.a().canonical() + "-" + x.b().canonical() + ")";
      case Mul x -> "(" + x.a().canonical() + "*" + x.b().canonical() + ")";
    };
  }
}
