package io.entangled.chains.ethereum.trie;

/**
 * A Merkle-Patricia proof that does not prove anything: a node whose hash is not the reference
 * above it, a malformed node, nodes left over, or claimed values that the proof contradicts.
 * {@link #rule()} names which.
 */
public final class InvalidProofException extends RuntimeException {
  private final String rule;

  public InvalidProofException(String rule, String detail) {
    super(rule + ": " + detail);
    this.rule = rule;
  }

  /** A short stable name of what failed, e.g. {@code node-hash}, {@code account-mismatch}. */
  public String rule() {
    return rule;
  }
}
