package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.field.Ext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates expressions over a block of consecutive rows of column-major data (a trace, or its
 * low-degree extension where the next row is nextStride rows further, wrapping). Expressions are
 * compiled into a {@link BlockProgram} (see {@link BlockProgramCompiler}); base-field values stay
 * in the base field, and a result's c1 is null when it is zero.
 */
public final class RowBlockEvaluator {
  private final long[][] main;
  private final long[][] pre;
  private final long[][] aux;
  private final int size;
  private final int nextStride;
  private final Ext[] challenges;
  private final long[] publics;
  private final Ext[] claimed;
  /** Programs of {@link #eval}, by expression object. */
  private final Map<Identity, BlockProgram> programs = new ConcurrentHashMap<>();

  /** A block of values; c1 is null for base-field values. */
  public record Block(long[] c0, long[] c1) {}

  /** aux holds two base columns (c0, c1) per extension column. */
  public RowBlockEvaluator(long[][] main, long[][] pre, long[][] aux, int size, int nextStride,
      Ext[] challenges, long[] publics, Ext[] claimed) {
    this.main = main;
    this.pre = pre;
    this.aux = aux;
    this.size = size;
    this.nextStride = nextStride;
    this.challenges = challenges;
    this.publics = publics;
    this.claimed = claimed;
  }

  /** The values of one expression over the block [from, from + len) (compiled once per object). */
  public Block eval(Expr e, int from, int len) {
    BlockProgram p = programs.computeIfAbsent(new Identity(e), k -> compile(List.of(e)));
    BlockProgram.Scratch s = p.newScratch(len);
    p.run(from, len, s);
    return p.output(0, len, s);
  }

  /**
   * Evaluates several roots over one block, computing each distinct sub-expression once (equal
   * expressions share one result: a selector, a sum of selectors, the powers of β of every
   * fingerprint), and sub-expressions without columns (challenge powers, constants) once as a
   * scalar. Compiles the roots on every call: hot loops compile once with {@link #compile}.
   */
  public Block[] evalAll(List<Expr> roots, int from, int len) {
    BlockProgram p = compile(roots);
    BlockProgram.Scratch s = p.newScratch(len);
    p.run(from, len, s);
    Block[] out = new Block[roots.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.output(i, len, s);
    }
    return out;
  }

  /** A program computing the roots' values over blocks of this evaluator's columns. */
  public BlockProgram compile(List<Expr> roots) {
    return compiler().values(roots, size, nextStride);
  }

  /**
   * A program that adds weights[i] · roots[i] to accumulator pair pair[i] (accumulators 2 pair[i]
   * and 2 pair[i] + 1 hold c0 and c1) of every row, for pairs 0 .. pairs − 1.
   */
  public BlockProgram compileCombination(List<Expr> roots, Ext[] weights, int[] pair, int pairs) {
    if (weights.length != roots.size() || pair.length != roots.size()) {
      throw new IllegalArgumentException("weights and pair must have one entry per root");
    }
    return compiler().combination(roots, weights, pair, pairs, size, nextStride);
  }

  private BlockProgramCompiler compiler() {
    return new BlockProgramCompiler(main, pre, aux, challenges, publics, claimed);
  }

  /** Identity key: expressions are deep records whose structural hash costs a full traversal. */
  private record Identity(Expr e) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.e == e;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(e);
    }
  }
}
