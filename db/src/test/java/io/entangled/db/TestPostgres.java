package io.entangled.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests. With {@code ENTANGLED_TEST_PG_URL} (a JDBC URL of a server
 * database, e.g. the one {@code .ci/run} starts) plus {@code ENTANGLED_TEST_PG_USER} /
 * {@code ENTANGLED_TEST_PG_PASSWORD}, that server is used; otherwise one embedded server is started
 * per JVM. Each call of {@link #freshDatabase()} creates a new, empty database on it.
 */
public final class TestPostgres {
  private static String adminUrl;
  private static String user;
  private static String password;
  private static EmbeddedPostgresServer embedded;

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
    try {
      embedded = EmbeddedPostgresServer.start(Files.createTempDirectory("entangled-pg-"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    adminUrl = embedded.jdbcUrl();
    user = embedded.user();
    password = "";
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
  }

  /** Where the embedded server keeps its data, for tests that need it (null for an external one). */
  public static Path embeddedDataDirectory() {
    ensureServer();
    return embedded == null ? null : embedded.dataDirectory();
  }
}
