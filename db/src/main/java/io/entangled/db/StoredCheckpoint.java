package io.entangled.db;

import java.time.Instant;

/** A row of {@code checkpoint}: a verified header of a source chain. */
public record StoredCheckpoint(
    String chain,
    long height,
    byte[] hash,
    byte[] parentHash,
    byte[] stateCommitment,
    Instant blockTime,
    byte[] rawHeader,
    boolean finalized,
    Instant orphanedAt,
    Long usedByEpoch) {

  public boolean canonical() {
    return orphanedAt == null;
  }
}
