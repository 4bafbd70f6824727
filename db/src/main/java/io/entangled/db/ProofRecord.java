package io.entangled.db;

import java.time.Instant;

/** A row of {@code proof} without the proof bytes themselves (see {@link ProofRepository#bytes}). */
public record ProofRecord(
    long id,
    Long epoch,
    String status,
    String backend,
    byte[] programHash,
    byte[] publicValues,
    Long cycles,
    Integer segments,
    Long sizeBytes,
    Long proveMillis,
    Long verifyMillis,
    String error,
    Instant createdAt,
    Instant updatedAt) {}
