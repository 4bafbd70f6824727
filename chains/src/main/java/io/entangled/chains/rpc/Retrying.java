package io.entangled.chains.rpc;

import io.entangled.chains.spi.ChainSourceException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an operation that failed with a {@link ChainSourceException} (a source that did not
 * answer or answered garbage), waiting as the {@link RetryPolicy} says. Other exceptions (a
 * verification failure, a bug) pass through at once.
 */
public final class Retrying {
  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

  /** Waits; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public Retrying(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** A retrier that really sleeps, with a non-reproducible jitter. */
  public static Retrying withSleep(RetryPolicy policy) {
    return new Retrying(policy, d -> Thread.sleep(d.toMillis()), RandomGenerator.getDefault());
  }

  /** The operation's result, after at most {@code maxAttempts} attempts. */
  public <T> T call(String what, Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (ChainSourceException e) {
        if (attempt >= policy.maxAttempts()) {
          throw e;
        }
        Duration wait = policy.backoff(attempt, random);
        LOG.debug("{} failed (attempt {} of {}), retrying in {} ms: {}", what, attempt,
            policy.maxAttempts(), wait.toMillis(), e.getMessage());
        pause(what, wait);
      }
    }
  }

  private void pause(String what, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainSourceException(what + ": interrupted while waiting to retry");
    }
  }
}
