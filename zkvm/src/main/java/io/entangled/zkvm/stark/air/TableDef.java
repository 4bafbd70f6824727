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

  /** Highest constraint degree a paired LogUp column may need. */
  private static final int PAIR_MAX_DEGREE = 3;

  /**
   * Interactions that share one auxiliary column: consecutive interactions on the same bus are
   * paired (their terms summed into one column) when the pair's constraint
   * aux·(α − h1)(α − h2) − s1·(α − h2) − s2·(α − h1) stays within degree 3; others stand alone.
   */
  public List<int[]> auxGroups() {
    List<int[]> groups = new ArrayList<>();
    int k = 0;
    while (k < interactions.size()) {
      if (k + 1 < interactions.size() && pairable(interactions.get(k), interactions.get(k + 1))) {
        groups.add(new int[] {k, k + 1});
        k += 2;
      } else {
        groups.add(new int[] {k});
        k++;
      }
    }
    return groups;
  }

  private static boolean pairable(Interaction a, Interaction b) {
    if (a.bus() != b.bus()) {
      return false;
    }
    int ha = a.fingerprint().degree();
    int hb = b.fingerprint().degree();
    return 1 + ha + hb <= PAIR_MAX_DEGREE && a.multiplicity().degree() + hb <= PAIR_MAX_DEGREE
        && b.multiplicity().degree() + ha <= PAIR_MAX_DEGREE;
  }

  /**
   * Number of extension-field auxiliary columns: one per interaction group and one running sum of
   * all of them. One sum serves every bus: a tuple's fingerprint starts with its bus id, so terms of
   * different buses cannot cancel (except with the probability of a fingerprint collision).
   */
  public int auxWidth() {
    return interactions.isEmpty() ? 0 : auxGroups().size() + 1;
  }

  /** Claimed LogUp sums the table's proof carries: its running sum's last value, if any. */
  public int claimedSumCount() {
    return interactions.isEmpty() ? 0 : 1;
  }

  /** User constraints followed by the LogUp constraints. */
  public List<Constraint> allConstraints() {
    List<Constraint> all = new ArrayList<>(constraints);
    Expr alpha = Expr.challenge(0);
    List<int[]> groups = auxGroups();
    for (int g = 0; g < groups.size(); g++) {
      int[] members = groups.get(g);
      Interaction first = interactions.get(members[0]);
      Expr d1 = alpha.minus(first.fingerprint());
      if (members.length == 1) {
        all.add(Constraint.everyRow(Expr.aux(g).times(d1).minus(signed(first))));
      } else {
        Interaction second = interactions.get(members[1]);
        Expr d2 = alpha.minus(second.fingerprint());
        all.add(Constraint.everyRow(Expr.aux(g).times(d1).times(d2)
            .minus(signed(first).times(d2)).minus(signed(second).times(d1))));
      }
    }
    if (!groups.isEmpty()) {
      int acc = groups.size();
      Expr sumCur = Expr.constant(0);
      Expr sumNext = Expr.constant(0);
      for (int g = 0; g < groups.size(); g++) {
        sumCur = sumCur.plus(Expr.aux(g));
        sumNext = sumNext.plus(Expr.auxNext(g));
      }
      all.add(Constraint.firstRow(Expr.aux(acc).minus(sumCur)));
      all.add(Constraint.transition(Expr.auxNext(acc).minus(Expr.aux(acc)).minus(sumNext)));
      all.add(Constraint.lastRow(Expr.aux(acc).minus(Expr.claimedSum(0))));
    }
    return all;
  }

  private static Expr signed(Interaction it) {
    return it.send() ? it.multiplicity() : Expr.constant(0).minus(it.multiplicity());
  }

  /** Quotient chunks: the largest need over all constraints. */
  public int quotientChunks() {
    return allConstraints().stream().mapToInt(Constraint::quotientChunks).max().orElse(1);
  }
}
