package io.entangled.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verified headers per chain. Writes that touch several rows (a batch of new checkpoints with the
 * chain's finalized height, or the orphaning of a reorged branch) each run in one transaction.
 */
public class CheckpointRepository {
  private final Database db;
  private final JdbcClient jdbc;

  public CheckpointRepository(Database db) {
    this.db = db;
    this.jdbc = db.jdbc();
  }

  public Optional<StoredCheckpoint> latestCanonical(String chain) {
    return jdbc.sql(
            """
            SELECT * FROM checkpoint WHERE chain = :chain AND orphaned_at IS NULL
            ORDER BY height DESC LIMIT 1
            """)
        .param("chain", chain)
        .query(CheckpointRepository::map)
        .optional();
  }

  public Optional<StoredCheckpoint> latestFinalized(String chain) {
    return jdbc.sql(
            "SELECT * FROM checkpoint WHERE chain = :chain AND finalized ORDER BY height DESC LIMIT 1")
        .param("chain", chain)
        .query(CheckpointRepository::map)
        .optional();
  }

  public Optional<StoredCheckpoint> canonicalAt(String chain, long height) {
    return jdbc.sql(
            """
            SELECT * FROM checkpoint WHERE chain = :chain AND height = :height AND orphaned_at IS NULL
            """)
        .param("chain", chain)
        .param("height", height)
        .query(CheckpointRepository::map)
        .optional();
  }

  /** Canonical checkpoints from {@code fromHeight} upwards, at most {@code limit}. */
  public List<StoredCheckpoint> canonicalFrom(String chain, long fromHeight, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM checkpoint WHERE chain = :chain AND height >= :from AND orphaned_at IS NULL
            ORDER BY height LIMIT :limit
            """)
        .param("chain", chain)
        .param("from", fromHeight)
        .param("limit", limit)
        .query(CheckpointRepository::map)
        .list();
  }

  /** Orphaned checkpoints of a chain, newest first (the record of past reorgs). */
  public List<StoredCheckpoint> orphaned(String chain, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM checkpoint WHERE chain = :chain AND orphaned_at IS NOT NULL
            ORDER BY orphaned_at DESC, height DESC LIMIT :limit
            """)
        .param("chain", chain)
        .param("limit", limit)
        .query(CheckpointRepository::map)
        .list();
  }

  /**
   * Appends verified checkpoints on top of the canonical tip and marks everything up to {@code
   * finalizeUpTo} final, in one transaction. The batch must continue the stored tip (its first
   * parent hash equals the tip's hash), otherwise nothing is written.
   *
   * @return the chain's finalized height after the change, or -1 when nothing is final yet
   * @throws StaleTipException when the stored tip changed since the caller read it
   */
  public long append(String chain, List<StoredCheckpoint> batch, long finalizeUpTo) {
    return db.tx().execute(status -> appendInTransaction(chain, batch, finalizeUpTo));
  }

  private long appendInTransaction(String chain, List<StoredCheckpoint> batch, long finalizeUpTo) {
    lockChain(chain);
    if (!batch.isEmpty()) {
      requireContinuesTip(chain, batch.getFirst());
      insertAll(batch);
    }
    jdbc.sql(
            """
            UPDATE checkpoint SET finalized = TRUE
            WHERE chain = :chain AND height <= :upTo AND orphaned_at IS NULL AND NOT finalized
            """)
        .param("chain", chain)
        .param("upTo", finalizeUpTo)
        .update();
    Long finalized =
        jdbc.sql("SELECT max(height) FROM checkpoint WHERE chain = :chain AND finalized")
            .param("chain", chain)
            .query(Long.class)
            .optional()
            .orElse(null);
    jdbc.sql("UPDATE chain SET finalized_height = :f, updated_at = now() WHERE id = :chain")
        .param("f", finalized)
        .param("chain", chain)
        .update();
    return finalized == null ? -1 : finalized;
  }

  private void lockChain(String chain) {
    jdbc.sql("SELECT id FROM chain WHERE id = :chain FOR UPDATE")
        .param("chain", chain)
        .query(String.class)
        .optional()
        .orElseThrow(() -> new IllegalStateException("unknown chain " + chain));
  }

  private void requireContinuesTip(String chain, StoredCheckpoint first) {
    Optional<StoredCheckpoint> tip = latestCanonical(chain);
    if (tip.isEmpty()) {
      return;
    }
    StoredCheckpoint t = tip.get();
    if (first.height() != t.height() + 1 || !java.util.Arrays.equals(first.parentHash(), t.hash())) {
      throw new StaleTipException(
          "chain " + chain + ": batch starting at " + first.height()
              + " does not continue the stored tip at " + t.height());
    }
  }

  private void insertAll(List<StoredCheckpoint> batch) {
    db.template()
        .batchUpdate(
            """
            INSERT INTO checkpoint (chain, height, hash, parent_hash, state_commitment, block_time,
              raw_header, finalized)
            VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)
            """,
            batch,
            500,
            (ps, c) -> {
              ps.setString(1, c.chain());
              ps.setLong(2, c.height());
              ps.setBytes(3, c.hash());
              ps.setBytes(4, c.parentHash());
              ps.setBytes(5, c.stateCommitment());
              ps.setObject(6, Rows.timestamp(c.blockTime()));
              ps.setBytes(7, c.rawHeader());
            });
  }

  /**
   * Marks every canonical checkpoint above {@code ancestorHeight} orphaned and counts the reorg, in
   * one transaction. Refuses, writing nothing, when any of them is final.
   *
   * @return how many checkpoints were orphaned
   * @throws FinalizedReorgException when the reorg reaches a finalized checkpoint
   */
  public int orphanAbove(String chain, long ancestorHeight) {
    return db.tx().execute(status -> orphanInTransaction(chain, ancestorHeight));
  }

  private int orphanInTransaction(String chain, long ancestorHeight) {
    lockChain(chain);
    Long deepestFinal =
        jdbc.sql(
                """
                SELECT max(height) FROM checkpoint
                WHERE chain = :chain AND height > :h AND finalized AND orphaned_at IS NULL
                """)
            .param("chain", chain)
            .param("h", ancestorHeight)
            .query(Long.class)
            .optional()
            .orElse(null);
    if (deepestFinal != null) {
      throw new FinalizedReorgException(chain, ancestorHeight, deepestFinal);
    }
    int n =
        jdbc.sql(
                """
                UPDATE checkpoint SET orphaned_at = now()
                WHERE chain = :chain AND height > :h AND orphaned_at IS NULL
                """)
            .param("chain", chain)
            .param("h", ancestorHeight)
            .update();
    if (n > 0) {
      jdbc.sql("UPDATE chain SET reorg_count = reorg_count + 1, updated_at = now() WHERE id = :c")
          .param("c", chain)
          .update();
    }
    return n;
  }

  static StoredCheckpoint map(ResultSet rs, int row) throws SQLException {
    return new StoredCheckpoint(
        rs.getString("chain"),
        rs.getLong("height"),
        rs.getBytes("hash"),
        rs.getBytes("parent_hash"),
        rs.getBytes("state_commitment"),
        Rows.instant(rs, "block_time"),
        rs.getBytes("raw_header"),
        rs.getBoolean("finalized"),
        Rows.instant(rs, "orphaned_at"),
        Rows.nullableLong(rs, "used_by_epoch"));
  }
}
