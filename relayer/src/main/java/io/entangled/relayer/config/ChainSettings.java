package io.entangled.relayer.config;

import io.entangled.chains.spi.ChainSpec;

/**
 * A validated source chain: the library-level {@link ChainSpec} plus what only the relayer's
 * ingestion uses.
 *
 * @param startHeight first height to ingest when nothing is stored; null means the first final
 *     height seen
 * @param batchSize headers per fetch
 */
public record ChainSettings(ChainSpec spec, Long startHeight, int batchSize) {
  public String id() {
    return spec.id();
  }
}
