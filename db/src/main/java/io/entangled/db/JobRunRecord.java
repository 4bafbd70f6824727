package io.entangled.db;

import java.time.Instant;

/** A row of {@code job_run}: one execution of a scheduled job on one node. */
public record JobRunRecord(
    long id,
    String jobName,
    String fireInstanceId,
    Instant scheduledFireTime,
    String node,
    boolean recovering,
    Instant startedAt,
    Instant finishedAt,
    String outcome,
    String message) {}
