package io.entangled.chains.ethereum.rlp;

/** Bytes that are not canonical RLP, or an item that is not what the caller expected. */
public final class RlpException extends RuntimeException {
  public RlpException(String message) {
    super(message);
  }
}
