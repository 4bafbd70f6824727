package io.entangled.db;

import java.time.Instant;

/** A row of {@code epoch}. Roots are null until the epoch is aggregated. */
public record EpochRecord(
    long number,
    String status,
    byte[] prevRoot,
    byte[] entangledRoot,
    byte[] epochRecord,
    int leafCount,
    Instant createdAt,
    Instant updatedAt) {}
