package io.entangled.relayer.config;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turn the start-up failures an operator causes into one clear report instead of a stack trace:
 * invalid {@code entangled.*} configuration, and a database that cannot be reached.
 */
public final class StartupFailureAnalyzers {
  private StartupFailureAnalyzers() {}

  /** Invalid configuration: the message already names the key. */
  public static final class InvalidConfiguration extends AbstractFailureAnalyzer<ConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
      return new FailureAnalysis(
          "Invalid configuration: " + cause.getMessage(),
          "Fix that key in application.yml, the --entangled... arguments or the ENTANGLED_... environment.",
          cause);
    }
  }

  /** The embedded database could not start (its folder is locked, or the binaries failed). */
  public static final class EmbeddedDatabaseFailed
      extends AbstractFailureAnalyzer<io.entangled.db.EmbeddedDatabaseException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, io.entangled.db.EmbeddedDatabaseException cause) {
      return new FailureAnalysis(
          "Embedded PostgreSQL: " + cause.getMessage(),
          "Stop the other process using that folder, set entangled.data-dir to another folder,"
              + " or configure spring.datasource.url to use a PostgreSQL server.",
          cause);
    }
  }

  /** The database refused or could not be found. */
  public static final class DatabaseUnreachable implements FailureAnalyzer {
    @Override
    public FailureAnalysis analyze(Throwable failure) {
      Throwable connect = find(failure);
      if (connect == null) {
        return null;
      }
      return new FailureAnalysis(
          "Cannot connect to the database: " + firstLine(connect.getMessage()),
          "Check spring.datasource.url, that PostgreSQL is running and reachable, and the credentials;"
              + " or leave spring.datasource.url unset to use the embedded PostgreSQL.",
          failure);
    }

    private static Throwable find(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof ConnectException || c instanceof UnknownHostException) {
          return c;
        }
        if (c instanceof SQLException sql && sql.getSQLState() != null
            && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("28P01")
                || sql.getSQLState().equals("3D000"))) {
          return c;
        }
      }
      return null;
    }

    private static String firstLine(String s) {
      if (s == null) {
        return "(no message)";
      }
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
  }
}
