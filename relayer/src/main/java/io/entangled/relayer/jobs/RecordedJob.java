package io.entangled.relayer.jobs;

import io.entangled.db.JobRunRepository;
import io.entangled.relayer.metrics.RelayerMetrics;
import java.time.Duration;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every scheduled job: records each execution in {@code job_run} (which node, which
 * firing, whether Quartz is recovering it after a node died), times it and counts failures. A
 * failure is logged once with its cause and never refired immediately; the next firing retries.
 */
public abstract class RecordedJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(RecordedJob.class);

  private final JobRunRepository runs;
  private final RelayerMetrics metrics;
  private final String node;

  protected RecordedJob(JobRunRepository runs, RelayerMetrics metrics, String node) {
    this.runs = runs;
    this.metrics = metrics;
    this.node = node;
  }

  /** The work; returns a one-line summary stored with the run. */
  protected abstract String run(JobExecutionContext context) throws Exception;

  @Override
  public final void execute(JobExecutionContext context) throws JobExecutionException {
    String name = context.getJobDetail().getKey().getName();
    long started = System.nanoTime();
    long runId =
        runs.start(
            name,
            context.getFireInstanceId(),
            context.getScheduledFireTime() == null ? null : context.getScheduledFireTime().toInstant(),
            node,
            context.isRecovering());
    boolean ok = false;
    String message;
    try {
      message = run(context);
      ok = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      message = "interrupted";
    } catch (Exception e) {
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("job {} failed on {}: {}", name, node, message);
    } finally {
      metrics.jobRun(name, Duration.ofNanos(System.nanoTime() - started), ok);
    }
    runs.finish(runId, ok, truncate(message));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
  }
}
