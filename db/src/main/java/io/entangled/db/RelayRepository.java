package io.entangled.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Relays of epoch roots to target chains. */
public class RelayRepository {
  private final JdbcClient jdbc;

  public RelayRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /** Newest first, optionally of one target, ids below {@code before}, at most {@code limit}. */
  public List<RelayRecord> list(String target, Long before, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM relay
            WHERE (CAST(:target AS TEXT) IS NULL OR target = :target)
              AND (CAST(:before AS BIGINT) IS NULL OR id < :before)
            ORDER BY id DESC LIMIT :limit
            """)
        .param("target", target)
        .param("before", before)
        .param("limit", limit)
        .query(RelayRepository::map)
        .list();
  }

  static RelayRecord map(ResultSet rs, int row) throws SQLException {
    BigDecimal fee = rs.getBigDecimal("fee");
    return new RelayRecord(
        rs.getLong("id"),
        rs.getLong("epoch"),
        rs.getString("target"),
        rs.getString("status"),
        rs.getBytes("tx_hash"),
        Rows.nullableLong(rs, "nonce"),
        fee == null ? null : fee.toBigIntegerExact(),
        rs.getInt("confirmations"),
        rs.getString("error"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
