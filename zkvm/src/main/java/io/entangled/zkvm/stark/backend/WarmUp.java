package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.field.GoldilocksLanes;
import io.entangled.zkvm.stark.field.Simd;
import io.entangled.zkvm.stark.poly.Ntt;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the prover's kernels compiled before the first proof needs them. Until C2 compiles a Vector
 * API kernel, the JVM runs the API's Java fallback, which allocates for every lane operation: in a
 * cold `zkvm prove`, both cores spent the first half second of the DEEP and quotient phases there
 * (JFR, `-XX:+PrintCompilation`). A daemon thread exercises the kernels while the guest runs and its
 * traces are built, which leaves a core idle; results are discarded.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  /** Calls per kernel: 64 loop iterations each, past the thresholds of tiered compilation for C2. */
  private static final int CALLS = 1_500;
  private static final int ROWS = 512;
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private WarmUp() {}

  /** Starts the warm-up thread once per JVM; returns at once. */
  public static void startOnce() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(WarmUp::exercise, "prover-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void exercise() {
    long t0 = System.nanoTime();
    long[] x = new long[ROWS];
    for (int i = 0; i < ROWS; i++) {
      x[i] = (i * 0x9E37_79B9_7F4A_7C15L) >>> 1;
    }
    long[] lo = new long[ROWS];
    long[] hi = new long[ROWS];
    long[] top = new long[ROWS];
    long[] d = new long[ROWS];
    long[] a = x.clone();
    long[] big = new long[1 << 13];
    for (int i = 0; i < big.length; i++) {
      big[i] = i;
    }
    for (int c = 0; c < CALLS; c++) {
      if (Simd.ENABLED) {
        GoldilocksLanes.butterflies(a, 0, ROWS / 2, x, 0, ROWS / 2);
      }
      Simd.multiplyAccumulate(lo, hi, top, 0, x, 0, c + 1, ROWS);
      Simd.multiplyBy(d, x, 0, c + 3, ROWS);
      d[c % ROWS] = Simd.dot(x, 0, d, 0, ROWS);
      Simd.multiply(lo, x, 0, d, 0, ROWS);
      Simd.add(hi, x, 0, d, 0, ROWS);
      Simd.subtract(hi, hi, 0, lo, 0, ROWS);
      Arrays.fill(lo, 0);
      Arrays.fill(hi, 0);
      if (c % 10 == 0) {
        Arrays.fill(top, 0);
        // beyond 2^12 entries, so that the radix-4 steps of large transforms are compiled too
        Ntt.cosetLowDegreeExtend(big, 1, 7, null);
      }
    }
    LOG.debug("kernels exercised in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }
}
