package io.entangled.chains.ethereum.trie;

import io.entangled.chains.ethereum.rlp.Rlp;
import io.entangled.chains.ethereum.rlp.RlpItem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Hash;

/**
 * Computes the root of a Merkle-Patricia trie holding a set of key/value pairs. The trie is
 * canonical, so it is built in one pass from the sorted keys rather than by inserting one by one.
 * Empty values are not stored (an empty value deletes the key). Can also give the proof of a
 * key in such a trie, in the {@code eth_getProof} form.
 */
public final class TrieRoot {
  private static final int HASH_SIZE = 32;

  private final Map<ByteBuffer, byte[]> nodesByHash;

  private TrieRoot(Map<ByteBuffer, byte[]> nodesByHash) {
    this.nodesByHash = nodesByHash;
  }

  /** The root hash of the trie holding {@code entries} (keys compared as unsigned bytes). */
  public static byte[] of(Map<byte[], byte[]> entries) {
    return new TrieRoot(null).root(entries);
  }

  /**
   * The proof of {@code key} in the trie holding {@code entries}: the nodes on its path, root
   * first, as {@link MerklePatriciaProof#verify} takes them (an inclusion or absence proof).
   */
  public static List<byte[]> proof(Map<byte[], byte[]> entries, byte[] key) {
    TrieRoot trie = new TrieRoot(new HashMap<>());
    byte[] root = trie.root(entries);
    List<byte[]> proof = new ArrayList<>();
    byte[] node = trie.nodesByHash.get(ByteBuffer.wrap(root));
    byte[] path = Nibbles.of(key);
    int depth = 0;
    while (node != null) {
      proof.add(node);
      Step next = childOnPath(Rlp.decode(node), path, depth);
      node = null;
      if (next != null && !next.child().isList() && next.child().length() == HASH_SIZE) {
        node = trie.nodesByHash.get(ByteBuffer.wrap(next.child().bytes()));
        depth = next.depth();
      }
    }
    return proof;
  }

  private record Step(RlpItem child, int depth) {}

  /** The child reference on the path with the depth below it, or null where the path ends. */
  private static Step childOnPath(RlpItem node, byte[] path, int depth) {
    List<RlpItem> items = node.isList() ? node.items() : List.of();
    if (items.size() == 17 && depth < path.length) {
      return new Step(items.get(path[depth]), depth + 1);
    }
    if (items.size() == 2) {
      Nibbles.Path p = Nibbles.decodeHexPrefix(items.get(0));
      int n = p.nibbles().length;
      if (!p.leaf() && depth + n <= path.length
          && Arrays.equals(path, depth, depth + n, p.nibbles(), 0, n)) {
        return new Step(items.get(1), depth + n);
      }
    }
    return null;
  }

  private byte[] root(Map<byte[], byte[]> entries) {
    TreeMap<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
    entries.forEach((k, v) -> {
      if (v.length > 0) {
        sorted.put(k, v);
      }
    });
    if (sorted.isEmpty()) {
      return MerklePatriciaProof.EMPTY_TRIE_ROOT.clone();
    }
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    sorted.forEach((k, v) -> {
      keys.add(Nibbles.of(k));
      values.add(v);
    });
    byte[] encoded = node(keys, values, 0, keys.size(), 0);
    byte[] root = Hash.sha3(encoded);
    remember(root, encoded);
    return root;
  }

  /** The encoded node for the keys {@code [from, to)}, which share their first {@code depth} nibbles. */
  private byte[] node(List<byte[]> keys, List<byte[]> values, int from, int to, int depth) {
    if (to - from == 1) {
      byte[] key = keys.get(from);
      return Rlp.encodeList(List.of(
          Rlp.encodeBytes(Nibbles.hexPrefix(key, depth, key.length, true)),
          Rlp.encodeBytes(values.get(from))));
    }
    int common = commonPrefix(keys.get(from), keys.get(to - 1), depth);
    if (common > depth) {
      byte[] key = keys.get(from);
      return Rlp.encodeList(List.of(
          Rlp.encodeBytes(Nibbles.hexPrefix(key, depth, common, false)),
          reference(node(keys, values, from, to, common))));
    }
    return branch(keys, values, from, to, depth);
  }

  private byte[] branch(List<byte[]> keys, List<byte[]> values, int from, int to, int depth) {
    List<byte[]> items = new ArrayList<>(17);
    byte[] value = new byte[0];
    int i = from;
    if (keys.get(i).length == depth) {
      value = values.get(i++);
    }
    for (int nibble = 0; nibble < 16; nibble++) {
      int start = i;
      while (i < to && keys.get(i)[depth] == nibble) {
        i++;
      }
      items.add(start == i ? Rlp.encodeBytes(new byte[0])
          : reference(node(keys, values, start, i, depth + 1)));
    }
    items.add(Rlp.encodeBytes(value));
    return Rlp.encodeList(items);
  }

  /** A child as its parent holds it: embedded when shorter than 32 bytes, else its hash. */
  private byte[] reference(byte[] encodedNode) {
    if (encodedNode.length < HASH_SIZE) {
      return encodedNode;
    }
    byte[] hash = Hash.sha3(encodedNode);
    remember(hash, encodedNode);
    return Rlp.encodeBytes(hash);
  }

  private void remember(byte[] hash, byte[] encodedNode) {
    if (nodesByHash != null) {
      nodesByHash.put(ByteBuffer.wrap(hash), encodedNode);
    }
  }

  /** Length of the common prefix of the sorted range's first and last key (hence of all). */
  private static int commonPrefix(byte[] a, byte[] b, int depth) {
    int n = Math.min(a.length, b.length);
    int i = depth;
    while (i < n && a[i] == b[i]) {
      i++;
    }
    return i;
  }
}
