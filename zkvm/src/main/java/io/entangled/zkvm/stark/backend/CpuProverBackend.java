package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.RowBlockEvaluator;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import io.entangled.zkvm.stark.poly.Ntt;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** The pure-Java backend: NTTs, hashing and constraint evaluation on a fork-join pool. */
public final class CpuProverBackend implements ProverBackend {
  private static final int BLOCK = 512;
  private final ForkJoinPool pool;

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
        .mapToObj(c -> Ntt.cosetLowDegreeExtend(columns[c], logBlowup, shift, inner))
        .toArray(long[][]::new)).join();
  }

  @Override
  public long[][] interpolateCoset(long[][] evaluations, long shift) {
    ForkJoinPool inner = inner(evaluations.length);
    return pool.submit(() -> IntStream.range(0, evaluations.length).parallel().mapToObj(c -> {
      long[] a = evaluations[c].clone();
      Ntt.interpolateCoset(a, shift, inner);
      return a;
    }).toArray(long[][]::new)).join();
  }

  @Override
  public long[][] evaluateOnCoset(long[][] coefficients, int size, long shift) {
    ForkJoinPool inner = inner(coefficients.length);
    return pool.submit(() -> IntStream.range(0, coefficients.length).parallel()
        .mapToObj(c -> Ntt.evaluateOnCoset(coefficients[c], size, shift, inner))
        .toArray(long[][]::new)).join();
  }

  @Override
  public MerkleTree commitRows(long[][] columns, int capHeight) {
    return MerkleTree.commit(columns, capHeight, pool);
  }

  @Override
  public long[][] evaluateQuotient(QuotientInputs in) {
    int m = 1 << (in.logHeight() + in.logBlowup());
    int n = 1 << in.logHeight();
    long[][] out = {new long[m], new long[m]};
    RowBlockEvaluator ev = new RowBlockEvaluator(in.main(), in.preprocessed(), in.aux(), m,
        1 << in.logBlowup(), in.challenges(), in.publicValues(), in.claimedSums());
    Ext[] alphaPowers = new Ext[in.constraints().size()];
    Ext a = Ext.ONE;
    for (int i = 0; i < alphaPowers.length; i++) {
      alphaPowers[i] = a;
      a = a.mul(in.alpha());
    }
    QuotientGeometry geo = new QuotientGeometry(in.logHeight(), in.logBlowup());
    int blocks = (m + BLOCK - 1) / BLOCK;
    pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> quotientBlock(
        in.constraints(), ev, alphaPowers, geo, b * BLOCK, Math.min(BLOCK, m - b * BLOCK), out)))
        .join();
    return out;
  }

  private static void quotientBlock(List<Constraint> constraints, RowBlockEvaluator ev,
      Ext[] alphaPowers, QuotientGeometry geo, int from, int len, long[][] out) {
    long[][] acc = new long[8][len];
    RowBlockEvaluator.Block[] values = ev.evalAll(constraints.stream().map(Constraint::expr).toList(),
        from, len);
    for (int i = 0; i < constraints.size(); i++) {
      Constraint c = constraints.get(i);
      RowBlockEvaluator.Block v = values[i];
      int k = c.kind().ordinal() * 2;
      long p0 = alphaPowers[i].c0();
      long p1 = alphaPowers[i].c1();
      for (int r = 0; r < len; r++) {
        long v0 = v.c0()[r];
        long v1 = v.c1() == null ? 0 : v.c1()[r];
        acc[k][r] = Goldilocks.add(acc[k][r], Ext2.mul0(p0, p1, v0, v1));
        acc[k + 1][r] = Goldilocks.add(acc[k + 1][r], Ext2.mul1(p0, p1, v0, v1));
      }
    }
    geo.combine(acc, from, len, out);
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
}
