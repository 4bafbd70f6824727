package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.List;

/** The AIRs of the end-to-end tests and benchmarks, with honest trace generators. */
public final class ExampleAirs {
  public static final int RANGE_BUS = 1;
  public static final int PERM_BUS = 2;

  private ExampleAirs() {}

  /** Columns a, b: a' = b, b' = a + b; a[0] = pub0, b[0] = pub1, b[n-1] = pub2. */
  public static Air fibonacci() {
    TableDef t = new TableDef("fib", 2, null, List.of(
        Constraint.transition(Expr.mainNext(0).minus(Expr.main(1))),
        Constraint.transition(Expr.mainNext(1).minus(Expr.main(0).plus(Expr.main(1)))),
        Constraint.firstRow(Expr.main(0).minus(Expr.pub(0))),
        Constraint.firstRow(Expr.main(1).minus(Expr.pub(1))),
        Constraint.lastRow(Expr.main(1).minus(Expr.pub(2)))), List.of());
    return new Air("fibonacci", List.of(t), 3);
  }

  public static long[][] fibonacciTrace(int n, long a0, long b0) {
    long[][] cols = new long[2][n];
    cols[0][0] = a0;
    cols[1][0] = b0;
    for (int i = 1; i < n; i++) {
      cols[0][i] = cols[1][i - 1];
      cols[1][i] = Goldilocks.add(cols[0][i - 1], cols[1][i - 1]);
    }
    return cols;
  }

  public static long[] fibonacciPublic(long[][] trace) {
    int n = trace[0].length;
    return new long[] {trace[0][0], trace[1][0], trace[1][n - 1]};
  }

  /**
   * Table "values" (column v, and a square constraint s = v·v) sends every v to the range bus; table
   * "bytes" has the preprocessed column 0..255 and a main multiplicity column receiving them.
   */
  public static Air rangeCheck() {
    TableDef values = new TableDef("values", 2, null,
        List.of(Constraint.everyRow(Expr.main(1).minus(Expr.main(0).times(Expr.main(0))))),
        List.of(Interaction.send(RANGE_BUS, Expr.constant(1), Expr.main(0))));
    long[] bytes = new long[256];
    for (int i = 0; i < 256; i++) {
      bytes[i] = i;
    }
    TableDef table = new TableDef("bytes", 1, new long[][] {bytes}, List.of(),
        List.of(Interaction.receive(RANGE_BUS, Expr.main(0), Expr.pre(0))));
    return new Air("range-check", List.of(values, table), 0);
  }

  /** Traces for {@link #rangeCheck()}: values (v, v^2) and the multiplicity of each byte. */
  public static List<long[][]> rangeCheckTraces(long[] values) {
    long[][] v = new long[2][values.length];
    long[][] m = new long[1][256];
    for (int i = 0; i < values.length; i++) {
      v[0][i] = values[i];
      v[1][i] = Goldilocks.mul(values[i], values[i]);
      if (values[i] >= 0 && values[i] < 256) {
        m[0][(int) values[i]]++;
      }
    }
    return List.of(v, m);
  }

  /**
   * Table "left" (height n, columns key, value) sends (key, value); table "right" (height 2n,
   * columns key, value, selector) receives (key, value) with multiplicity selector.
   */
  public static Air permutation() {
    TableDef left = new TableDef("left", 2, null, List.of(),
        List.of(Interaction.send(PERM_BUS, Expr.constant(1), Expr.main(0), Expr.main(1))));
    TableDef right = new TableDef("right", 3, null,
        List.of(Constraint.everyRow(Expr.main(2).times(Expr.main(2)).minus(Expr.main(2)))),
        List.of(Interaction.receive(PERM_BUS, Expr.main(2), Expr.main(0), Expr.main(1))));
    return new Air("permutation", List.of(left, right), 0);
  }

  /** Left rows (i, 3i+1); right holds them reversed in its first half, junk with selector 0 after. */
  public static List<long[][]> permutationTraces(int n) {
    long[][] left = new long[2][n];
    long[][] right = new long[3][2 * n];
    for (int i = 0; i < n; i++) {
      left[0][i] = i;
      left[1][i] = 3L * i + 1;
      right[0][n - 1 - i] = i;
      right[1][n - 1 - i] = 3L * i + 1;
      right[2][n - 1 - i] = 1;
      right[0][n + i] = 1000 + i;
      right[1][n + i] = 7;
    }
    return List.of(left, right);
  }
}
