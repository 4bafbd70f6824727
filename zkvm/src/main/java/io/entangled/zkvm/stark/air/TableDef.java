package io.entangled.zkvm.stark.air;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One table of an AIR: its main width, optional preprocessed (fixed) columns known to prover and
 * verifier, constraints and bus interactions. Auxiliary columns are derived: one extension column
 * per interaction (its LogUp term) then one running-sum column per bus the table uses.
 */
public record TableDef(String name, int mainWidth, long[][] preprocessed, List<Constraint> constraints,
    List<Interaction> interactions) {

  public TableDef {
    constraints = List.copyOf(constraints);
    interactions = List.copyOf(interactions);
    preprocessed = preprocessed == null ? new long[0][] : preprocessed;
    for (long[] col : preprocessed) {
      if (col.length != preprocessed[0].length || Integer.bitCount(col.length) != 1) {
        throw new IllegalArgumentException("preprocessed columns of table " + name
            + " must share one power-of-two height");
      }
    }
  }

  public int preprocessedWidth() {
    return preprocessed.length;
  }

  /** Fixed height when the table has preprocessed columns, else -1. */
  public int fixedHeight() {
    return preprocessed.length == 0 ? -1 : preprocessed[0].length;
  }

  /** Distinct buses in increasing order. */
  public List<Integer> buses() {
    TreeSet<Integer> set = new TreeSet<>();
    interactions.forEach(i -> set.add(i.bus()));
    return List.copyOf(set);
  }

  /** Number of extension-field auxiliary columns. */
  public int auxWidth() {
    return interactions.isEmpty() ? 0 : interactions.size() + buses().size();
  }

  /** User constraints followed by the LogUp constraints. */
  public List<Constraint> allConstraints() {
    List<Constraint> all = new ArrayList<>(constraints);
    Expr alpha = Expr.challenge(0);
    List<Integer> buses = buses();
    for (int k = 0; k < interactions.size(); k++) {
      Interaction it = interactions.get(k);
      Expr signed = it.send() ? it.multiplicity() : Expr.constant(0).minus(it.multiplicity());
      all.add(Constraint.everyRow(Expr.aux(k).times(alpha.minus(it.fingerprint())).minus(signed)));
    }
    for (int b = 0; b < buses.size(); b++) {
      int acc = interactions.size() + b;
      Expr sumCur = Expr.constant(0);
      Expr sumNext = Expr.constant(0);
      for (int k = 0; k < interactions.size(); k++) {
        if (interactions.get(k).bus() == buses.get(b)) {
          sumCur = sumCur.plus(Expr.aux(k));
          sumNext = sumNext.plus(Expr.auxNext(k));
        }
      }
      all.add(Constraint.firstRow(Expr.aux(acc).minus(sumCur)));
      all.add(Constraint.transition(Expr.auxNext(acc).minus(Expr.aux(acc)).minus(sumNext)));
      all.add(Constraint.lastRow(Expr.aux(acc).minus(Expr.claimedSum(b))));
    }
    return all;
  }

  /** Quotient chunks: the largest need over all constraints. */
  public int quotientChunks() {
    return allConstraints().stream().mapToInt(Constraint::quotientChunks).max().orElse(1);
  }
}
