package io.entangled.chains.rpc;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently to retry: attempt {@code n} (from 1) waits
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}, less a random part of up to {@code jitter}
 * of it, so that many clients do not retry in step.
 *
 * @param maxAttempts total attempts, at least 1 (1 = no retry)
 * @param initialBackoff wait after the first failure
 * @param maxBackoff cap of the wait
 * @param jitter fraction of the wait that is random, 0..1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry-attempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "retry backoff must satisfy 0 <= initial <= max, got " + initialBackoff + ", " + maxBackoff);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("retry jitter must be within 0..1, got " + jitter);
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt, RandomGenerator random) {
    long initial = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long base = initial;
    for (int i = 1; i < attempt && base < cap; i++) {
      base = base > cap / 2 ? cap : base * 2;
    }
    long spread = (long) (base * jitter * random.nextDouble());
    return Duration.ofMillis(base - spread);
  }
}
