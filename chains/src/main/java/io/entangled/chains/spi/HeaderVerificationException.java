package io.entangled.chains.spi;

/**
 * A header broke a consensus rule. Carries the rule and height so that the relayer can log and
 * report them; the header is never stored.
 */
public class HeaderVerificationException extends RuntimeException {
  private final String rule;
  private final long height;

  public HeaderVerificationException(String rule, long height, String detail) {
    super("rule " + rule + " broken at height " + height + ": " + detail);
    this.rule = rule;
    this.height = height;
  }

  public String rule() {
    return rule;
  }

  public long height() {
    return height;
  }
}
