package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.air.BlockProgram;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.RowBlockEvaluator;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import io.entangled.zkvm.stark.poly.Ntt;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** The pure-Java backend: NTTs, hashing and constraint evaluation on a fork-join pool. */
public final class CpuProverBackend implements ProverBackend {
  /** Rows per block of constraint evaluation: the program's registers stay in L2 (measured). */
  private static final int BLOCK = 512;
  /** Blocks are handed out in this many runs per thread, each with one scratch. */
  private static final int TASKS_PER_THREAD = 4;
  private final ForkJoinPool pool;
  private final ColumnPool columnPool = ColumnPool.shared();

  public CpuProverBackend() {
    this(ProverPool.defaultPool());
  }

  public CpuProverBackend(ForkJoinPool pool) {
    this.pool = pool;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  private ForkJoinPool inner(int columns) {
    return columns >= pool.getParallelism() ? null : pool;
  }

  @Override
  public long[][] lowDegreeExtend(long[][] columns, int logBlowup) {
    if (columns.length == 0) {
      return columns;
    }
    int m = columns[0].length << logBlowup;
    long shift = Goldilocks.cosetShift(Integer.numberOfTrailingZeros(m));
    ForkJoinPool inner = inner(columns.length);
    return pool.submit(() -> IntStream.range(0, columns.length).parallel()
        .mapToObj(c -> Ntt.cosetLowDegreeExtend(columns[c], logBlowup, shift, inner, columnPool))
        .toArray(long[][]::new)).join();
  }

  @Override
  public long[][] interpolateCoset(long[][] evaluations, long shift) {
    ForkJoinPool inner = inner(evaluations.length);
    return pool.submit(() -> IntStream.range(0, evaluations.length).parallel().mapToObj(c -> {
      long[] a = columnPool.copyOf(evaluations[c]);
      Ntt.interpolateCoset(a, shift, inner);
      return a;
    }).toArray(long[][]::new)).join();
  }

  @Override
  public long[][] evaluateOnCoset(long[][] coefficients, int size, long shift) {
    ForkJoinPool inner = inner(coefficients.length);
    return pool.submit(() -> IntStream.range(0, coefficients.length).parallel()
        .mapToObj(c -> Ntt.evaluateOnCoset(coefficients[c], columnPool.take(size), shift, inner))
        .toArray(long[][]::new)).join();
  }

  @Override
  public MerkleTree commitRows(long[][] columns, int capHeight) {
    return MerkleTree.commit(columns, capHeight, pool);
  }

  @Override
  public long[][] evaluateQuotient(QuotientInputs in) {
    int m = 1 << (in.logHeight() + in.logBlowup());
    long[][] out = {columnPool.take(m), columnPool.take(m)};
    BlockProgram program = quotientProgram(in, m);
    QuotientGeometry geo = new QuotientGeometry(in.logHeight(), in.logBlowup());
    int blocks = (m + BLOCK - 1) / BLOCK;
    int tasks = Math.min(blocks, TASKS_PER_THREAD * pool.getParallelism());
    pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(t -> {
      BlockProgram.Scratch scratch = program.newScratch(Math.min(BLOCK, m));
      for (int b = t * blocks / tasks; b < (t + 1) * blocks / tasks; b++) {
        int from = b * BLOCK;
        int len = Math.min(BLOCK, m - from);
        program.run(from, len, scratch);
        geo.combine(program.accumulators(scratch), from, len, out);
      }
    })).join();
    return out;
  }

  /**
   * The constraints compiled into one program that adds α^i · C_i to the accumulator pair of C_i's
   * kind (every row, transition, first, last), the pairs {@link QuotientGeometry#combine} reads.
   */
  private static BlockProgram quotientProgram(QuotientInputs in, int m) {
    RowBlockEvaluator ev = new RowBlockEvaluator(in.main(), in.preprocessed(), in.aux(), m,
        1 << in.logBlowup(), in.challenges(), in.publicValues(), in.claimedSums());
    List<Constraint> constraints = in.constraints();
    Ext[] alphaPowers = new Ext[constraints.size()];
    int[] pair = new int[constraints.size()];
    Ext a = Ext.ONE;
    for (int i = 0; i < alphaPowers.length; i++) {
      alphaPowers[i] = a;
      a = a.mul(in.alpha());
      pair[i] = constraints.get(i).kind().ordinal();
    }
    return ev.compileCombination(constraints.stream().map(Constraint::expr).toList(), alphaPowers,
        pair, Constraint.Kind.values().length);
  }

  /** Selector and vanishing-polynomial values on the LDE coset of a table. */
  static final class QuotientGeometry {
    private final int logBlowup;
    private final long shift;
    private final long omegaM;
    private final long omegaNInv;
    private final long[] zInv;

    QuotientGeometry(int logHeight, int logBlowup) {
      this.logBlowup = logBlowup;
      int logM = logHeight + logBlowup;
      this.shift = Goldilocks.cosetShift(logM);
      this.omegaM = Goldilocks.rootOfUnity(logM);
      this.omegaNInv = Goldilocks.inv(Goldilocks.rootOfUnity(logHeight));
      long sn = Goldilocks.pow(shift, 1L << logHeight);
      long wb = Goldilocks.rootOfUnity(logBlowup);
      long[] z = new long[1 << logBlowup];
      long w = 1;
      for (int i = 0; i < z.length; i++) {
        z[i] = Goldilocks.sub(Goldilocks.mul(sn, w), 1);
        w = Goldilocks.mul(w, wb);
      }
      this.zInv = Goldilocks.batchInverse(z);
    }

    void combine(long[][] acc, int from, int len, long[][] out) {
      long[] y = new long[len];
      long[] dFirst = new long[len];
      long[] dLast = new long[len];
      long x = Goldilocks.mul(shift, Goldilocks.pow(omegaM, from));
      for (int r = 0; r < len; r++) {
        y[r] = x;
        dFirst[r] = Goldilocks.sub(x, 1);
        dLast[r] = Goldilocks.sub(x, omegaNInv);
        x = Goldilocks.mul(x, omegaM);
      }
      long[] invFirst = Goldilocks.batchInverse(dFirst);
      long[] invLast = Goldilocks.batchInverse(dLast);
      int mask = (1 << logBlowup) - 1;
      for (int r = 0; r < len; r++) {
        long zi = zInv[(from + r) & mask];
        long t = dLast[r];
        long q0 = Goldilocks.mul(Goldilocks.add(acc[0][r], Goldilocks.mul(t, acc[2][r])), zi);
        long q1 = Goldilocks.mul(Goldilocks.add(acc[1][r], Goldilocks.mul(t, acc[3][r])), zi);
        q0 = Goldilocks.add(q0, Goldilocks.mul(acc[4][r], invFirst[r]));
        q1 = Goldilocks.add(q1, Goldilocks.mul(acc[5][r], invFirst[r]));
        q0 = Goldilocks.add(q0, Goldilocks.mul(acc[6][r], invLast[r]));
        q1 = Goldilocks.add(q1, Goldilocks.mul(acc[7][r], invLast[r]));
        out[0][from + r] = q0;
        out[1][from + r] = q1;
      }
    }
  }

  @Override
  public long[][] deepQuotient(long[][] columns, Ext[] weightsAtZ, Ext[] weightsAtNext,
      Ext constZ, Ext constNext, Ext z, Ext zNext, int logM) {
    return DeepKernel.quotient(columns, weightsAtZ, weightsAtNext, constZ, constNext, z, zNext,
        logM, pool, columnPool);
  }

  @Override
  public long[][] logUpColumns(TableDef def, long[][] main, long[][] preprocessed,
      Ext[] challenges, long[] publicValues) {
    return LogUpKernel.columns(def, main, preprocessed, challenges, publicValues, pool, columnPool);
  }

  @Override
  public Ext[][] valuesAtAndNext(long[][] columns, int logN, Ext z) {
    return OutOfDomain.valuesAtAndNext(columns, logN, z, pool);
  }

  @Override
  public long[][] friFold(long[] c0, long[] c1, long shift, Ext beta) {
    return FriFolding.foldVector(c0, c1, shift, beta, pool, columnPool);
  }
}
