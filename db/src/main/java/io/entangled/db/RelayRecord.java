package io.entangled.db;

import java.math.BigInteger;
import java.time.Instant;

/** A row of {@code relay}: one epoch root sent (or to be sent) to one target chain. */
public record RelayRecord(
    long id,
    long epoch,
    String target,
    String status,
    byte[] txHash,
    Long nonce,
    BigInteger fee,
    int confirmations,
    String error,
    Instant createdAt,
    Instant updatedAt) {}
