package io.entangled.db;

/** The embedded PostgreSQL server could not be started; the message says why and where. */
public class EmbeddedDatabaseException extends RuntimeException {
  public EmbeddedDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
