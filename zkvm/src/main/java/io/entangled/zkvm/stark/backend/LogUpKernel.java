package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.air.BlockProgram;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.RowBlockEvaluator;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Builds a table's auxiliary (LogUp) columns on the trace domain: per interaction group (see {@link
 * TableDef#auxGroups}) the sum of its members' terms ±m/(α − h) of every row, then the running sum
 * of all of them, whose last value is the table's claimed sum.
 *
 * <p>Every fingerprint and multiplicity of the table is one compiled program (shared
 * sub-expressions, such as the powers of β, are computed once per block), and the denominators are
 * inverted through their norms: 1/(d0 + d1·u) = (d0 − d1·u)/(d0² − W·d1²), with the norms of all
 * interactions of a block in one base-field batch inversion.
 */
public final class LogUpKernel {
  /** Rows per block: the program's registers and the block's denominators stay in L2. */
  private static final int BLOCK = 1024;
  /** Blocks are handed out in this many runs per thread, each with one working set. */
  private static final int TASKS_PER_THREAD = 4;

  private LogUpKernel() {}

  /**
   * The aux columns as (c0, c1) pairs, the last pair the running sum (its last row is the table's
   * claimed sum); see {@link ProverBackend#logUpColumns}. Throws {@link ArithmeticException} when a
   * denominator vanishes.
   */
  public static long[][] columns(TableDef def, long[][] main, long[][] pre, Ext[] challenges,
      long[] publics, ForkJoinPool pool, ColumnPool columnPool) {
    int n = main.length > 0 ? main[0].length : pre[0].length;
    List<Interaction> its = def.interactions();
    List<int[]> groups = def.auxGroups();
    long[][] cols = columnPool.takeZeroed(2 * def.auxWidth(), n);
    int[] groupOf = new int[its.size()];
    for (int g = 0; g < groups.size(); g++) {
      for (int k : groups.get(g)) {
        groupOf[k] = g;
      }
    }
    RowBlockEvaluator ev = new RowBlockEvaluator(main, pre, new long[0][], n, 1, challenges, publics,
        new Ext[0]);
    List<Expr> roots = new ArrayList<>();
    for (Interaction it : its) {
      roots.add(it.fingerprint());
      roots.add(it.multiplicity());
    }
    BlockProgram program = ev.compile(roots);
    int block = Math.min(BLOCK, n);
    int blocks = (n + block - 1) / block;
    int tasks = Math.min(blocks, TASKS_PER_THREAD * pool.getParallelism());
    pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(t -> {
      Terms terms = new Terms(program, its, groupOf, challenges[0], block);
      for (int b = t * blocks / tasks; b < (t + 1) * blocks / tasks; b++) {
        terms.addBlock(b * block, Math.min(block, n - b * block), cols);
      }
    })).join();
    int acc = groups.size();
    long[] out0 = cols[2 * acc];
    long[] out1 = cols[2 * acc + 1];
    long s0 = 0;
    long s1 = 0;
    for (int r = 0; r < n; r++) {
      for (int g = 0; g < groups.size(); g++) {
        s0 = Goldilocks.add(s0, cols[2 * g][r]);
        s1 = Goldilocks.add(s1, cols[2 * g + 1][r]);
      }
      out0[r] = s0;
      out1[r] = s1;
    }
    return cols;
  }

  /** One thread's working set: the program's scratch and the block's denominators. */
  private static final class Terms {
    private final BlockProgram program;
    private final List<Interaction> its;
    private final int[] groupOf;
    private final long alpha0;
    private final long alpha1;
    private final BlockProgram.Scratch scratch;
    private final long[][] d0;
    private final long[][] d1;
    private final long[] norms;
    private final long[] inverses;
    private final long[] v0;
    private final long[] v1;

    Terms(BlockProgram program, List<Interaction> its, int[] groupOf, Ext alpha, int block) {
      this.program = program;
      this.its = its;
      this.groupOf = groupOf;
      this.alpha0 = alpha.c0();
      this.alpha1 = alpha.c1();
      this.scratch = program.newScratch(block);
      this.d0 = new long[its.size()][block];
      this.d1 = new long[its.size()][block];
      this.norms = new long[its.size() * block];
      this.inverses = new long[its.size() * block];
      this.v0 = new long[block];
      this.v1 = new long[block];
    }

    /** Adds ±m/(α − h) of every interaction of rows [from, from + len) to its group's column. */
    void addBlock(int from, int len, long[][] cols) {
      program.run(from, len, scratch);
      int count = its.size();
      for (int k = 0; k < count; k++) {
        boolean ext = program.outputInto(2 * k, v0, v1, len, scratch);
        long[] e0 = d0[k];
        long[] e1 = d1[k];
        int base = k * len;
        for (int r = 0; r < len; r++) {
          long x0 = Goldilocks.sub(alpha0, v0[r]);
          long x1 = ext ? Goldilocks.sub(alpha1, v1[r]) : alpha1;
          e0[r] = x0;
          e1[r] = x1;
          norms[base + r] = Ext2.norm(x0, x1);
        }
      }
      Goldilocks.batchInverse(norms, inverses, 0, count * len);
      for (int k = 0; k < count; k++) {
        boolean ext = program.outputInto(2 * k + 1, v0, v1, len, scratch);
        boolean send = its.get(k).send();
        long[] out0 = cols[2 * groupOf[k]];
        long[] out1 = cols[2 * groupOf[k] + 1];
        long[] e0 = d0[k];
        long[] e1 = d1[k];
        int base = k * len;
        for (int r = 0; r < len; r++) {
          long ni = inverses[base + r];
          long i0 = Goldilocks.mul(e0[r], ni);
          long i1 = Goldilocks.neg(Goldilocks.mul(e1[r], ni));
          long m0 = send ? v0[r] : Goldilocks.neg(v0[r]);
          long t0;
          long t1;
          if (ext) {
            long m1 = send ? v1[r] : Goldilocks.neg(v1[r]);
            t0 = Ext2.mul0(m0, m1, i0, i1);
            t1 = Ext2.mul1(m0, m1, i0, i1);
          } else {
            t0 = Goldilocks.mul(m0, i0);
            t1 = Goldilocks.mul(m0, i1);
          }
          out0[from + r] = Goldilocks.add(out0[from + r], t0);
          out1[from + r] = Goldilocks.add(out1[from + r], t1);
        }
      }
    }
  }

  /**
   * The terms ±m/(α − h) of one interaction over rows [from, from + len), added into out0/out1:
   * the plain formula, one interaction at a time (the test diagnostics' per-bus sums use it).
   */
  public static void terms(RowBlockEvaluator ev, Interaction it, Ext alpha, int from, int len,
      long[] out0, long[] out1) {
    RowBlockEvaluator.Block h = ev.eval(it.fingerprint(), from, len);
    RowBlockEvaluator.Block m = ev.eval(it.multiplicity(), from, len);
    long[] d0 = new long[len];
    long[] d1 = new long[len];
    for (int r = 0; r < len; r++) {
      d0[r] = Goldilocks.sub(alpha.c0(), h.c0()[r]);
      d1[r] = Goldilocks.sub(alpha.c1(), h.c1() == null ? 0 : h.c1()[r]);
    }
    long[] i0 = new long[len];
    long[] i1 = new long[len];
    Ext2.batchInverse(d0, d1, i0, i1, 0, len);
    for (int r = 0; r < len; r++) {
      long m0 = it.send() ? m.c0()[r] : Goldilocks.neg(m.c0()[r]);
      long m1 = m.c1() == null ? 0 : (it.send() ? m.c1()[r] : Goldilocks.neg(m.c1()[r]));
      out0[from + r] = Goldilocks.add(out0[from + r], Ext2.mul0(m0, m1, i0[r], i1[r]));
      out1[from + r] = Goldilocks.add(out1[from + r], Ext2.mul1(m0, m1, i0[r], i1[r]));
    }
  }
}
