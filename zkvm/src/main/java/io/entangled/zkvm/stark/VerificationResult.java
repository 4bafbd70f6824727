package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.field.Ext;

/**
 * Outcome of verification: accepted, or rejected with a reason naming the failed check. For a piece,
 * logUpSum is its partial LogUp sum over all buses (the tables' claimed sums added up).
 */
public record VerificationResult(boolean accepted, String reason, Ext logUpSum) {

  public static VerificationResult accept(Ext logUpSum) {
    return new VerificationResult(true, "accepted", logUpSum);
  }

  public static VerificationResult reject(String reason) {
    return new VerificationResult(false, reason, Ext.ZERO);
  }
}
