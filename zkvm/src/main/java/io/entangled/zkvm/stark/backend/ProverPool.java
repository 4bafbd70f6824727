package io.entangled.zkvm.stark.backend;

import java.util.concurrent.ForkJoinPool;

/**
 * The default fork-join pool of the prover: one worker per available processor. The JDK's common
 * pool has one worker fewer (a single worker on a 2-core machine), which halved proving speed here.
 */
public final class ProverPool {
  private static final ForkJoinPool DEFAULT =
      new ForkJoinPool(Runtime.getRuntime().availableProcessors());

  private ProverPool() {}

  public static ForkJoinPool defaultPool() {
    return DEFAULT;
  }
}
