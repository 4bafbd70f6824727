package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles expression DAGs into a {@link BlockProgram}. An extension value is a pair of base
 * components, each a scalar, a column (read in place) or a register; every operation is folded
 * when its operands are scalars, simplified for the scalars 0, 1, −1 and 2, and emitted once per
 * distinct (operation, operands) so that equal sub-expressions share one register. Registers are
 * then assigned by liveness: one is free again after the last instruction that reads it.
 */
final class BlockProgramCompiler {
  private static final int SCALAR = 0;
  private static final int COLUMN = 1;
  private static final int REG = 2;
  private static final int ACC = 3;
  private static final Comparator<Comp> ORDER = Comparator.comparingInt(Comp::kind)
      .thenComparingInt(Comp::id).thenComparingLong(Comp::k);

  /** One base component: a scalar k, column id or virtual register id. */
  private record Comp(int kind, int id, long k) {
    static Comp scalar(long k) {
      return new Comp(SCALAR, 0, k);
    }

    boolean isScalar() {
      return kind == SCALAR;
    }

    boolean is(long v) {
      return kind == SCALAR && k == v;
    }
  }

  /** An extension value c0 + c1 u (c1 the scalar 0 for base values). */
  private record Val(Comp c0, Comp c1) {}

  private record Key(int op, List<Comp> src, long k0, long k1) {}

  private record Column(Expr.Source source, int index, int part, boolean next) {}

  private record Step(int op, Comp[] dst, Comp[] src, long k0, long k1) {}

  private final long[][] main;
  private final long[][] pre;
  private final long[][] aux;
  private final Ext[] challenges;
  private final long[] publics;
  private final Ext[] claimed;
  private final Map<Expr, Val> values = new IdentityHashMap<>();
  private final Map<Key, Comp[]> emitted = new HashMap<>();
  private final Map<Column, Integer> columnIds = new HashMap<>();
  private final List<long[]> columns = new ArrayList<>();
  private final List<Boolean> next = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private int virtualRegisters;

  BlockProgramCompiler(long[][] main, long[][] pre, long[][] aux, Ext[] challenges,
      long[] publics, Ext[] claimed) {
    this.main = main;
    this.pre = pre;
    this.aux = aux;
    this.challenges = challenges;
    this.publics = publics;
    this.claimed = claimed;
  }

  /** A program whose outputs are the roots' values. */
  BlockProgram values(List<Expr> roots, int size, int nextStride) {
    List<Val> outs = new ArrayList<>();
    for (Expr r : roots) {
      outs.add(value(r));
    }
    return link(outs, new long[0], size, nextStride);
  }

  /**
   * A program that adds weight[i] · root[i] to the accumulator pair (2 slot[i], 2 slot[i] + 1)
   * (c0, c1) of each row, for pairs 0 .. pairs − 1.
   */
  BlockProgram combination(List<Expr> roots, Ext[] weights, int[] slot, int pairs, int size,
      int nextStride) {
    long[] constant = new long[2 * pairs];
    for (int i = 0; i < roots.size(); i++) {
      accumulate(value(roots.get(i)), weights[i], slot[i], constant);
    }
    return link(List.of(), constant, size, nextStride);
  }

  private void accumulate(Val v, Ext w, int pair, long[] constant) {
    Comp[] acc = {new Comp(ACC, 2 * pair, 0), new Comp(ACC, 2 * pair + 1, 0)};
    long s0 = v.c0().isScalar() ? v.c0().k() : 0;
    long s1 = v.c1().isScalar() ? v.c1().k() : 0;
    constant[2 * pair] = Goldilocks.add(constant[2 * pair], Ext2.mul0(w.c0(), w.c1(), s0, s1));
    constant[2 * pair + 1] =
        Goldilocks.add(constant[2 * pair + 1], Ext2.mul1(w.c0(), w.c1(), s0, s1));
    if (!v.c0().isScalar() && !v.c1().isScalar()) {
      steps.add(new Step(BlockProgram.ACC_E, acc, new Comp[] {v.c0(), v.c1()}, w.c0(), w.c1()));
    } else if (!v.c0().isScalar()) {
      steps.add(new Step(BlockProgram.ACC_B, acc, new Comp[] {v.c0()}, w.c0(), w.c1()));
    } else if (!v.c1().isScalar()) {
      // (w0 + w1 u) · (x u) = x · (7 w1 + w0 u)
      steps.add(new Step(BlockProgram.ACC_B, acc, new Comp[] {v.c1()},
          Goldilocks.mul(Ext2.W, w.c1()), w.c0()));
    }
  }

  private Val value(Expr e) {
    Val known = values.get(e);
    if (known != null) {
      return known;
    }
    Val v = switch (e) {
      case Expr.Const c -> new Val(Comp.scalar(c.value()), Comp.scalar(0));
      case Expr.Var x -> variable(x);
      case Expr.Add x -> add(value(x.a()), value(x.b()));
      case Expr.Sub x -> sub(value(x.a()), value(x.b()));
      case Expr.Mul x -> mul(value(x.a()), value(x.b()));
    };
    values.put(e, v);
    return v;
  }

  private Val variable(Expr.Var x) {
    Comp zero = Comp.scalar(0);
    return switch (x.source()) {
      case MAIN -> new Val(column(x, 0, main[x.index()]), zero);
      case PREPROCESSED -> new Val(column(x, 0, pre[x.index()]), zero);
      case AUX -> new Val(column(x, 0, aux[2 * x.index()]), column(x, 1, aux[2 * x.index() + 1]));
      case CHALLENGE -> scalar(challenges[x.index()]);
      case CLAIMED_SUM -> scalar(claimed[x.index()]);
      case PUBLIC -> new Val(Comp.scalar(publics[x.index()]), zero);
    };
  }

  private static Val scalar(Ext v) {
    return new Val(Comp.scalar(v.c0()), Comp.scalar(v.c1()));
  }

  private Comp column(Expr.Var x, int part, long[] data) {
    Column key = new Column(x.source(), x.index(), part, x.next());
    Integer id = columnIds.get(key);
    if (id == null) {
      id = columns.size();
      columns.add(data);
      next.add(x.next());
      columnIds.put(key, id);
    }
    return new Comp(COLUMN, id, 0);
  }

  private Val add(Val a, Val b) {
    return new Val(add(a.c0(), b.c0()), add(a.c1(), b.c1()));
  }

  private Val sub(Val a, Val b) {
    return new Val(sub(a.c0(), b.c0()), sub(a.c1(), b.c1()));
  }

  private Val mul(Val a, Val b) {
    if (a.c1().is(0)) {
      return new Val(mul(a.c0(), b.c0()), mul(a.c0(), b.c1()));
    }
    if (b.c1().is(0)) {
      return new Val(mul(a.c0(), b.c0()), mul(a.c1(), b.c0()));
    }
    boolean aColumns = !a.c0().isScalar() && !a.c1().isScalar();
    boolean bColumns = !b.c0().isScalar() && !b.c1().isScalar();
    if (aColumns && bColumns) {
      Comp[] r = emit(2, BlockProgram.EMUL_AA, sorted(a, b), 0, 0);
      return new Val(r[0], r[1]);
    }
    if (aColumns && b.c0().isScalar() && b.c1().isScalar()) {
      Comp[] r = emit(2, BlockProgram.EMUL_AK, List.of(a.c0(), a.c1()), b.c0().k(), b.c1().k());
      return new Val(r[0], r[1]);
    }
    if (bColumns && a.c0().isScalar() && a.c1().isScalar()) {
      return mul(b, a);
    }
    Comp r0 = add(mul(a.c0(), b.c0()), mul(Comp.scalar(Ext2.W), mul(a.c1(), b.c1())));
    Comp r1 = add(mul(a.c0(), b.c1()), mul(a.c1(), b.c0()));
    return new Val(r0, r1);
  }

  private static List<Comp> sorted(Val a, Val b) {
    boolean swap = ORDER.compare(a.c0(), b.c0()) > 0
        || (a.c0().equals(b.c0()) && ORDER.compare(a.c1(), b.c1()) > 0);
    Val x = swap ? b : a;
    Val y = swap ? a : b;
    return List.of(x.c0(), x.c1(), y.c0(), y.c1());
  }

  private Comp add(Comp a, Comp b) {
    if (a.isScalar() && b.isScalar()) {
      return Comp.scalar(Goldilocks.add(a.k(), b.k()));
    }
    if (a.is(0) || b.is(0)) {
      return a.is(0) ? b : a;
    }
    if (a.isScalar() || b.isScalar()) {
      Comp x = a.isScalar() ? b : a;
      long k = a.isScalar() ? a.k() : b.k();
      return emit(1, BlockProgram.ADD_AK, List.of(x), k, 0)[0];
    }
    return emit(1, BlockProgram.ADD_AA, ordered(a, b), 0, 0)[0];
  }

  private Comp sub(Comp a, Comp b) {
    if (a.isScalar() && b.isScalar()) {
      return Comp.scalar(Goldilocks.sub(a.k(), b.k()));
    }
    if (b.is(0)) {
      return a;
    }
    if (a.equals(b)) {
      return Comp.scalar(0);
    }
    if (b.isScalar()) {
      return emit(1, BlockProgram.ADD_AK, List.of(a), Goldilocks.neg(b.k()), 0)[0];
    }
    if (a.isScalar()) {
      return emit(1, BlockProgram.SUB_KA, List.of(b), a.k(), 0)[0];
    }
    return emit(1, BlockProgram.SUB_AA, List.of(a, b), 0, 0)[0];
  }

  private Comp mul(Comp a, Comp b) {
    if (a.isScalar() && b.isScalar()) {
      return Comp.scalar(Goldilocks.mul(a.k(), b.k()));
    }
    if (a.is(0) || b.is(0)) {
      return Comp.scalar(0);
    }
    if (!a.isScalar() && !b.isScalar()) {
      return emit(1, BlockProgram.MUL_AA, ordered(a, b), 0, 0)[0];
    }
    Comp x = a.isScalar() ? b : a;
    long k = a.isScalar() ? a.k() : b.k();
    if (k == 1) {
      return x;
    }
    if (k == Goldilocks.P - 1) {
      return emit(1, BlockProgram.SUB_KA, List.of(x), 0, 0)[0];
    }
    if (k == 2) {
      return emit(1, BlockProgram.ADD_AA, List.of(x, x), 0, 0)[0];
    }
    return emit(1, BlockProgram.MUL_AK, List.of(x), k, 0)[0];
  }

  private static List<Comp> ordered(Comp a, Comp b) {
    return ORDER.compare(a, b) <= 0 ? List.of(a, b) : List.of(b, a);
  }

  /** The destination registers of (op, src, k), emitting the instruction the first time. */
  private Comp[] emit(int outputs, int op, List<Comp> src, long k0, long k1) {
    Key key = new Key(op, src, k0, k1);
    Comp[] known = emitted.get(key);
    if (known != null) {
      return known;
    }
    Comp[] dst = new Comp[outputs];
    for (int i = 0; i < outputs; i++) {
      dst[i] = new Comp(REG, virtualRegisters++, 0);
    }
    steps.add(new Step(op, dst, src.toArray(Comp[]::new), k0, k1));
    emitted.put(key, dst);
    return dst;
  }

  /** Assigns registers by liveness and lays out slots: columns, registers, accumulators. */
  private BlockProgram link(List<Val> outs, long[] accConstants, int size, int nextStride) {
    int[] lastUse = new int[virtualRegisters];
    Arrays.fill(lastUse, -1);
    for (int i = 0; i < steps.size(); i++) {
      for (Comp c : steps.get(i).src()) {
        if (c.kind() == REG) {
          lastUse[c.id()] = i;
        }
      }
    }
    for (Val v : outs) {
      for (Comp c : List.of(v.c0(), v.c1())) {
        if (c.kind() == REG) {
          lastUse[c.id()] = Integer.MAX_VALUE;
        }
      }
    }
    int[] physical = new int[virtualRegisters];
    int registers = allocate(lastUse, physical);
    int firstRegister = columns.size();
    int firstAcc = firstRegister + registers;
    BlockProgram.Instr[] code = new BlockProgram.Instr[steps.size()];
    for (int i = 0; i < code.length; i++) {
      Step s = steps.get(i);
      int[] slots = new int[s.dst().length + s.src().length];
      for (int j = 0; j < s.dst().length; j++) {
        slots[j] = slot(s.dst()[j], physical, firstRegister, firstAcc);
      }
      for (int j = 0; j < s.src().length; j++) {
        slots[s.dst().length + j] = slot(s.src()[j], physical, firstRegister, firstAcc);
      }
      code[i] = new BlockProgram.Instr(s.op(), slots, s.k0(), s.k1());
    }
    BlockProgram.Out[] outputs = new BlockProgram.Out[outs.size()];
    for (int i = 0; i < outputs.length; i++) {
      Val v = outs.get(i);
      outputs[i] = new BlockProgram.Out(slot(v.c0(), physical, firstRegister, firstAcc), v.c0().k(),
          slot(v.c1(), physical, firstRegister, firstAcc), v.c1().k());
    }
    boolean[] nexts = new boolean[next.size()];
    for (int i = 0; i < nexts.length; i++) {
      nexts[i] = next.get(i);
    }
    return new BlockProgram(code, columns.toArray(long[][]::new), nexts, registers, accConstants,
        outputs, size, nextStride);
  }

  private int allocate(int[] lastUse, int[] physical) {
    ArrayDeque<Integer> free = new ArrayDeque<>();
    int count = 0;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      for (Comp c : s.src()) {
        if (c.kind() == REG && lastUse[c.id()] == i) {
          lastUse[c.id()] = -2;
          free.push(physical[c.id()]);
        }
      }
      for (Comp d : s.dst()) {
        if (d.kind() == REG) {
          physical[d.id()] = free.isEmpty() ? count++ : free.pop();
        }
      }
      for (Comp d : s.dst()) {
        if (d.kind() == REG && lastUse[d.id()] == -1) {
          free.push(physical[d.id()]);
        }
      }
    }
    return count;
  }

  private static int slot(Comp c, int[] physical, int firstRegister, int firstAcc) {
    return switch (c.kind()) {
      case SCALAR -> -1;
      case COLUMN -> c.id();
      case REG -> firstRegister + physical[c.id()];
      default -> firstAcc + c.id();
    };
  }
}
