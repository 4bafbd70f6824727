package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates expressions over a block of consecutive rows of column-major data (a trace, or its
 * low-degree extension where the next row is nextStride rows further, wrapping). Base-field
 * sub-expressions stay in the base field; the result of an extension expression has c1 set.
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
  /** Memo of {@link #scalar}: an Ext, or NOT_SCALAR. */
  private final Map<Expr, Object> scalars = new ConcurrentHashMap<>();
  private static final Object NOT_SCALAR = new Object();

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

  public Block eval(Expr e, int from, int len) {
    return eval(e, from, len, new HashMap<>());
  }

  /**
   * Evaluates several roots over one block, computing each distinct sub-expression once (equal
   * expressions share one result: a selector, a sum of selectors, the powers of β of every
   * fingerprint), and sub-expressions without columns (challenge powers, constants) once as a scalar.
   */
  public Block[] evalAll(List<Expr> roots, int from, int len) {
    Map<Expr, Block> memo = new HashMap<>();
    Block[] out = new Block[roots.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = eval(roots.get(i), from, len, memo);
    }
    return out;
  }

  private Block eval(Expr e, int from, int len, Map<Expr, Block> memo) {
    Block known = memo.get(e);
    if (known != null) {
      return known;
    }
    Ext scalar = scalar(e);
    if (scalar != null) {
      Block b = fill(scalar.c0(), scalar.c1(), isExt(e), len);
      memo.put(e, b);
      return b;
    }
    Block b = switch (e) {
      case Expr.Const c -> fill(c.value(), 0, false, len);
      case Expr.Var v -> load(v, from, len);
      case Expr.Add x -> combine(eval(x.a(), from, len, memo), eval(x.b(), from, len, memo), 0);
      case Expr.Sub x -> combine(eval(x.a(), from, len, memo), eval(x.b(), from, len, memo), 1);
      case Expr.Mul x -> combine(eval(x.a(), from, len, memo), eval(x.b(), from, len, memo), 2);
    };
    memo.put(e, b);
    return b;
  }

  /** The value of an expression without column variables, or null if it reads a column. */
  private Ext scalar(Expr e) {
    Object known = scalars.get(e);
    if (known != null) {
      return known == NOT_SCALAR ? null : (Ext) known;
    }
    Ext v = switch (e) {
      case Expr.Const c -> Ext.of(c.value());
      case Expr.Var x -> switch (x.source()) {
        case CHALLENGE -> challenges[x.index()];
        case CLAIMED_SUM -> claimed[x.index()];
        case PUBLIC -> Ext.of(publics[x.index()]);
        default -> null;
      };
      case Expr.Add x -> both(x.a(), x.b(), 0);
      case Expr.Sub x -> both(x.a(), x.b(), 1);
      case Expr.Mul x -> both(x.a(), x.b(), 2);
    };
    scalars.put(e, v == null ? NOT_SCALAR : v);
    return v;
  }

  private Ext both(Expr a, Expr b, int op) {
    Ext x = scalar(a);
    Ext y = x == null ? null : scalar(b);
    if (y == null) {
      return null;
    }
    return switch (op) {
      case 0 -> x.add(y);
      case 1 -> x.sub(y);
      default -> x.mul(y);
    };
  }

  /** Whether a scalar expression is in the extension field (reads a challenge or claimed sum). */
  private static boolean isExt(Expr e) {
    return switch (e) {
      case Expr.Const c -> false;
      case Expr.Var x -> x.source() == Expr.Source.CHALLENGE || x.source() == Expr.Source.CLAIMED_SUM;
      case Expr.Add x -> isExt(x.a()) || isExt(x.b());
      case Expr.Sub x -> isExt(x.a()) || isExt(x.b());
      case Expr.Mul x -> isExt(x.a()) || isExt(x.b());
    };
  }

  private Block load(Expr.Var v, int from, int len) {
    return switch (v.source()) {
      case MAIN -> new Block(column(main[v.index()], from, len, v.next()), null);
      case PREPROCESSED -> new Block(column(pre[v.index()], from, len, v.next()), null);
      case AUX -> new Block(column(aux[2 * v.index()], from, len, v.next()),
          column(aux[2 * v.index() + 1], from, len, v.next()));
      case CHALLENGE -> fill(challenges[v.index()].c0(), challenges[v.index()].c1(), true, len);
      case CLAIMED_SUM -> fill(claimed[v.index()].c0(), claimed[v.index()].c1(), true, len);
      case PUBLIC -> fill(publics[v.index()], 0, false, len);
    };
  }

  private long[] column(long[] col, int from, int len, boolean next) {
    long[] out = new long[len];
    int start = next ? (from + nextStride) & (size - 1) : from;
    int first = Math.min(len, size - start);
    System.arraycopy(col, start, out, 0, first);
    if (first < len) {
      System.arraycopy(col, 0, out, first, len - first);
    }
    return out;
  }

  private static Block fill(long c0, long c1, boolean ext, int len) {
    long[] a = new long[len];
    java.util.Arrays.fill(a, c0);
    if (!ext) {
      return new Block(a, null);
    }
    long[] b = new long[len];
    java.util.Arrays.fill(b, c1);
    return new Block(a, b);
  }

  private static Block combine(Block x, Block y, int op) {
    int len = x.c0().length;
    long[] r0 = new long[len];
    if (x.c1() == null && y.c1() == null) {
      for (int i = 0; i < len; i++) {
        r0[i] = baseOp(x.c0()[i], y.c0()[i], op);
      }
      return new Block(r0, null);
    }
    long[] r1 = new long[len];
    long[] x1 = x.c1() == null ? new long[len] : x.c1();
    long[] y1 = y.c1() == null ? new long[len] : y.c1();
    for (int i = 0; i < len; i++) {
      long a0 = x.c0()[i];
      long b0 = y.c0()[i];
      if (op == 2) {
        r0[i] = Ext2.mul0(a0, x1[i], b0, y1[i]);
        r1[i] = Ext2.mul1(a0, x1[i], b0, y1[i]);
      } else {
        r0[i] = baseOp(a0, b0, op);
        r1[i] = baseOp(x1[i], y1[i], op);
      }
    }
    return new Block(r0, r1);
  }

  private static long baseOp(long a, long b, int op) {
    return switch (op) {
      case 0 -> Goldilocks.add(a, b);
      case 1 -> Goldilocks.sub(a, b);
      default -> Goldilocks.mul(a, b);
    };
  }
}
