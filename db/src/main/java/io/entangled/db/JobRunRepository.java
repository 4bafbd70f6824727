package io.entangled.db;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The record of scheduled job executions, one row per execution on the node that ran it. */
public class JobRunRepository {
  private final JdbcClient jdbc;

  public JobRunRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  public long start(
      String jobName, String fireInstanceId, Instant scheduledFireTime, String node, boolean recovering) {
    return jdbc.sql(
            """
            INSERT INTO job_run (job_name, fire_instance_id, scheduled_fire_time, node, recovering, started_at)
            VALUES (:job, :fire, :scheduled, :node, :recovering, now()) RETURNING id
            """)
        .param("job", jobName)
        .param("fire", fireInstanceId)
        .param("scheduled", Rows.timestamp(scheduledFireTime))
        .param("node", node)
        .param("recovering", recovering)
        .query(Long.class)
        .single();
  }

  public void finish(long id, boolean ok, String message) {
    jdbc.sql(
            """
            UPDATE job_run SET finished_at = now(), outcome = :outcome, message = :message WHERE id = :id
            """)
        .param("id", id)
        .param("outcome", ok ? "OK" : "FAILED")
        .param("message", message)
        .update();
  }

  /** Deletes finished runs that started before {@code cutoff}; returns how many. */
  public int deleteFinishedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM job_run WHERE started_at < :cutoff AND finished_at IS NOT NULL")
        .param("cutoff", Rows.timestamp(cutoff))
        .update();
  }

  public List<JobRunRecord> recent(String jobName, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM job_run WHERE (CAST(:job AS TEXT) IS NULL OR job_name = :job)
            ORDER BY id DESC LIMIT :limit
            """)
        .param("job", jobName)
        .param("limit", limit)
        .query(
            (rs, i) ->
                new JobRunRecord(
                    rs.getLong("id"),
                    rs.getString("job_name"),
                    rs.getString("fire_instance_id"),
                    Rows.instant(rs, "scheduled_fire_time"),
                    rs.getString("node"),
                    rs.getBoolean("recovering"),
                    Rows.instant(rs, "started_at"),
                    Rows.instant(rs, "finished_at"),
                    rs.getString("outcome"),
                    rs.getString("message")))
        .list();
  }
}
