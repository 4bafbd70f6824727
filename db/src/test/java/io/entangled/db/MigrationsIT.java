package io.entangled.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class MigrationsIT {

  @Test
  void appliesEveryMigrationToAnEmptyDatabaseAndNothingOnTheSecondRun() {
    DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase());

    MigrateResult first = Migrations.migrate(ds);
    MigrateResult second = Migrations.migrate(ds);

    assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(2);
    assertThat(first.success).isTrue();
    assertThat(second.migrationsExecuted).isZero();
    List<String> tables =
        JdbcClient.create(ds)
            .sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            .query(String.class)
            .list();
    assertThat(tables)
        .contains(
            "chain", "checkpoint", "epoch", "epoch_leaf", "proof", "relay", "job_run",
            "qrtz_job_details", "qrtz_triggers", "qrtz_fired_triggers", "qrtz_locks",
            "qrtz_scheduler_state");
  }
}
