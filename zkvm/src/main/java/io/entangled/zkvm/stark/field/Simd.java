package io.entangled.zkvm.stark.field;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the prover's hot loops run on SIMD lanes ({@link GoldilocksLanes}, JDK Vector API,
 * incubating). True when the JVM was started with {@code --add-modules jdk.incubator.vector}, the
 * preferred vector holds at least four longs, the system property {@code entangled.zkvm.vector} is
 * not {@code false}, and the kernels agree with the scalar formulas on a self-test at class load.
 * Otherwise callers use their scalar loops; results are identical either way.
 */
public final class Simd {
  private static final Logger LOG = LoggerFactory.getLogger(Simd.class);
  /** The largest block any caller hands the kernels in one run must be a multiple of lanes. */
  private static final int MAX_LANES = 64;

  /** True when {@link GoldilocksLanes} may be called. */
  public static final boolean ENABLED = usable();

  private Simd() {}

  /** "vector (N lanes)" or "scalar". */
  public static String describe() {
    return ENABLED ? "vector (" + GoldilocksLanes.LANES + " lanes)" : "scalar";
  }

  private static boolean usable() {
    if (!Boolean.parseBoolean(System.getProperty("entangled.zkvm.vector", "true"))) {
      return false;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.info("prover on scalar kernels; start the JVM with --add-modules jdk.incubator.vector"
          + " for the SIMD ones (NTT about 1.7x faster)");
      return false;
    }
    try {
      int lanes = GoldilocksLanes.LANES;
      if (lanes >= 4 && MAX_LANES % lanes == 0 && GoldilocksLanes.agreesWithScalar()) {
        return true;
      }
      LOG.warn("prover on scalar kernels: the SIMD kernels are unusable on this JVM ({} lanes)",
          lanes);
    } catch (LinkageError e) {
      LOG.warn("prover on scalar kernels: this JVM's jdk.incubator.vector does not link ({})",
          e.toString());
    }
    return false;
  }

  /**
   * (top, hi, lo)[a + i] += k·x[xo + i] as 192-bit integers for i in [0, count): on lanes when
   * {@link #ENABLED}, else {@link Goldilocks#multiplyAccumulate}.
   */
  public static void multiplyAccumulate(long[] lo, long[] hi, long[] top, int a, long[] x, int xo,
      long k, int count) {
    if (ENABLED) {
      GoldilocksLanes.multiplyAccumulate(lo, hi, top, a, x, xo, k, count);
    } else {
      Goldilocks.multiplyAccumulate(lo, hi, top, a, x, xo, k, count);
    }
  }

  /**
   * Σ x[xo + i]·y[yo + i] (mod p), canonical, for i in [0, count): on lanes when {@link #ENABLED},
   * else {@link Goldilocks#dot}.
   */
  public static long dot(long[] x, int xo, long[] y, int yo, int count) {
    return ENABLED ? GoldilocksLanes.dot(x, xo, y, yo, count) : Goldilocks.dot(x, xo, y, yo, count);
  }

  /** d[i] = a[ao + i]·b[bo + i] (mod p), canonical inputs and results; d may be a or b at offset 0. */
  public static void multiply(long[] d, long[] a, int ao, long[] b, int bo, int count) {
    if (ENABLED) {
      GoldilocksLanes.multiply(d, a, ao, b, bo, count);
    } else {
      for (int i = 0; i < count; i++) {
        d[i] = Goldilocks.mul(a[ao + i], b[bo + i]);
      }
    }
  }

  /** d[i] = a[ao + i] + b[bo + i] (mod p), canonical inputs and results; d may be a or b at 0. */
  public static void add(long[] d, long[] a, int ao, long[] b, int bo, int count) {
    if (ENABLED) {
      GoldilocksLanes.add(d, a, ao, b, bo, count);
    } else {
      for (int i = 0; i < count; i++) {
        d[i] = Goldilocks.add(a[ao + i], b[bo + i]);
      }
    }
  }

  /** d[i] = a[ao + i] − b[bo + i] (mod p), canonical inputs and results; d may be a or b at 0. */
  public static void subtract(long[] d, long[] a, int ao, long[] b, int bo, int count) {
    if (ENABLED) {
      GoldilocksLanes.subtract(d, a, ao, b, bo, count);
    } else {
      for (int i = 0; i < count; i++) {
        d[i] = Goldilocks.sub(a[ao + i], b[bo + i]);
      }
    }
  }

  /** d[i] = a[ao + i]·k (mod p), canonical, for i in [0, count); on lanes when {@link #ENABLED}. */
  public static void multiplyBy(long[] d, long[] a, int ao, long k, int count) {
    if (ENABLED) {
      GoldilocksLanes.multiplyBy(d, a, ao, k, count);
    } else {
      Goldilocks.multiplyBy(d, 0, a, ao, k, count);
    }
  }
}
