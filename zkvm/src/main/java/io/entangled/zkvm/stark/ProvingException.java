package io.entangled.zkvm.stark;

/** The prover could not produce a proof (bad trace shape, or constraints not satisfied). */
public final class ProvingException extends RuntimeException {
  public ProvingException(String message) {
    super(message);
  }
}
