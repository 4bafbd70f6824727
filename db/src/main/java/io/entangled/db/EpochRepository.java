package io.entangled.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Epochs and the leaves folded into them. */
public class EpochRepository {
  private final Database db;
  private final JdbcClient jdbc;

  public EpochRepository(Database db) {
    this.db = db;
    this.jdbc = db.jdbc();
  }

  /** Newest first, epochs numbered below {@code before} (or all when null), at most {@code limit}. */
  public List<EpochRecord> list(Long before, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM epoch WHERE (CAST(:before AS BIGINT) IS NULL OR number < :before)
            ORDER BY number DESC LIMIT :limit
            """)
        .param("before", before)
        .param("limit", limit)
        .query(EpochRepository::map)
        .list();
  }

  public Optional<EpochRecord> find(long number) {
    return jdbc.sql("SELECT * FROM epoch WHERE number = :n")
        .param("n", number)
        .query(EpochRepository::map)
        .optional();
  }

  public List<EpochLeafRecord> leaves(long number) {
    return jdbc.sql("SELECT * FROM epoch_leaf WHERE epoch = :n ORDER BY chain_id, chain")
        .param("n", number)
        .query(
            (rs, i) ->
                new EpochLeafRecord(
                    rs.getLong("epoch"),
                    rs.getString("chain"),
                    rs.getLong("chain_id"),
                    rs.getLong("height"),
                    rs.getBytes("block_hash"),
                    rs.getBytes("state_commitment"),
                    rs.getBytes("leaf")))
        .list();
  }

  /**
   * Stores an aggregated epoch with its leaves and marks the checkpoints it used, all in one
   * transaction.
   */
  public void insertAggregated(EpochRecord epoch, List<EpochLeafRecord> leaves) {
    db.tx()
        .executeWithoutResult(
            status -> {
              jdbc.sql(
                      """
                      INSERT INTO epoch (number, status, prev_root, entangled_root, epoch_record, leaf_count)
                      VALUES (:n, :status, :prev, :root, :record, :count)
                      """)
                  .param("n", epoch.number())
                  .param("status", epoch.status())
                  .param("prev", epoch.prevRoot())
                  .param("root", epoch.entangledRoot())
                  .param("record", epoch.epochRecord())
                  .param("count", leaves.size())
                  .update();
              for (EpochLeafRecord leaf : leaves) {
                insertLeaf(leaf);
              }
            });
  }

  private void insertLeaf(EpochLeafRecord leaf) {
    jdbc.sql(
            """
            INSERT INTO epoch_leaf (epoch, chain, chain_id, height, block_hash, state_commitment, leaf)
            VALUES (:e, :chain, :chainId, :height, :hash, :commitment, :leaf)
            """)
        .param("e", leaf.epoch())
        .param("chain", leaf.chain())
        .param("chainId", leaf.chainId())
        .param("height", leaf.height())
        .param("hash", leaf.blockHash())
        .param("commitment", leaf.stateCommitment())
        .param("leaf", leaf.leaf())
        .update();
    jdbc.sql(
            """
            UPDATE checkpoint SET used_by_epoch = :e
            WHERE chain = :chain AND height = :height AND hash = :hash AND used_by_epoch IS NULL
            """)
        .param("e", leaf.epoch())
        .param("chain", leaf.chain())
        .param("height", leaf.height())
        .param("hash", leaf.blockHash())
        .update();
  }

  static EpochRecord map(ResultSet rs, int row) throws SQLException {
    return new EpochRecord(
        rs.getLong("number"),
        rs.getString("status"),
        rs.getBytes("prev_root"),
        rs.getBytes("entangled_root"),
        rs.getBytes("epoch_record"),
        rs.getInt("leaf_count"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
