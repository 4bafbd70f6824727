package io.entangled.chains.bitcoin;

import io.entangled.chains.spi.HeaderVerificationException;

/**
 * A header (or SPV proof) broke a rule: the expected-failure value the verifiers return.
 *
 * @param rule short rule name, e.g. {@code prev-hash-link}, {@code pow}, {@code bits}, {@code
 *     median-time-past}, {@code merkle-root}
 * @param height height of the offending header ({@code -1} where no height applies)
 * @param detail one line for humans
 */
public record RuleViolation(String rule, long height, String detail) {

  /** The SPI's exception for this violation. */
  public HeaderVerificationException toException() {
    return new HeaderVerificationException(rule, height, detail);
  }

  @Override
  public String toString() {
    return "rule " + rule + " broken at height " + height + ": " + detail;
  }
}
