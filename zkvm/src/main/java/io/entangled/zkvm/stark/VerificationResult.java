package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.field.Ext;
import java.util.Map;

/**
 * Outcome of verification: accepted, or rejected with a reason naming the failed check. For a piece,
 * busSums holds its partial LogUp sum per bus id.
 */
public record VerificationResult(boolean accepted, String reason, Map<Integer, Ext> busSums) {

  public static VerificationResult accept(Map<Integer, Ext> busSums) {
    return new VerificationResult(true, "accepted", Map.copyOf(busSums));
  }

  public static VerificationResult reject(String reason) {
    return new VerificationResult(false, reason, Map.of());
  }
}
