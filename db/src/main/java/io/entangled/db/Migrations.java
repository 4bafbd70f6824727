package io.entangled.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the schema in {@code db/migration} (core tables and the Quartz job store). */
public final class Migrations {
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /** Migrates {@code dataSource} to the newest schema; a no-op on an up-to-date database. */
  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations(LOCATION).load().migrate();
  }
}
