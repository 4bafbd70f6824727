package io.entangled.db;

/** Where a source chain's ingestion stands. */
public enum ChainStatus {
  /** Configured, not polled yet. */
  STARTING,
  /** Catching up: finalized height is far behind what the source already finalized. */
  SYNCING,
  /** Up to date with the source's finalized height. */
  FOLLOWING,
  /** Stopped on purpose (a reorg deeper than finality); an operator must look and resume it. */
  HALTED,
  /** The last poll could not reach any configured source. */
  UNREACHABLE,
  /** Configured with {@code enabled: false}. */
  DISABLED
}
