package io.entangled.relayer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's own metrics, all named {@code entangled_*} in Prometheus: per chain head height,
 * finalized height, lag, halted flag, reorgs and rejected headers; per job duration and failures.
 */
public final class RelayerMetrics {
  private final MeterRegistry registry;
  private final Map<String, ChainGauges> chains = new ConcurrentHashMap<>();

  public RelayerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void head(String chain, long height) {
    gauges(chain).head.set(height);
  }

  public void finalized(String chain, long height) {
    gauges(chain).finalized.set(height);
  }

  public void halted(String chain, boolean halted) {
    gauges(chain).halted.set(halted ? 1 : 0);
  }

  public void reorg(String chain) {
    Counter.builder("entangled.chain.reorgs").tag("chain", chain)
        .description("Reorgs detected below the head").register(registry).increment();
  }

  public void rejectedHeader(String chain, String rule) {
    Counter.builder("entangled.chain.rejected.headers").tag("chain", chain).tag("rule", rule)
        .description("Headers that failed verification and were not stored")
        .register(registry).increment();
  }

  public void sourceError(String chain) {
    Counter.builder("entangled.chain.source.errors").tag("chain", chain)
        .description("Polls on which no configured source answered usefully")
        .register(registry).increment();
  }

  public void jobRun(String job, Duration took, boolean ok) {
    Timer.builder("entangled.job.duration").tag("job", job)
        .description("Duration of scheduled job runs").register(registry).record(took);
    if (!ok) {
      Counter.builder("entangled.job.failures").tag("job", job)
          .description("Scheduled job runs that failed").register(registry).increment();
    }
  }

  private ChainGauges gauges(String chain) {
    return chains.computeIfAbsent(chain, this::register);
  }

  private ChainGauges register(String chain) {
    ChainGauges g = new ChainGauges();
    Gauge.builder("entangled.chain.head.height", g.head, AtomicLong::get).tag("chain", chain)
        .description("Head height last seen at the source").register(registry);
    Gauge.builder("entangled.chain.finalized.height", g.finalized, AtomicLong::get).tag("chain", chain)
        .description("Height of the last finalized checkpoint stored").register(registry);
    Gauge.builder("entangled.chain.lag.blocks", g, ChainGauges::lag).tag("chain", chain)
        .description("Head height minus finalized height").register(registry);
    Gauge.builder("entangled.chain.halted", g.halted, AtomicLong::get).tag("chain", chain)
        .description("1 while ingestion is halted (deep reorg), else 0").register(registry);
    return g;
  }

  private static final class ChainGauges {
    final AtomicLong head = new AtomicLong(-1);
    final AtomicLong finalized = new AtomicLong(-1);
    final AtomicLong halted = new AtomicLong();

    double lag() {
      long h = head.get();
      long f = finalized.get();
      return h < 0 || f < 0 ? Double.NaN : h - f;
    }
  }
}
