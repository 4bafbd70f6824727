package io.entangled.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Proofs of epochs (or of any program run by the prover). */
public class ProofRepository {
  private final JdbcClient jdbc;

  public ProofRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  public Optional<ProofRecord> find(long id) {
    return jdbc.sql(
            """
            SELECT id, epoch, status, backend, program_hash, public_values, cycles, segments,
              size_bytes, prove_millis, verify_millis, error, created_at, updated_at
            FROM proof WHERE id = :id
            """)
        .param("id", id)
        .query(ProofRepository::map)
        .optional();
  }

  /** The serialized proof, when the proof is finished. */
  public Optional<byte[]> bytes(long id) {
    return jdbc.sql("SELECT proof_bytes FROM proof WHERE id = :id AND proof_bytes IS NOT NULL")
        .param("id", id)
        .query(byte[].class)
        .optional();
  }

  public long countByStatus(String status) {
    return jdbc.sql("SELECT count(*) FROM proof WHERE status = :s")
        .param("s", status)
        .query(Long.class)
        .single();
  }

  /** Queues a proof of an epoch and returns its id. */
  public long enqueue(Long epoch) {
    return jdbc.sql("INSERT INTO proof (epoch, status) VALUES (:e, 'QUEUED') RETURNING id")
        .param("e", epoch)
        .query(Long.class)
        .single();
  }

  static ProofRecord map(ResultSet rs, int row) throws SQLException {
    return new ProofRecord(
        rs.getLong("id"),
        Rows.nullableLong(rs, "epoch"),
        rs.getString("status"),
        rs.getString("backend"),
        rs.getBytes("program_hash"),
        rs.getBytes("public_values"),
        Rows.nullableLong(rs, "cycles"),
        Rows.nullableInt(rs, "segments"),
        Rows.nullableLong(rs, "size_bytes"),
        Rows.nullableLong(rs, "prove_millis"),
        Rows.nullableLong(rs, "verify_millis"),
        rs.getString("error"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
