package io.entangled.relayer.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The whole validated {@code entangled.*} configuration. */
public record RelayerSettings(
    String nodeName,
    List<ChainSettings> chains,
    List<TargetSettings> targets,
    ProverSettings prover,
    Optional<ApiToken> apiToken,
    JobSettings jobs) {

  public Optional<ChainSettings> chain(String id) {
    return chains.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** {@code entangled.prover.*}, validated. */
  public record ProverSettings(String backend, long segmentCycles, int threads) {}

  /** {@code entangled.jobs.*}, validated. */
  public record JobSettings(
      Duration aggregateInterval,
      Duration proveInterval,
      Duration relayInterval,
      Duration ingestBudget,
      Duration jobRunRetention) {}
}
