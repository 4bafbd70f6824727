package io.entangled.zkvm.stark.proof;

/**
 * Protocol parameters, all stated in the proof header. Conjectured security in bits:
 * min(numQueries·logBlowup + grindingBits, 127 − log2(largest LDE size)) — the FRI query term under
 * the ethSTARK conjecture and the DEEP/FRI challenge term of the ~2^128 extension field.
 */
public record StarkParameters(int logBlowup, int arityBits, int logFinalDegree, int numQueries,
    int grindingBits, int capHeight) {

  public StarkParameters {
    check(logBlowup, 1, 4, "logBlowup");
    check(arityBits, 1, 4, "arityBits");
    check(logFinalDegree, 0, 10, "logFinalDegree");
    check(numQueries, 1, 1000, "numQueries");
    check(grindingBits, 0, 30, "grindingBits");
    check(capHeight, 0, 8, "capHeight");
  }

  private static void check(int v, int min, int max, String field) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "]: " + v);
    }
  }

  /** Blowup 4, arity 8, final degree < 8, 44 queries, 16 grinding bits: ≥ 100 bits up to 2^25-row LDEs. */
  public static StarkParameters defaults() {
    return new StarkParameters(2, 3, 3, 44, 16, 2);
  }

  public int conjecturedSecurityBits(int logMaxLdeSize) {
    return Math.min(numQueries * logBlowup + grindingBits, 127 - logMaxLdeSize);
  }
}
