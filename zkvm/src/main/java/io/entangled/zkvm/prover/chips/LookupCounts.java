package io.entangled.zkvm.prover.chips;

/**
 * Multiplicities of the shared lookup tables, filled by every table that sends lookups: the 16-bit
 * range table (index = value) and the byte-pair table (index = a·256 + b).
 */
public final class LookupCounts {
  public final long[] range16 = new long[1 << 16];
  public final long[] bytes = new long[1 << 16];

  /** Counts one lookup of v (must be in [0, 2^16)) in the range table. */
  public void range(long v) {
    if (v < 0 || v >= 1 << 16) {
      throw new IllegalArgumentException("range16 lookup of " + v);
    }
    range16[(int) v]++;
  }

  /** Counts one lookup of the byte pair (a, b) (the tuple a, b, a&b, a|b, a^b). */
  public void bytePair(long a, long b) {
    if (a < 0 || a > 255 || b < 0 || b > 255) {
      throw new IllegalArgumentException("byte lookup of (" + a + ", " + b + ")");
    }
    bytes[(int) (a << 8 | b)]++;
  }

  /** Adds another set of counts (tables filled in parallel). */
  public void add(LookupCounts o) {
    for (int i = 0; i < range16.length; i++) {
      range16[i] += o.range16[i];
      bytes[i] += o.bytes[i];
    }
  }
}
