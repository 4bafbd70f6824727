package io.entangled.relayer.jobs;

import io.entangled.db.JobRunRepository;
import io.entangled.relayer.config.ChainSettings;
import io.entangled.relayer.config.RelayerSettings;
import io.entangled.relayer.ingest.ChainIngestor;
import io.entangled.relayer.metrics.RelayerMetrics;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/** Ingests one chain (named by the job data key {@value #CHAIN}); never runs twice at once. */
@DisallowConcurrentExecution
public class ChainIngestJob extends RecordedJob {
  public static final String CHAIN = "chain";

  private final ChainIngestor ingestor;
  private final RelayerSettings settings;

  public ChainIngestJob(
      ChainIngestor ingestor, RelayerSettings settings, JobRunRepository runs, RelayerMetrics metrics) {
    super(runs, metrics, settings.nodeName());
    this.ingestor = ingestor;
    this.settings = settings;
  }

  @Override
  protected String run(JobExecutionContext context) {
    String chainId = context.getMergedJobDataMap().getString(CHAIN);
    ChainSettings chain =
        settings
            .chain(chainId)
            .orElseThrow(() -> new IllegalStateException("chain " + chainId + " is no longer configured"));
    return ingestor.ingest(chain, settings.jobs().ingestBudget().toMillis()).summary();
  }
}
