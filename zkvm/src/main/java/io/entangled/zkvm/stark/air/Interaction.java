package io.entangled.zkvm.stark.air;

import java.util.List;

/**
 * One LogUp bus interaction of a row: the tuple {@code values} is sent (adds multiplicity / (α −
 * h)) or received (subtracts it), where h = bus + Σ_j β^(j+1)·values[j]. Expressions may read the
 * current row's main and preprocessed columns and public values only.
 */
public record Interaction(int bus, List<Expr> values, Expr multiplicity, boolean send) {
  public Interaction {
    values = List.copyOf(values);
    if (bus < 0) {
      throw new IllegalArgumentException("bus id must be non-negative: " + bus);
    }
  }

  public static Interaction send(int bus, Expr multiplicity, Expr... values) {
    return new Interaction(bus, List.of(values), multiplicity, true);
  }

  public static Interaction receive(int bus, Expr multiplicity, Expr... values) {
    return new Interaction(bus, List.of(values), multiplicity, false);
  }

  /** The fingerprint h as an expression (challenge 1 is β). */
  public Expr fingerprint() {
    Expr beta = Expr.challenge(1);
    Expr h = Expr.constant(bus);
    Expr power = beta;
    for (Expr v : values) {
      h = h.plus(power.times(v));
      power = power.times(beta);
    }
    return h;
  }
}
