package io.entangled.chains.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.spi.ChainSourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingTest {
  private final List<Duration> waits = new ArrayList<>();
  private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 0.5);
  private final Retrying retrying = new Retrying(policy, waits::add, new Random(42));

  @Test
  void retriesSourceFailuresWithGrowingCappedBackoff() {
    AtomicInteger calls = new AtomicInteger();
    String result = retrying.call("op", () -> {
      if (calls.incrementAndGet() < 4) {
        throw new ChainSourceException("down");
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(4);
    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastError() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retrying.call("op", () -> {
      throw new ChainSourceException("down " + calls.incrementAndGet());
    })).isInstanceOf(ChainSourceException.class).hasMessage("down 4");
    assertThat(waits).hasSize(3);
  }

  @Test
  void doesNotRetryOtherFailures() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retrying.call("op", () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("bug");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void jitterSpreadsWaitsAndZeroJitterIsExact() {
    RetryPolicy exact = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10), 0);
    assertThat(exact.backoff(1, new Random(1))).isEqualTo(Duration.ofMillis(100));
    assertThat(exact.backoff(5, new Random(1))).isEqualTo(Duration.ofMillis(1600));
    assertThat(exact.backoff(200, new Random(1))).isEqualTo(Duration.ofSeconds(10));
    Random r = new Random(7);
    long distinct = java.util.stream.IntStream.range(0, 20)
        .mapToObj(i -> policy.backoff(1, r)).distinct().count();
    assertThat(distinct).isGreaterThan(1);
  }

  @Test
  void interruptedWaitRestoresTheFlag() {
    Retrying interrupted = new Retrying(policy, d -> {
      throw new InterruptedException();
    }, new Random(1));
    assertThatThrownBy(() -> interrupted.call("op", () -> {
      throw new ChainSourceException("down");
    })).hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void rejectsBadPolicies() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
        .hasMessageContaining("retry-attempts");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .hasMessageContaining("backoff");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.5))
        .hasMessageContaining("jitter");
  }
}
