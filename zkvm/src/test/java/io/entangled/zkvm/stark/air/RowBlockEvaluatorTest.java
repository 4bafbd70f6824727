package io.entangled.zkvm.stark.air;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The compiled evaluator against a straightforward per-row interpreter over {@link Ext}, on random
 * expression DAGs that read every source kind (this and the next row, wrapping), share equal and
 * identical sub-expressions, and multiply by the constants the compiler treats specially.
 */
class RowBlockEvaluatorTest {
  private static final int SIZE = 64;
  private static final long[] SPECIAL = {0, 1, 2, Goldilocks.P - 1, Goldilocks.P - 2, 7, 1L << 32};

  /** Random columns, challenges, public values and claimed sums, and a random DAG over them. */
  private static final class Fixture {
    final SplittableRandom rnd;
    final long[][] main = new long[3][SIZE];
    final long[][] pre = new long[2][SIZE];
    final long[][] aux = new long[4][SIZE];
    final Ext[] challenges = new Ext[2];
    final long[] publics = new long[2];
    final Ext[] claimed = new Ext[1];
    final int stride;
    final List<Expr> nodes = new ArrayList<>();

    Fixture(long seed, int stride) {
      this.rnd = new SplittableRandom(seed);
      this.stride = stride;
      for (long[][] cols : List.of(main, pre, aux)) {
        for (long[] col : cols) {
          for (int r = 0; r < SIZE; r++) {
            col[r] = value();
          }
        }
      }
      for (int i = 0; i < challenges.length; i++) {
        challenges[i] = new Ext(value(), value());
      }
      publics[0] = value();
      publics[1] = value();
      claimed[0] = new Ext(value(), value());
    }

    long value() {
      return rnd.nextInt(4) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)]
          : Goldilocks.reduce(rnd.nextLong());
    }

    List<Expr> dag(int ops) {
      for (Expr.Source s : Expr.Source.values()) {
        nodes.add(new Expr.Var(s, 0, false));
      }
      for (int i = 0; i < ops; i++) {
        nodes.add(node());
      }
      List<Expr> roots = new ArrayList<>(nodes.subList(nodes.size() - 4, nodes.size()));
      for (int i = 0; i < 4; i++) {
        roots.add(pick());
      }
      return roots;
    }

    private Expr node() {
      return switch (rnd.nextInt(10)) {
        case 0 -> new Expr.Const(SPECIAL[rnd.nextInt(SPECIAL.length)]);
        case 1 -> new Expr.Const(value());
        case 2 -> variable();
        case 3 -> copy(pick());
        case 4, 5 -> new Expr.Add(pick(), pick());
        case 6 -> new Expr.Sub(pick(), pick());
        default -> new Expr.Mul(pick(), pick());
      };
    }

    private Expr variable() {
      Expr.Source s = Expr.Source.values()[rnd.nextInt(Expr.Source.values().length)];
      int bound = switch (s) {
        case MAIN -> 3;
        case PREPROCESSED, AUX, CHALLENGE, PUBLIC -> 2;
        case CLAIMED_SUM -> 1;
      };
      boolean columnar = s == Expr.Source.MAIN || s == Expr.Source.PREPROCESSED
          || s == Expr.Source.AUX;
      return new Expr.Var(s, rnd.nextInt(bound), columnar && rnd.nextBoolean());
    }

    /** An equal but not identical expression (the compiler must still share it). */
    private static Expr copy(Expr e) {
      return switch (e) {
        case Expr.Const c -> new Expr.Const(c.value());
        case Expr.Var v -> new Expr.Var(v.source(), v.index(), v.next());
        case Expr.Add x -> new Expr.Add(x.a(), x.b());
        case Expr.Sub x -> new Expr.Sub(x.a(), x.b());
        case Expr.Mul x -> new Expr.Mul(x.a(), x.b());
      };
    }

    private Expr pick() {
      int n = nodes.size();
      return rnd.nextBoolean() ? nodes.get(n - 1 - rnd.nextInt(Math.min(n, 6)))
          : nodes.get(rnd.nextInt(n));
    }

    RowBlockEvaluator evaluator() {
      return new RowBlockEvaluator(main, pre, aux, SIZE, stride, challenges, publics, claimed);
    }

    /** The reference: the value of e at one row, by direct recursion over Ext. */
    Ext reference(Expr e, int row, Map<Expr, Ext> memo) {
      Ext known = memo.get(e);
      if (known != null) {
        return known;
      }
      Ext v = switch (e) {
        case Expr.Const c -> Ext.of(c.value());
        case Expr.Var x -> variable(x, row);
        case Expr.Add x -> reference(x.a(), row, memo).add(reference(x.b(), row, memo));
        case Expr.Sub x -> reference(x.a(), row, memo).sub(reference(x.b(), row, memo));
        case Expr.Mul x -> reference(x.a(), row, memo).mul(reference(x.b(), row, memo));
      };
      memo.put(e, v);
      return v;
    }

    private Ext variable(Expr.Var x, int row) {
      int r = x.next() ? (row + stride) % SIZE : row;
      return switch (x.source()) {
        case MAIN -> Ext.of(main[x.index()][r]);
        case PREPROCESSED -> Ext.of(pre[x.index()][r]);
        case AUX -> new Ext(aux[2 * x.index()][r], aux[2 * x.index() + 1][r]);
        case CHALLENGE -> challenges[x.index()];
        case PUBLIC -> Ext.of(publics[x.index()]);
        case CLAIMED_SUM -> claimed[x.index()];
      };
    }
  }

  private static Ext at(RowBlockEvaluator.Block b, int i) {
    return new Ext(b.c0()[i], b.c1() == null ? 0 : b.c1()[i]);
  }

  @Property(tries = 300)
  void evalAllMatchesTheReferenceInterpreter(@ForAll long seed,
      @ForAll @IntRange(max = 1) int big) {
    Fixture f = new Fixture(seed, big == 1 ? 4 : 1);
    List<Expr> roots = f.dag(60);
    int from = f.rnd.nextInt(SIZE);
    int len = 1 + f.rnd.nextInt(SIZE - from);
    RowBlockEvaluator.Block[] blocks = f.evaluator().evalAll(roots, from, len);
    for (int r = 0; r < len; r++) {
      Map<Expr, Ext> memo = new IdentityHashMap<>();
      for (int i = 0; i < roots.size(); i++) {
        assertThat(at(blocks[i], r)).as("root %d row %d", i, from + r)
            .isEqualTo(f.reference(roots.get(i), from + r, memo));
      }
    }
  }

  @Property(tries = 200)
  void combinationMatchesTheWeightedReferenceSum(@ForAll long seed) {
    Fixture f = new Fixture(seed, 4);
    List<Expr> roots = f.dag(50);
    Ext[] weights = new Ext[roots.size()];
    int[] pair = new int[roots.size()];
    for (int i = 0; i < roots.size(); i++) {
      weights[i] = f.rnd.nextInt(5) == 0 ? Ext.of(f.value()) : new Ext(f.value(), f.value());
      pair[i] = f.rnd.nextInt(3);
    }
    BlockProgram p = f.evaluator().compileCombination(roots, weights, pair, 3);
    BlockProgram.Scratch s = p.newScratch(SIZE);
    for (int from = 0; from < SIZE; from += 16) {
      p.run(from, 16, s);
      long[][] acc = p.accumulators(s);
      for (int r = 0; r < 16; r++) {
        Ext[] expected = {Ext.ZERO, Ext.ZERO, Ext.ZERO};
        Map<Expr, Ext> memo = new IdentityHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
          Ext v = f.reference(roots.get(i), from + r, memo);
          expected[pair[i]] = expected[pair[i]].add(weights[i].mul(v));
        }
        for (int j = 0; j < 3; j++) {
          assertThat(new Ext(acc[2 * j][r], acc[2 * j + 1][r])).as("pair %d row %d", j, from + r)
              .isEqualTo(expected[j]);
        }
      }
    }
  }

  @Property(tries = 100)
  void evalOfOneExpressionMatchesOnEveryBlockIncludingTheWrappingOne(@ForAll long seed) {
    Fixture f = new Fixture(seed, 4);
    List<Expr> roots = f.dag(40);
    RowBlockEvaluator ev = f.evaluator();
    for (int from = 0; from < SIZE; from += 8) {
      RowBlockEvaluator.Block b = ev.eval(roots.get(0), from, 8);
      for (int r = 0; r < 8; r++) {
        assertThat(at(b, r))
            .isEqualTo(f.reference(roots.get(0), from + r, new IdentityHashMap<>()));
      }
    }
  }
}
