package io.entangled.chains.spi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable, self-validating configuration of one source chain.
 *
 * @param id short name used in the API and logs, e.g. {@code eth-devnet}
 * @param kind adapter family, e.g. {@code ethereum}, {@code optimism}, {@code bitcoin}
 * @param chainId numeric id folded into the entangled root (EVM chain id; for Bitcoin-family chains
 *     a configured number)
 * @param rpcUrls sources tried in order, with fail-over
 * @param confirmations a block at height h is final once {@code head - h >= confirmations}
 * @param useFinalizedTag when true and the source reports a finalized height, that height decides
 *     finality instead of the depth
 * @param pollInterval how often the relayer polls the head
 * @param enabled disabled chains are listed but not ingested
 * @param options family-specific settings (network name, source type, trusted start, ...)
 */
public record ChainSpec(
    String id,
    String kind,
    long chainId,
    List<URI> rpcUrls,
    int confirmations,
    boolean useFinalizedTag,
    Duration pollInterval,
    boolean enabled,
    Map<String, String> options) {

  public ChainSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "id '" + id + "' must be 1-63 lower-case letters, digits or '-'");
    }
    if (chainId < 0) {
      throw new IllegalArgumentException("chain-id must not be negative, got " + chainId);
    }
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations must not be negative, got " + confirmations);
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll-interval must be positive, got " + pollInterval);
    }
    rpcUrls = List.copyOf(rpcUrls == null ? List.of() : rpcUrls);
    options = Map.copyOf(options == null ? Map.of() : options);
  }

  /** The option's value, or {@code fallback} when absent. */
  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
