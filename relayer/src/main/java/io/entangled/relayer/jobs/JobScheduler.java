package io.entangled.relayer.jobs;

import io.entangled.relayer.config.ChainSettings;
import io.entangled.relayer.config.RelayerSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the service's jobs into the clustered Quartz store: one ingest job per enabled chain and the
 * aggregate / prove / relay pipeline jobs. Every node does this at start-up; Quartz's database locks
 * make that safe, and {@code replace = true} applies changed intervals. Jobs request recovery, so
 * a firing that was running on a node that died is run again by another node.
 */
public final class JobScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
  public static final String INGEST_GROUP = "ingest";
  public static final String PIPELINE_GROUP = "pipeline";

  private final Scheduler scheduler;
  private final RelayerSettings settings;

  public JobScheduler(Scheduler scheduler, RelayerSettings settings) {
    this.scheduler = scheduler;
    this.settings = settings;
  }

  public void scheduleAll() throws SchedulerException {
    Set<JobKey> wanted = new HashSet<>();
    for (ChainSettings chain : settings.chains()) {
      if (!chain.spec().enabled()) {
        continue;
      }
      JobKey key = JobKey.jobKey("ingest-" + chain.id(), INGEST_GROUP);
      wanted.add(key);
      JobDetail job =
          JobBuilder.newJob(ChainIngestJob.class)
              .withIdentity(key)
              .usingJobData(ChainIngestJob.CHAIN, chain.id())
              .requestRecovery()
              .storeDurably()
              .build();
      schedule(job, chain.spec().pollInterval());
    }
    removeStale(INGEST_GROUP, wanted);
    var jobs = settings.jobs();
    schedule(pipelineJob("aggregate", PipelineJobs.AggregateJob.class), jobs.aggregateInterval());
    schedule(pipelineJob("prove", PipelineJobs.ProveJob.class), jobs.proveInterval());
    schedule(pipelineJob("relay", PipelineJobs.RelayJob.class), jobs.relayInterval());
    schedule(pipelineJob("housekeeping", PipelineJobs.HousekeepingJob.class), Duration.ofHours(1));
    LOG.info("scheduled {} ingest job(s) and the aggregate, prove and relay jobs", wanted.size());
  }

  private static JobDetail pipelineJob(String name, Class<? extends Job> type) {
    return JobBuilder.newJob(type)
        .withIdentity(name, PIPELINE_GROUP)
        .requestRecovery()
        .storeDurably()
        .build();
  }

  private void schedule(JobDetail job, Duration every) throws SchedulerException {
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(job.getKey().getName(), job.getKey().getGroup())
            .forJob(job)
            .startNow()
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(every.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    scheduler.scheduleJob(job, Set.of(trigger), true);
  }

  private void removeStale(String group, Set<JobKey> wanted) throws SchedulerException {
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
      if (!wanted.contains(key)) {
        scheduler.deleteJob(key);
        LOG.info("removed job {} of a chain that is no longer enabled", key.getName());
      }
    }
  }
}
