package io.entangled.chains.ethereum.trie;

import io.entangled.chains.ethereum.rlp.Rlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Hash;

/**
 * Computes the root of a Merkle-Patricia trie holding a set of key/value pairs. The trie is
 * canonical, so it is built in one pass from the sorted keys rather than by inserting one by one.
 * Empty values are not stored (an empty value deletes the key).
 */
public final class TrieRoot {
  private static final int HASH_SIZE = 32;

  private TrieRoot() {}

  /** The root hash of the trie holding {@code entries} (keys compared as unsigned bytes). */
  public static byte[] of(Map<byte[], byte[]> entries) {
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
    return Hash.sha3(node(keys, values, 0, keys.size(), 0));
  }

  /** The encoded node for the keys {@code [from, to)}, which share their first {@code depth} nibbles. */
  private static byte[] node(List<byte[]> keys, List<byte[]> values, int from, int to, int depth) {
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

  private static byte[] branch(List<byte[]> keys, List<byte[]> values, int from, int to, int depth) {
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
  private static byte[] reference(byte[] encodedNode) {
    return encodedNode.length < HASH_SIZE ? encodedNode : Rlp.encodeBytes(Hash.sha3(encodedNode));
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
