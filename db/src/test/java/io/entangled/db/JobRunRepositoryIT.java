package io.entangled.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobRunRepositoryIT {

  @Test
  void deletesOnlyFinishedRunsOlderThanTheCutoff() {
    var ds = TestPostgres.dataSource(TestPostgres.freshDatabase());
    Migrations.migrate(ds);
    JobRunRepository runs = new JobRunRepository(new Database(ds));
    long finished = runs.start("ingest-x", "f1", Instant.now(), "node", false);
    runs.finish(finished, true, "ok");
    long running = runs.start("ingest-x", "f2", Instant.now(), "node", false);

    assertThat(runs.deleteFinishedBefore(Instant.now().minusSeconds(3600))).isZero();
    assertThat(runs.deleteFinishedBefore(Instant.now().plusSeconds(1))).isEqualTo(1);
    assertThat(runs.recent(null, 10)).extracting(JobRunRecord::id).containsExactly(running);
  }
}
