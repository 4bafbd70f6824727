package io.entangled.relayer.api;

import io.entangled.db.ChainRecord;
import io.entangled.db.EpochLeafRecord;
import io.entangled.db.EpochRecord;
import io.entangled.db.JobRunRecord;
import io.entangled.db.ProofRecord;
import io.entangled.db.RelayRecord;
import io.entangled.db.StoredCheckpoint;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API (hashes as 0x-hex). */
final class Views {
  private Views() {}

  record Chain(
      String id,
      String kind,
      long chainId,
      boolean enabled,
      String status,
      String statusReason,
      Long headHeight,
      String headHash,
      Instant headSeenAt,
      Checkpoint lastFinalized,
      Long lag,
      long reorgs) {
    static Chain of(ChainRecord c, StoredCheckpoint finalized) {
      return new Chain(
          c.id(), c.kind(), c.chainId(), c.enabled(), c.status().name(), c.statusReason(),
          c.headHeight(), Hex.of(c.headHash()), c.headSeenAt(),
          finalized == null ? null : Checkpoint.of(finalized), c.lag(), c.reorgCount());
    }
  }

  record Checkpoint(
      long height,
      String hash,
      String parentHash,
      String stateCommitment,
      Instant blockTime,
      boolean finalized,
      Instant orphanedAt,
      Long usedByEpoch) {
    static Checkpoint of(StoredCheckpoint c) {
      return new Checkpoint(
          c.height(), Hex.of(c.hash()), Hex.of(c.parentHash()), Hex.of(c.stateCommitment()),
          c.blockTime(), c.finalized(), c.orphanedAt(), c.usedByEpoch());
    }
  }

  record Epoch(
      long number,
      String status,
      String prevRoot,
      String entangledRoot,
      String epochRecord,
      int leafCount,
      Instant createdAt,
      Instant updatedAt,
      List<Leaf> leaves) {
    static Epoch of(EpochRecord e, List<EpochLeafRecord> leaves) {
      return new Epoch(
          e.number(), e.status(), Hex.of(e.prevRoot()), Hex.of(e.entangledRoot()),
          Hex.of(e.epochRecord()), e.leafCount(), e.createdAt(), e.updatedAt(),
          leaves == null ? null : leaves.stream().map(Leaf::of).toList());
    }
  }

  record Leaf(String chain, long chainId, long height, String blockHash, String stateCommitment, String leaf) {
    static Leaf of(EpochLeafRecord l) {
      return new Leaf(
          l.chain(), l.chainId(), l.height(), Hex.of(l.blockHash()), Hex.of(l.stateCommitment()),
          Hex.of(l.leaf()));
    }
  }

  record Proof(
      long id,
      Long epoch,
      String status,
      String backend,
      String programHash,
      String publicValues,
      Long cycles,
      Integer segments,
      Long sizeBytes,
      Long proveMillis,
      Long verifyMillis,
      String error,
      Instant createdAt,
      Instant updatedAt) {
    static Proof of(ProofRecord p) {
      return new Proof(
          p.id(), p.epoch(), p.status(), p.backend(), Hex.of(p.programHash()), Hex.of(p.publicValues()),
          p.cycles(), p.segments(), p.sizeBytes(), p.proveMillis(), p.verifyMillis(), p.error(),
          p.createdAt(), p.updatedAt());
    }
  }

  record Relay(
      long id,
      long epoch,
      String target,
      String status,
      String txHash,
      Long nonce,
      String fee,
      int confirmations,
      String error,
      Instant createdAt,
      Instant updatedAt) {
    static Relay of(RelayRecord r) {
      return new Relay(
          r.id(), r.epoch(), r.target(), r.status(), Hex.of(r.txHash()), r.nonce(),
          r.fee() == null ? null : r.fee().toString(), r.confirmations(), r.error(), r.createdAt(),
          r.updatedAt());
    }
  }

  record JobRun(
      long id, String job, String node, boolean recovering, Instant scheduledFireTime,
      Instant startedAt, Instant finishedAt, String outcome, String message) {
    static JobRun of(JobRunRecord r) {
      return new JobRun(
          r.id(), r.jobName(), r.node(), r.recovering(), r.scheduledFireTime(), r.startedAt(),
          r.finishedAt(), r.outcome(), r.message());
    }
  }
}
