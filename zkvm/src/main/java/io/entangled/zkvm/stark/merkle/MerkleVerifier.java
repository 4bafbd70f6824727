package io.entangled.zkvm.stark.merkle;

import java.util.Arrays;
import java.util.List;

/** Checks batch openings produced by {@link MerkleTree#openBatch}. */
public final class MerkleVerifier {
  private MerkleVerifier() {}

  /**
   * True when the leaf hashes at the sorted distinct indices, with exactly the given sibling hashes,
   * lead to the cap.
   */
  public static boolean verifyBatch(byte[] cap, int logLeaves, int capHeight, int[] sortedIndices,
      byte[][] leafHashes, List<byte[]> proof) {
    int cap0 = Math.min(capHeight, logLeaves);
    if (cap.length != 32 << cap0 || sortedIndices.length != leafHashes.length) {
      return false;
    }
    int[] idx = sortedIndices.clone();
    byte[][] hashes = leafHashes.clone();
    int count = idx.length;
    for (int i = 0; i < count; i++) {
      if (idx[i] < 0 || idx[i] >= (1 << logLeaves) || (i > 0 && idx[i] <= idx[i - 1])) {
        return false;
      }
    }
    int used = 0;
    for (int level = 0; level < logLeaves - cap0; level++) {
      int next = 0;
      for (int i = 0; i < count; i++) {
        int x = idx[i];
        byte[] left;
        byte[] right;
        if ((x & 1) == 0 && i + 1 < count && idx[i + 1] == (x | 1)) {
          left = hashes[i];
          right = hashes[i + 1];
          i++;
        } else {
          if (used >= proof.size()) {
            return false;
          }
          byte[] sib = proof.get(used++);
          left = (x & 1) == 0 ? hashes[i] : sib;
          right = (x & 1) == 0 ? sib : hashes[i];
        }
        hashes[next] = Sha256.compress(left, right);
        idx[next++] = x >>> 1;
      }
      count = next;
    }
    if (used != proof.size()) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      byte[] expected = Arrays.copyOfRange(cap, idx[i] * 32, idx[i] * 32 + 32);
      if (!Arrays.equals(expected, hashes[i])) {
        return false;
      }
    }
    return true;
  }
}
