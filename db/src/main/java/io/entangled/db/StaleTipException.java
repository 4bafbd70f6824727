package io.entangled.db;

/** A write expected a chain's canonical tip that has changed meanwhile; nothing was written. */
public class StaleTipException extends RuntimeException {
  public StaleTipException(String message) {
    super(message);
  }
}
