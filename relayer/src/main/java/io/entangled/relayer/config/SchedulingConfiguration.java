package io.entangled.relayer.config;

import io.entangled.db.ChainRepository;
import io.entangled.relayer.jobs.JobScheduler;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Records the configured chains and puts the jobs into the clustered Quartz store at start-up. */
@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulingConfiguration.class);

  @Bean
  ApplicationRunner registerChainsAndJobs(
      RelayerSettings settings, ChainRepository chains, Scheduler scheduler) {
    return args -> {
      for (ChainSettings c : settings.chains()) {
        chains.upsertConfigured(c.id(), c.spec().kind(), c.spec().chainId(), c.spec().enabled());
      }
      new JobScheduler(scheduler, settings).scheduleAll();
      LOG.info("node {} is up with {} chain(s) configured", settings.nodeName(), settings.chains().size());
    };
  }
}
