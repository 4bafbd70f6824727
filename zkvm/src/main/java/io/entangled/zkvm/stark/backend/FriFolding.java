package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Binary FRI folding: with f(x) = e(x^2) + x·o(x^2), the fold is e + β·o, computed from f(x) and
 * f(−x) as (f(x) + f(−x))/2 + β·(f(x) − f(−x))/(2x). An arity-2^k layer folds k times with β, β^2,
 * β^4, ...
 */
public final class FriFolding {
  private static final long HALF = Goldilocks.inv(2);

  private FriFolding() {}

  /** Folds evaluations on shift·⟨ω_L⟩ (natural order) into L/2 values on shift^2·⟨ω_(L/2)⟩. */
  public static long[][] foldVector(long[] c0, long[] c1, long shift, Ext beta, ForkJoinPool pool,
      ColumnPool columnPool) {
    int half = c0.length / 2;
    int logL = Integer.numberOfTrailingZeros(c0.length);
    long wInv = Goldilocks.inv(Goldilocks.rootOfUnity(logL));
    long base = Goldilocks.mul(HALF, Goldilocks.inv(shift));
    long[] o0 = columnPool.take(half);
    long[] o1 = columnPool.take(half);
    int chunk = Math.max(1024, half / 64);
    int chunks = (half + chunk - 1) / chunk;
    Runnable work = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = c * chunk;
      int to = Math.min(half, from + chunk);
      long inv2x = Goldilocks.mul(base, Goldilocks.pow(wInv, from));
      for (int i = from; i < to; i++) {
        long s0 = Goldilocks.mul(Goldilocks.add(c0[i], c0[i + half]), HALF);
        long s1 = Goldilocks.mul(Goldilocks.add(c1[i], c1[i + half]), HALF);
        long d0 = Goldilocks.mul(Goldilocks.sub(c0[i], c0[i + half]), inv2x);
        long d1 = Goldilocks.mul(Goldilocks.sub(c1[i], c1[i + half]), inv2x);
        o0[i] = Goldilocks.add(s0, Ext2.mul0(beta.c0(), beta.c1(), d0, d1));
        o1[i] = Goldilocks.add(s1, Ext2.mul1(beta.c0(), beta.c1(), d0, d1));
        inv2x = Goldilocks.mul(inv2x, wInv);
      }
    });
    if (pool == null) {
      work.run();
    } else {
      pool.submit(work).join();
    }
    return new long[][] {o0, o1};
  }

  /**
   * Folds one leaf: values at X·ω_a^j (j < a) to the value at X^a of the next layer, with β for the
   * first binary fold, β^2 for the second, ...
   */
  public static Ext foldLeaf(Ext[] values, long x, Ext beta) {
    Ext[] v = values.clone();
    int len = v.length;
    long point = x;
    Ext b = beta;
    while (len > 1) {
      int h = len / 2;
      long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(len));
      long xj = point;
      for (int j = 0; j < h; j++) {
        Ext sum = v[j].add(v[j + h]).mul(HALF);
        Ext diff = v[j].sub(v[j + h]).mul(Goldilocks.inv(Goldilocks.mul(2, xj)));
        v[j] = sum.add(b.mul(diff));
        xj = Goldilocks.mul(xj, w);
      }
      point = Goldilocks.mul(point, point);
      b = b.square();
      len = h;
    }
    return v[0];
  }
}
