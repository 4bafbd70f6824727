package io.entangled.zkvm.stark.air;

/** A polynomial constraint that must vanish on the rows its kind selects. */
public record Constraint(Kind kind, Expr expr) {

  /** Which rows the constraint applies to. */
  public enum Kind {
    /** Every row. */
    EVERY_ROW,
    /** Every row but the last (may read the next row). */
    TRANSITION,
    /** Row 0 only. */
    FIRST_ROW,
    /** Row n - 1 only. */
    LAST_ROW
  }

  public static Constraint everyRow(Expr e) {
    return new Constraint(Kind.EVERY_ROW, e);
  }

  public static Constraint transition(Expr e) {
    return new Constraint(Kind.TRANSITION, e);
  }

  public static Constraint firstRow(Expr e) {
    return new Constraint(Kind.FIRST_ROW, e);
  }

  public static Constraint lastRow(Expr e) {
    return new Constraint(Kind.LAST_ROW, e);
  }

  /**
   * Number of quotient chunks (each of degree below n) this constraint needs: degree - 1 for every-
   * row and transition constraints (divided by the vanishing polynomial), degree for boundary ones.
   */
  public int quotientChunks() {
    int d = expr.degree();
    return switch (kind) {
      case EVERY_ROW, TRANSITION -> Math.max(1, d - 1);
      case FIRST_ROW, LAST_ROW -> Math.max(1, d);
    };
  }
}
