package io.entangled.chains.ethereum.trie;

import io.entangled.chains.ethereum.rlp.Rlp;
import io.entangled.chains.ethereum.rlp.RlpException;
import io.entangled.chains.ethereum.rlp.RlpItem;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Verifies a Merkle-Patricia proof (the node list of {@code eth_getProof}, root first) for one key
 * against a trie root. Proves either the value stored at the key or its absence: a branch whose
 * slot for the next nibble is empty, or an extension or leaf whose path diverges from the key.
 * Every node must be reached by its hash (or be embedded in its parent when shorter than 32
 * bytes), and every node of the proof must be used.
 */
public final class MerklePatriciaProof {
  /** Root of the empty trie: keccak256(rlp("")). */
  public static final byte[] EMPTY_TRIE_ROOT =
      HexFormat.of().parseHex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  private static final int BRANCH_SIZE = 17;
  private static final int HASH_SIZE = 32;

  private MerklePatriciaProof() {}

  /**
   * The value stored under {@code key} (the raw trie key: for the state and storage tries, the
   * keccak256 of the address or slot), or empty when the proof shows that no value is stored.
   *
   * @throws InvalidProofException when the proof does not prove either
   */
  public static Optional<byte[]> verify(byte[] root, byte[] key, List<byte[]> proof) {
    if (root.length != HASH_SIZE) {
      throw new InvalidProofException("malformed-root", "root is " + root.length + " bytes, not 32");
    }
    if (proof.isEmpty()) {
      if (Arrays.equals(root, EMPTY_TRIE_ROOT)) {
        return Optional.empty();
      }
      throw new InvalidProofException("truncated-proof", "no nodes for a non-empty trie");
    }
    return new Walk(key, proof).run(root);
  }

  /** State of one walk down the trie. */
  private static final class Walk {
    private final byte[] path;
    private final List<byte[]> proof;
    private int depth;
    private int used;

    Walk(byte[] key, List<byte[]> proof) {
      this.path = Nibbles.of(key);
      this.proof = proof;
    }

    Optional<byte[]> run(byte[] root) {
      RlpItem node = nodeByHash(root);
      while (true) {
        if (!node.isList()) {
          return emptyTrie(node);
        }
        List<RlpItem> items = node.items();
        if (items.size() == BRANCH_SIZE) {
          if (depth == path.length) {
            return finish(value(items.get(16), true));
          }
          RlpItem child = items.get(path[depth++]);
          if (child.isEmptyString()) {
            return finish(Optional.empty());
          }
          node = follow(child);
        } else if (items.size() == 2) {
          Nibbles.Path p = Nibbles.decodeHexPrefix(items.get(0));
          if (p.leaf()) {
            return finish(matchesRest(p.nibbles(), true) ? value(items.get(1), false) : Optional.empty());
          }
          if (p.nibbles().length == 0) {
            throw new InvalidProofException("malformed-node", "extension with an empty path");
          }
          if (!matchesRest(p.nibbles(), false)) {
            return finish(Optional.empty());
          }
          depth += p.nibbles().length;
          node = follow(items.get(1));
        } else {
          throw new InvalidProofException("malformed-node",
              "node " + (used - 1) + " has " + items.size() + " items, not 2 or 17");
        }
      }
    }

    /** A trie that is a lone empty string: only the empty root, whose proof is {@code [0x80]}. */
    private Optional<byte[]> emptyTrie(RlpItem node) {
      if (node.isEmptyString() && used == 1) {
        return finish(Optional.empty());
      }
      throw new InvalidProofException("malformed-node", "a node that is not a list");
    }

    /** Whether the key's remaining nibbles equal (leaf) or start with (extension) {@code part}. */
    private boolean matchesRest(byte[] part, boolean whole) {
      int rest = path.length - depth;
      if (whole ? rest != part.length : rest < part.length) {
        return false;
      }
      return Arrays.equals(path, depth, depth + part.length, part, 0, part.length);
    }

    private static Optional<byte[]> value(RlpItem value, boolean emptyMeansAbsent) {
      if (value.isList()) {
        throw new InvalidProofException("malformed-node", "stored value is a list");
      }
      if (value.isEmptyString()) {
        if (emptyMeansAbsent) {
          return Optional.empty();
        }
        throw new InvalidProofException("malformed-node", "leaf with an empty value");
      }
      return Optional.of(value.bytes());
    }

    private RlpItem follow(RlpItem reference) {
      if (reference.isList()) {
        return reference;
      }
      if (reference.length() == HASH_SIZE) {
        return nodeByHash(reference.bytes());
      }
      throw new InvalidProofException("malformed-node",
          "child reference of " + reference.length() + " bytes is neither a hash nor a node");
    }

    private RlpItem nodeByHash(byte[] hash) {
      if (used >= proof.size()) {
        throw new InvalidProofException("truncated-proof",
            "the proof ends after " + used + " nodes but the path goes on");
      }
      byte[] encoded = proof.get(used);
      if (!Arrays.equals(Hash.sha3(encoded), hash)) {
        throw new InvalidProofException("node-hash",
            "node " + used + " does not hash to the reference above it");
      }
      used++;
      try {
        return Rlp.decode(encoded);
      } catch (RlpException e) {
        throw new InvalidProofException("malformed-node", "node " + (used - 1) + ": " + e.getMessage());
      }
    }

    private Optional<byte[]> finish(Optional<byte[]> result) {
      if (used != proof.size()) {
        throw new InvalidProofException("unused-nodes",
            (proof.size() - used) + " proof nodes after the end of the path");
      }
      return result;
    }
  }
}
