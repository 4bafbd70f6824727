package io.entangled.chains.spi;

/** No configured source answered, or one answered something malformed. Retrying later may help. */
public class ChainSourceException extends RuntimeException {
  public ChainSourceException(String message) {
    super(message);
  }

  public ChainSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
