package io.entangled.relayer.jobs;

import io.entangled.db.EpochRepository;
import io.entangled.db.JobRunRepository;
import io.entangled.db.ProofRepository;
import io.entangled.relayer.config.RelayerSettings;
import io.entangled.relayer.metrics.RelayerMetrics;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/**
 * The aggregate / prove / relay stages of the pipeline. Each is scheduled, clustered and recorded
 * like ingestion; what they do beyond finding their input is filled in by the epoch, proving and
 * relaying work (see the README's status table), so today they report what is waiting for them.
 */
public final class PipelineJobs {
  private PipelineJobs() {}

  /** Folds the chains' newly finalized checkpoints into an epoch. */
  @DisallowConcurrentExecution
  public static class AggregateJob extends RecordedJob {
    private final EpochRepository epochs;

    public AggregateJob(
        EpochRepository epochs, RelayerSettings settings, JobRunRepository runs, RelayerMetrics metrics) {
      super(runs, metrics, settings.nodeName());
      this.epochs = epochs;
    }

    @Override
    protected String run(JobExecutionContext context) {
      long stored = epochs.list(null, 1).stream().mapToLong(e -> e.number() + 1).findFirst().orElse(0);
      return "epoch aggregation not implemented yet; epochs stored: " + stored;
    }
  }

  /** Proves aggregated epochs with the zkVM. */
  @DisallowConcurrentExecution
  public static class ProveJob extends RecordedJob {
    private final ProofRepository proofs;

    public ProveJob(
        ProofRepository proofs, RelayerSettings settings, JobRunRepository runs, RelayerMetrics metrics) {
      super(runs, metrics, settings.nodeName());
      this.proofs = proofs;
    }

    @Override
    protected String run(JobExecutionContext context) {
      return "epoch proving not implemented yet; queued proofs: " + proofs.countByStatus("QUEUED");
    }
  }

  /** Deletes finished job runs older than the configured retention, so job_run stays small. */
  @DisallowConcurrentExecution
  public static class HousekeepingJob extends RecordedJob {
    private final JobRunRepository runs;
    private final RelayerSettings settings;

    public HousekeepingJob(RelayerSettings settings, JobRunRepository runs, RelayerMetrics metrics) {
      super(runs, metrics, settings.nodeName());
      this.runs = runs;
      this.settings = settings;
    }

    @Override
    protected String run(JobExecutionContext context) {
      java.time.Instant cutoff = java.time.Instant.now().minus(settings.jobs().jobRunRetention());
      return "deleted " + runs.deleteFinishedBefore(cutoff) + " job run(s) older than " + cutoff;
    }
  }

  /** Sends proven roots to the configured targets. */
  @DisallowConcurrentExecution
  public static class RelayJob extends RecordedJob {
    private final RelayerSettings settings;

    public RelayJob(RelayerSettings settings, JobRunRepository runs, RelayerMetrics metrics) {
      super(runs, metrics, settings.nodeName());
      this.settings = settings;
    }

    @Override
    protected String run(JobExecutionContext context) {
      return "relaying not implemented yet; targets configured: " + settings.targets().size();
    }
  }
}
