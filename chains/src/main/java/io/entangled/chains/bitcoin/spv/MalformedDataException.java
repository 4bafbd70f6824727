package io.entangled.chains.bitcoin.spv;

/** Bytes that do not parse as the expected Bitcoin structure (truncated, bad lengths). */
public class MalformedDataException extends IllegalArgumentException {
  public MalformedDataException(String message) {
    super(message);
  }
}
