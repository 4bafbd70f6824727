package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.RuleViolation;
import java.util.List;

/**
 * Outcome of an SPV proof check.
 *
 * @param matched the matched transactions (empty when invalid)
 * @param violation why the proof is invalid, or {@code null} when it is valid
 */
public record SpvResult(List<MatchedTransaction> matched, RuleViolation violation) {

  static SpvResult invalid(String rule, String detail) {
    return invalid(new RuleViolation(rule, -1, detail));
  }

  static SpvResult invalid(RuleViolation v) {
    return new SpvResult(List.of(), v);
  }

  /** True when the proof rebuilt the header's Merkle root. */
  public boolean valid() {
    return violation == null;
  }
}
