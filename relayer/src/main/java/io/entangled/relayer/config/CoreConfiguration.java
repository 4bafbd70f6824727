package io.entangled.relayer.config;

import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.db.ChainRepository;
import io.entangled.db.CheckpointRepository;
import io.entangled.db.Database;
import io.entangled.db.EpochRepository;
import io.entangled.db.JobRunRepository;
import io.entangled.db.ProofRepository;
import io.entangled.db.RelayRepository;
import io.entangled.relayer.chain.ChainRegistry;
import io.entangled.relayer.ingest.ChainIngestor;
import io.entangled.relayer.metrics.RelayerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Validated settings, chain adapters, repositories and the ingestion service. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

  @Bean
  Map<String, ChainAdapterFactory> chainAdapterFactories() {
    return ChainRegistry.discoverFactories(getClass().getClassLoader());
  }

  @Bean
  RelayerSettings relayerSettings(
      EntangledProperties properties, Map<String, ChainAdapterFactory> chainAdapterFactories) {
    return new ConfigurationValidator(chainAdapterFactories.keySet(), System::getenv).validate(properties);
  }

  @Bean(destroyMethod = "close")
  ChainRegistry chainRegistry(
      Map<String, ChainAdapterFactory> chainAdapterFactories, RelayerSettings settings) {
    return ChainRegistry.create(chainAdapterFactories, settings.chains());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Database database(DataSource dataSource) {
    return new Database(dataSource);
  }

  @Bean
  ChainRepository chainRepository(Database db) {
    return new ChainRepository(db.jdbc());
  }

  @Bean
  CheckpointRepository checkpointRepository(Database db) {
    return new CheckpointRepository(db);
  }

  @Bean
  EpochRepository epochRepository(Database db) {
    return new EpochRepository(db);
  }

  @Bean
  ProofRepository proofRepository(Database db) {
    return new ProofRepository(db);
  }

  @Bean
  RelayRepository relayRepository(Database db) {
    return new RelayRepository(db);
  }

  @Bean
  JobRunRepository jobRunRepository(Database db) {
    return new JobRunRepository(db);
  }

  @Bean
  RelayerMetrics relayerMetrics(MeterRegistry registry) {
    return new RelayerMetrics(registry);
  }

  @Bean
  ChainIngestor chainIngestor(
      ChainRegistry registry,
      ChainRepository chains,
      CheckpointRepository checkpoints,
      RelayerMetrics metrics,
      Clock clock) {
    return new ChainIngestor(registry, chains, checkpoints, metrics, clock);
  }
}
