package io.entangled.zkvm.prover;

/**
 * The execution contains something the MIPS AIR does not cover yet (an instruction, a syscall, a
 * second thread, a second segment): proving refuses rather than emit a proof that says nothing about
 * that step.
 */
public final class UnsupportedStepException extends RuntimeException {
  public UnsupportedStepException(String message) {
    super(message);
  }
}
