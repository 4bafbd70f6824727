package io.entangled.chains.ethereum.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over random tries (keys of 1..4 bytes, so that prefixes, extensions and embedded nodes
 * all occur, and 32-byte hashed keys as in the state trie): every key's proof proves its value, a
 * key not in the trie is proven absent, and a flipped bit in any proof node is rejected.
 */
class MerklePatriciaProofPropertyTest {

  @Provide
  Arbitrary<Map<byte[], byte[]>> tries() {
    Arbitrary<byte[]> keys = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4),
        Arbitraries.bytes().array(byte[].class).ofSize(32));
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
    return Arbitraries.maps(keys, values).ofMinSize(1).ofMaxSize(60).map(m -> {
      Map<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
      sorted.putAll(m);
      return sorted;
    });
  }

  @Property(tries = 200)
  void everyStoredKeyIsProven(@ForAll("tries") Map<byte[], byte[]> trie) {
    byte[] root = TrieRoot.of(trie);
    trie.forEach((k, v) -> assertThat(MerklePatriciaProof.verify(root, k, TrieRoot.proof(trie, k)))
        .hasValueSatisfying(found -> assertThat(found).isEqualTo(v)));
  }

  @Property(tries = 200)
  void anAbsentKeyIsProvenAbsent(@ForAll("tries") Map<byte[], byte[]> trie,
      @ForAll("absentKeys") byte[] key) {
    if (trie.containsKey(key)) {
      return;
    }
    byte[] root = TrieRoot.of(trie);
    assertThat(MerklePatriciaProof.verify(root, key, TrieRoot.proof(trie, key))).isEqualTo(Optional.empty());
  }

  @Provide
  Arbitrary<byte[]> absentKeys() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 200)
  void aFlippedBitInAnyNodeIsRejected(@ForAll("tries") Map<byte[], byte[]> trie,
      @ForAll @IntRange(min = 0, max = 1 << 20) int where) {
    List<byte[]> keys = new ArrayList<>(trie.keySet());
    byte[] key = keys.get(where % keys.size());
    List<byte[]> proof = new ArrayList<>(TrieRoot.proof(trie, key));
    int node = where % proof.size();
    byte[] tampered = proof.get(node).clone();
    int bit = (where / 7) % (tampered.length * 8);
    tampered[bit / 8] ^= (byte) (1 << (bit % 8));
    proof.set(node, tampered);
    byte[] root = TrieRoot.of(trie);
    assertThatThrownBy(() -> MerklePatriciaProof.verify(root, key, proof))
        .isInstanceOf(InvalidProofException.class);
  }
}
