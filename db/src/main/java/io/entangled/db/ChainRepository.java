package io.entangled.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads and writes {@code chain} rows. Single-row statements; no transaction needed. */
public class ChainRepository {
  private final JdbcClient jdbc;

  public ChainRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a chain from configuration: inserts it, or updates kind, numeric id and enabled flag of
   * an existing row. A HALTED chain stays halted across restarts; a disabled one becomes DISABLED.
   */
  public void upsertConfigured(String id, String kind, long chainId, boolean enabled) {
    jdbc.sql(
            """
            INSERT INTO chain (id, kind, chain_id, enabled, status)
            VALUES (:id, :kind, :chainId, :enabled, CASE WHEN :enabled THEN 'STARTING' ELSE 'DISABLED' END)
            ON CONFLICT (id) DO UPDATE SET
              kind = EXCLUDED.kind, chain_id = EXCLUDED.chain_id, enabled = EXCLUDED.enabled,
              status = CASE
                WHEN chain.status = 'HALTED' THEN 'HALTED'
                WHEN NOT EXCLUDED.enabled THEN 'DISABLED'
                WHEN chain.status = 'DISABLED' THEN 'STARTING'
                ELSE chain.status END,
              updated_at = now()
            """)
        .param("id", id)
        .param("kind", kind)
        .param("chainId", chainId)
        .param("enabled", enabled)
        .update();
  }

  public List<ChainRecord> findAll() {
    return jdbc.sql("SELECT * FROM chain ORDER BY id").query(ChainRepository::map).list();
  }

  public Optional<ChainRecord> find(String id) {
    return jdbc.sql("SELECT * FROM chain WHERE id = :id")
        .param("id", id)
        .query(ChainRepository::map)
        .optional();
  }

  /** Records the source's head as seen now; does not touch a HALTED status. */
  public void recordHead(String id, long height, byte[] hash, Instant seenAt) {
    jdbc.sql(
            """
            UPDATE chain SET head_height = :height, head_hash = :hash, head_seen_at = :seenAt,
              status = CASE WHEN status IN ('STARTING', 'UNREACHABLE') THEN 'SYNCING' ELSE status END,
              status_reason = CASE WHEN status = 'HALTED' THEN status_reason ELSE NULL END,
              updated_at = now()
            WHERE id = :id
            """)
        .param("id", id)
        .param("height", height)
        .param("hash", hash)
        .param("seenAt", Rows.timestamp(seenAt))
        .update();
  }

  /** Sets a non-HALTED status (SYNCING, FOLLOWING, UNREACHABLE) unless the chain is halted. */
  public void setStatus(String id, ChainStatus status, String reason) {
    if (status == ChainStatus.HALTED) {
      throw new IllegalArgumentException("use halt() to halt a chain");
    }
    jdbc.sql(
            """
            UPDATE chain SET status = :status, status_reason = :reason, updated_at = now()
            WHERE id = :id AND status <> 'HALTED'
            """)
        .param("id", id)
        .param("status", status.name())
        .param("reason", reason)
        .update();
  }

  public void halt(String id, String reason) {
    jdbc.sql(
            "UPDATE chain SET status = 'HALTED', status_reason = :reason, updated_at = now() WHERE id = :id")
        .param("id", id)
        .param("reason", reason)
        .update();
  }

  /** Lifts a halt set by an operator decision; returns false when the chain was not halted. */
  public boolean resume(String id) {
    return jdbc.sql(
                """
                UPDATE chain SET status = 'STARTING', status_reason = NULL, updated_at = now()
                WHERE id = :id AND status = 'HALTED'
                """)
            .param("id", id)
            .update()
        == 1;
  }

  static ChainRecord map(ResultSet rs, int row) throws SQLException {
    return new ChainRecord(
        rs.getString("id"),
        rs.getString("kind"),
        rs.getLong("chain_id"),
        rs.getBoolean("enabled"),
        ChainStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"),
        Rows.nullableLong(rs, "head_height"),
        rs.getBytes("head_hash"),
        Rows.instant(rs, "head_seen_at"),
        Rows.nullableLong(rs, "finalized_height"),
        rs.getLong("reorg_count"),
        Rows.instant(rs, "updated_at"));
  }
}
