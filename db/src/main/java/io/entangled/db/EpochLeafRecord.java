package io.entangled.db;

/** A row of {@code epoch_leaf}: one chain's checkpoint folded into an epoch's root. */
public record EpochLeafRecord(
    long epoch,
    String chain,
    long chainId,
    long height,
    byte[] blockHash,
    byte[] stateCommitment,
    byte[] leaf) {}
