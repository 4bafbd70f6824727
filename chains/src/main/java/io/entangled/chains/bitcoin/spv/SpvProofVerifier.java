package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.Bytes;
import io.entangled.chains.bitcoin.DoubleSha256;
import io.entangled.chains.bitcoin.RuleViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies a BIP37 partial Merkle tree (a {@code gettxoutproof} answer) against a block header:
 * rebuilds the Merkle root from the proof's hashes and flag bits and returns the matched
 * transaction ids. Rejects, naming the rule: a transaction count of 0 or above what a block can
 * hold ({@code merkle-tx-count}), more hashes than transactions or fewer flag bits than hashes
 * ({@code merkle-too-many-hashes}), a tree that runs out of bits or hashes ({@code
 * merkle-truncated}), the CVE-2012-2459 duplicated-subtree trick ({@code merkle-duplicate-node}),
 * hashes or flag bytes left over ({@code merkle-extra-hashes}, {@code merkle-unused-bits}), a root
 * that differs from the header's ({@code merkle-root}) and a proof for another header ({@code
 * header-mismatch}).
 *
 * <p>Not thread-safe (reuses a digest); make one per thread.
 */
public final class SpvProofVerifier {
  /** Bitcoin Core's bound: MAX_BLOCK_WEIGHT / MIN_TRANSACTION_WEIGHT = 4,000,000 / 240. */
  public static final long MAX_TRANSACTIONS = 4_000_000L / 240;

  private final DoubleSha256 sha = new DoubleSha256();

  /** Verifies {@code proof} against its own header. */
  public SpvResult verify(MerkleBlock proof) {
    return verify(proof, proof.header());
  }

  /** Verifies {@code proof} and requires its header to be {@code expectedHeader} (80 bytes). */
  public SpvResult verify(MerkleBlock proof, byte[] expectedHeader) {
    if (expectedHeader.length != BitcoinHeader.SIZE) {
      throw new IllegalArgumentException("header must be 80 bytes, got " + expectedHeader.length);
    }
    if (!Arrays.equals(proof.header(), expectedHeader)) {
      return SpvResult.invalid("header-mismatch", "the proof is for another block header");
    }
    RuleViolation shape = checkShape(proof);
    if (shape != null) {
      return SpvResult.invalid(shape);
    }
    Traversal t = new Traversal(proof);
    byte[] root = t.run();
    if (t.violation != null) {
      return SpvResult.invalid(t.violation);
    }
    byte[] headerRoot = Arrays.copyOfRange(expectedHeader, 36, 68);
    if (!Arrays.equals(root, headerRoot)) {
      return SpvResult.invalid(
          "merkle-root",
          "the proof rebuilds root "
              + hexDisplay(root)
              + ", the header has "
              + hexDisplay(headerRoot));
    }
    return new SpvResult(List.copyOf(t.matched), null);
  }

  private static RuleViolation checkShape(MerkleBlock p) {
    long n = p.totalTransactions();
    if (n == 0 || n > MAX_TRANSACTIONS) {
      return violation(
          "merkle-tx-count", "transaction count " + n + " outside 1.." + MAX_TRANSACTIONS);
    }
    if (p.hashes().size() > n || (long) p.flags().length * 8 < p.hashes().size()) {
      return violation(
          "merkle-too-many-hashes",
          p.hashes().size()
              + " hashes for "
              + n
              + " transactions and "
              + p.flags().length * 8
              + " flag bits");
    }
    return null;
  }

  private static RuleViolation violation(String rule, String detail) {
    return new RuleViolation(rule, -1, detail);
  }

  private static String hexDisplay(byte[] internal) {
    return Bytes.hex(Bytes.reversed(internal));
  }

  /** Depth-first walk of the partial tree, as Bitcoin Core's {@code TraverseAndExtract}. */
  private final class Traversal {
    private final long total;
    private final List<byte[]> hashes;
    private final byte[] flags;
    private final List<MatchedTransaction> matched = new ArrayList<>();
    private int bitsUsed;
    private int hashesUsed;
    private RuleViolation violation;

    Traversal(MerkleBlock p) {
      this.total = p.totalTransactions();
      this.hashes = p.hashes();
      this.flags = p.flags();
    }

    byte[] run() {
      int height = 0;
      while (width(height) > 1) {
        height++;
      }
      byte[] root = walk(height, 0);
      if (violation == null && (bitsUsed + 7) / 8 != flags.length) {
        violation =
            violation(
                "merkle-unused-bits",
                "the tree used " + bitsUsed + " flag bits of " + flags.length + " bytes");
      } else if (violation == null && hashesUsed != hashes.size()) {
        violation =
            violation(
                "merkle-extra-hashes",
                "the tree used " + hashesUsed + " of " + hashes.size() + " hashes");
      }
      return root;
    }

    private long width(int height) {
      return (total + (1L << height) - 1) >> height;
    }

    private byte[] walk(int height, long pos) {
      if (violation != null) {
        return new byte[32];
      }
      if (bitsUsed >= flags.length * 8) {
        violation = violation("merkle-truncated", "the tree needs more flag bits than given");
        return new byte[32];
      }
      boolean parentOfMatch = ((flags[bitsUsed >> 3] >> (bitsUsed & 7)) & 1) != 0;
      bitsUsed++;
      if (height == 0 || !parentOfMatch) {
        return leaf(height, pos, parentOfMatch);
      }
      byte[] left = walk(height - 1, pos * 2);
      byte[] right = left;
      if (pos * 2 + 1 < width(height - 1)) {
        right = walk(height - 1, pos * 2 + 1);
        if (violation == null && Arrays.equals(left, right)) {
          violation =
              violation(
                  "merkle-duplicate-node",
                  "identical sibling subtrees at depth " + height + " (CVE-2012-2459)");
        }
      }
      return sha.hashPair(left, right);
    }

    private byte[] leaf(int height, long pos, boolean match) {
      if (hashesUsed >= hashes.size()) {
        violation = violation("merkle-truncated", "the tree needs more hashes than given");
        return new byte[32];
      }
      byte[] h = hashes.get(hashesUsed++);
      if (height == 0 && match) {
        matched.add(new MatchedTransaction(pos, h));
      }
      return h;
    }
  }
}
