package io.entangled.relayer.config;

import com.zaxxer.hikari.HikariDataSource;
import io.entangled.db.EmbeddedPostgresServer;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url}, the service runs on an embedded PostgreSQL server whose
 * data lives in {@code <entangled.data-dir>/postgres} under the working directory.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceConfigured.class)
public class EmbeddedDatabaseConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgres(EntangledProperties properties) {
    Path dir = Path.of(properties.getDataDir(), "postgres").toAbsolutePath();
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
    LOG.info(
        "no spring.datasource.url configured: using embedded PostgreSQL on port {} with data in {}",
        server.port(), dir);
    return server;
  }

  @Bean
  DataSource dataSource(EmbeddedPostgresServer server) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(server.jdbcUrl());
    ds.setUsername(server.user());
    ds.setPoolName("entangled-embedded");
    ds.setMaximumPoolSize(10);
    return ds;
  }

  static class NoDatasourceConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      return url == null || url.isBlank();
    }
  }
}
