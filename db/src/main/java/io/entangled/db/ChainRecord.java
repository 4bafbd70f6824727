package io.entangled.db;

import java.time.Instant;

/** A row of {@code chain}: a configured source chain and its ingestion state. */
public record ChainRecord(
    String id,
    String kind,
    long chainId,
    boolean enabled,
    ChainStatus status,
    String statusReason,
    Long headHeight,
    byte[] headHash,
    Instant headSeenAt,
    Long finalizedHeight,
    long reorgCount,
    Instant updatedAt) {

  /** Blocks between the head seen and the last finalized checkpoint, when both are known. */
  public Long lag() {
    return headHeight == null || finalizedHeight == null ? null : headHeight - finalizedHeight;
  }
}
