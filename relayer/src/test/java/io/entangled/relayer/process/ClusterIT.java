package io.entangled.relayer.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.db.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two relayer processes on one PostgreSQL database, as in production: Quartz's clustered store
 * must run every firing on exactly one node, share the work, and when a node is killed mid-job
 * (kill -9) the other must recover that job and finish it without gaps or duplicates.
 *
 * <p>The long job is real work: a Bitcoin chain replaying the 8,065 real mainnet headers of
 * 822528..830592 from a header file, one header per batch, so that the ingest job runs for tens
 * of seconds.
 */
class ClusterIT {
  private static final long FIRST = 822_528;
  private static final long LAST = 830_592;

  /** Header files and the nodes' working folders; deleted after {@link #stop()} stopped them. */
  @TempDir Path tmp;

  private ServiceProcess a;
  private ServiceProcess b;

  @AfterEach
  void stop() throws Exception {
    for (ServiceProcess p : new ServiceProcess[] {a, b}) {
      if (p != null) {
        p.close();
      }
    }
  }

  @Test
  void runsEachFiringOnceSharesTheWorkAndRecoversAKilledNodesJob() throws Exception {
    String url = TestPostgres.freshDatabase();
    Path all = copyHeaders(tmp);
    // the nodes start on the first 100 headers; the rest appear only once both are up and the test
    // watches, so the long ingest run happens while both schedulers run (the file source re-reads
    // a file whose size changed)
    Path headers = tmp.resolve("live-headers.bin");
    Files.write(headers, java.util.Arrays.copyOf(Files.readAllBytes(all), 100 * 80));
    a = ServiceProcess.start(tmp.resolve("node-a"), args(url, "node-a", headers));
    a.awaitStarted(Duration.ofSeconds(120));
    b = ServiceProcess.start(tmp.resolve("node-b"), args(url, "node-b", headers));
    b.awaitStarted(Duration.ofSeconds(120));
    JdbcClient db = JdbcClient.create(dataSource(url));
    Path staged = Files.createTempFile(headers.getParent(), "staged-", ".bin");
    Files.copy(all, staged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.move(staged, headers, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    String ingesting = awaitIngestRunningWithProgress(db, Duration.ofSeconds(120));
    ServiceProcess victim = ingesting.equals("node-a") ? a : b;
    String survivor = ingesting.equals("node-a") ? "node-b" : "node-a";
    long storedBeforeKill = canonicalCount(db);
    victim.kill();

    awaitIngestComplete(db, Duration.ofSeconds(240));

    // the killed node's run never finished; the survivor ran the recovered firing
    assertThat(db.sql("SELECT count(*) FROM job_run WHERE job_name = 'ingest-btc-replay' AND node = :n"
            + " AND finished_at IS NULL").param("n", ingesting).query(Long.class).single()).isEqualTo(1);
    assertThat(db.sql("SELECT count(*) FROM job_run WHERE job_name = 'ingest-btc-replay' AND node = :n"
            + " AND recovering").param("n", survivor).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    assertThat(storedBeforeKill).isBetween(1L, LAST - FIRST);
    // no gaps, no duplicates: one canonical checkpoint per height, contiguous
    Map<String, Object> span = db.sql("SELECT count(*) AS n, min(height) AS lo, max(height) AS hi"
        + " FROM checkpoint WHERE chain = 'btc-replay' AND orphaned_at IS NULL").query().singleRow();
    assertThat(((Number) span.get("n")).longValue()).isEqualTo(LAST - FIRST + 1);
    assertThat(((Number) span.get("lo")).longValue()).isEqualTo(FIRST);
    assertThat(((Number) span.get("hi")).longValue()).isEqualTo(LAST);
    // every pipeline firing ran on exactly one node (a recovered firing repeats its fire time)
    List<Map<String, Object>> twice = db.sql("SELECT job_name, scheduled_fire_time, count(*) FROM job_run"
        + " WHERE NOT recovering AND job_name IN ('aggregate', 'prove', 'relay')"
        + " GROUP BY job_name, scheduled_fire_time HAVING count(*) > 1").query().listOfRows();
    assertThat(twice)
        .as(() -> "runs: " + db.sql("SELECT job_name, scheduled_fire_time, node, recovering, fire_instance_id,"
            + " started_at, finished_at FROM job_run WHERE job_name = 'prove' ORDER BY id").query().listOfRows())
        .isEmpty();
    long pipelineRuns = db.sql("SELECT count(*) FROM job_run WHERE job_name IN ('aggregate', 'prove', 'relay')")
        .query(Long.class).single();
    assertThat(pipelineRuns).isGreaterThan(20);
    List<String> nodes = db.sql("SELECT DISTINCT node FROM job_run ORDER BY node").query(String.class).list();
    assertThat(nodes).containsExactly("node-a", "node-b");
  }

  private static String awaitIngestRunningWithProgress(JdbcClient db, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> running = db.sql("SELECT node FROM job_run WHERE job_name = 'ingest-btc-replay'"
          + " AND finished_at IS NULL").query(String.class).list();
      // well inside the run: at ~5,000 headers/s the job needs about a second more to finish, so
      // the node seen running it is still running it when it is killed a few milliseconds later
      long stored = canonicalCount(db);
      if (running.size() == 1 && stored > 300 && stored < (LAST - FIRST + 1) - 4000) {
        return running.getFirst();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the ingest job did not make progress within " + timeout);
  }

  private static void awaitIngestComplete(JdbcClient db, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (canonicalCount(db) == LAST - FIRST + 1) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("ingestion did not complete within " + timeout + "; stored " + canonicalCount(db));
  }

  private static long canonicalCount(JdbcClient db) {
    return db.sql("SELECT count(*) FROM checkpoint WHERE chain = 'btc-replay' AND orphaned_at IS NULL")
        .query(Long.class).single();
  }

  private static List<String> args(String url, String node, Path headers) throws IOException {
    byte[] known = Files.readAllBytes(headers);
    String first = HexFormat.of().formatHex(known, 0, 80);
    return List.of(
        "serve", "--server.port=0",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + TestPostgres.user(),
        "--spring.datasource.password=" + TestPostgres.password(),
        "--entangled.node-name=" + node,
        "--entangled.jobs.aggregate-interval=1s",
        "--entangled.jobs.prove-interval=1s",
        "--entangled.jobs.relay-interval=1s",
        "--entangled.jobs.ingest-budget=600s",
        "--entangled.chains[0].id=btc-replay",
        "--entangled.chains[0].kind=bitcoin",
        "--entangled.chains[0].chain-id=0",
        "--entangled.chains[0].confirmations=6",
        "--entangled.chains[0].poll-interval=2s",
        "--entangled.chains[0].batch-size=1",
        "--entangled.chains[0].start-height=" + FIRST,
        "--entangled.chains[0].options.network=mainnet",
        "--entangled.chains[0].options.source=file",
        "--entangled.chains[0].options.file.path=" + headers,
        "--entangled.chains[0].options.file.start-height=" + FIRST,
        "--entangled.chains[0].options.start.height=" + FIRST,
        "--entangled.chains[0].options.start.header=" + first);
  }

  private static Path copyHeaders(Path dir) throws IOException {
    Path target = dir.resolve("headers.bin");
    try (InputStream in = ClusterIT.class.getResourceAsStream("/bitcoin/headers_0822528_0830592.bin")) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static DataSource dataSource(String url) {
    return TestPostgres.dataSource(url);
  }
}
