package io.entangled.db;

/** A reorg would orphan a finalized checkpoint. Nothing was written; the chain must halt. */
public class FinalizedReorgException extends RuntimeException {
  private final long deepestFinalized;

  public FinalizedReorgException(String chain, long ancestorHeight, long deepestFinalized) {
    super(
        "chain " + chain + ": reorg back to height " + ancestorHeight
            + " would orphan finalized checkpoint at height " + deepestFinalized);
    this.deepestFinalized = deepestFinalized;
  }

  public long deepestFinalized() {
    return deepestFinalized;
  }
}
