package io.entangled.chains.ethereum.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.ethereum.EthTestData;
import io.entangled.chains.ethereum.JsonFields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real go-ethereum eth_getProof answers verify; tampered ones are rejected with the right rule. */
class AccountProofVerifierTest {
  private static final String DIR = "execution-apis/eth_getProof/";

  /** All four answers are against the hive chain's latest block. */
  static byte[] stateRoot() {
    return JsonFields.data(EthTestData.ioResult("execution-apis/eth_getBlockByNumber/get-latest.io"),
        "stateRoot", 32);
  }

  static Stream<String> proofFiles() {
    return EthTestData.list("execution-apis/eth_getProof").stream();
  }

  static ObjectNode answer(String file) {
    return (ObjectNode) EthTestData.ioResult(DIR + file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proofFiles")
  void realAnswerVerifiesAgainstTheStateRoot(String file) {
    JsonNode json = answer(file);
    AccountProofVerifier.VerifiedAccount v =
        AccountProofVerifier.verify(stateRoot(), AccountProof.fromJson(json));
    assertThat(v.exists()).isTrue();
    assertThat(v.account().balance()).isEqualTo(JsonFields.quantity(json, "balance"));
    assertThat(v.slots()).hasSize(json.get("storageProof").size());
  }

  @Test
  void storageSlotValueIsProven() {
    AccountProofVerifier.VerifiedAccount v = AccountProofVerifier.verify(stateRoot(),
        AccountProof.fromJson(answer("get-account-proof-with-storage.io")));
    assertThat(v.slots()).containsExactly(BigInteger.valueOf(0x38));
  }

  @Test
  void rejectsChangedProofNode() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    ArrayNode nodes = (ArrayNode) json.get("accountProof");
    nodes.set(1, flipLastHexDigit(nodes.get(1).asText()));
    assertRule(json, "node-hash");
  }

  @Test
  void rejectsChangedStorageValue() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    ((ObjectNode) json.get("storageProof").get(0)).put("value", "0x39");
    assertRule(json, "storage-mismatch");
  }

  @Test
  void rejectsChangedStorageProofNode() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    ArrayNode nodes = (ArrayNode) json.get("storageProof").get(0).get("proof");
    nodes.set(nodes.size() - 1, flipLastHexDigit(nodes.get(nodes.size() - 1).asText()));
    assertRule(json, "node-hash");
  }

  @Test
  void rejectsChangedBalance() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    json.put("balance", "0x77");
    assertRule(json, "account-mismatch");
  }

  @Test
  void rejectsProofForAnotherAddress() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    json.put("address", "0x7dcd17433742f4c0ca53122ab541d0ba67fc27de");
    assertThatThrownBy(() -> verify(json)).isInstanceOf(InvalidProofException.class)
        .satisfies(e -> assertThat(((InvalidProofException) e).rule())
            .isIn("account-mismatch", "node-hash", "truncated-proof", "unused-nodes"));
  }

  @Test
  void rejectsTruncatedProof() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    ((ArrayNode) json.get("accountProof")).remove(json.get("accountProof").size() - 1);
    assertRule(json, "truncated-proof");
  }

  @Test
  void rejectsExtraNodes() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    ArrayNode nodes = (ArrayNode) json.get("accountProof");
    nodes.add(nodes.get(nodes.size() - 1).asText());
    assertRule(json, "unused-nodes");
  }

  @Test
  void rejectsSwappedNodes() {
    ObjectNode json = answer("get-account-proof-with-storage.io");
    ArrayNode nodes = (ArrayNode) json.get("accountProof");
    JsonNode first = nodes.get(0);
    nodes.set(0, nodes.get(1));
    nodes.set(1, first);
    assertRule(json, "node-hash");
  }

  @Test
  void rejectsAgainstAnotherStateRoot() {
    byte[] root = stateRoot();
    root[0] ^= 1;
    assertThatThrownBy(() -> AccountProofVerifier.verify(root,
        AccountProof.fromJson(answer("get-account-proof-latest.io"))))
        .isInstanceOf(InvalidProofException.class).hasMessageStartingWith("node-hash");
  }

  @Test
  void provesAbsenceThroughAnEmptyBranchSlot() {
    Fixture f = Fixture.build(8);
    java.util.Set<Integer> used = new java.util.HashSet<>();
    f.entries.keySet().forEach(k -> used.add((k[0] >> 4) & 0x0f));
    int i = 1000;
    while (used.contains((Fixture.key(i)[0] >> 4) & 0x0f)) {
      i++;
    }
    byte[] missing = Fixture.key(i);
    List<byte[]> proof = f.proofOf(missing);
    assertThat(proof).hasSize(1);
    assertThat(MerklePatriciaProof.verify(f.root, missing, proof)).isEmpty();
    proof.add(f.proofOf(Fixture.key(0)).get(1));
    assertThatThrownBy(() -> MerklePatriciaProof.verify(f.root, missing, proof))
        .hasMessageStartingWith("unused-nodes");
  }

  @Test
  void provesAbsenceThroughADivergingLeaf() {
    Fixture f = Fixture.build(1);
    byte[] missing = Fixture.key(7);
    assertThat(MerklePatriciaProof.verify(f.root, missing, f.proofOf(missing))).isEmpty();
  }

  @Test
  void provesAbsenceThroughADivergingExtension() {
    java.util.Map<byte[], byte[]> m = new java.util.TreeMap<>(java.util.Arrays::compare);
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    a[0] = 0x12;
    b[0] = 0x12;
    a[31] = 1;
    b[31] = 2;
    m.put(a, Fixture.value(1));
    m.put(b, Fixture.value(2));
    byte[] missing = new byte[32];
    missing[0] = 0x13;
    List<byte[]> proof = TrieRoot.proof(m, missing);
    assertThat(proof).hasSize(1);
    assertThat(io.entangled.chains.ethereum.rlp.Rlp.decode(proof.get(0)).items()).hasSize(2);
    assertThat(MerklePatriciaProof.verify(TrieRoot.of(m), missing, proof)).isEmpty();
    assertThat(MerklePatriciaProof.verify(TrieRoot.of(m), a, TrieRoot.proof(m, a)))
        .contains(Fixture.value(1));
  }

  @Test
  void provesInclusionInABuiltTrie() {
    Fixture f = Fixture.build(300);
    for (int i = 0; i < 300; i += 37) {
      byte[] key = Fixture.key(i);
      assertThat(MerklePatriciaProof.verify(f.root, key, f.proofOf(key))).contains(Fixture.value(i));
    }
  }

  @Test
  void emptyTrieProvesAbsenceWithOrWithoutItsNode() {
    byte[] key = Fixture.key(1);
    assertThat(MerklePatriciaProof.verify(MerklePatriciaProof.EMPTY_TRIE_ROOT, key, List.of())).isEmpty();
    assertThat(MerklePatriciaProof.verify(MerklePatriciaProof.EMPTY_TRIE_ROOT, key,
        List.of(new byte[] {(byte) 0x80}))).isEmpty();
  }

  private static void assertRule(JsonNode json, String rule) {
    assertThatThrownBy(() -> verify(json)).isInstanceOf(InvalidProofException.class)
        .satisfies(e -> assertThat(((InvalidProofException) e).rule()).isEqualTo(rule));
  }

  private static void verify(JsonNode json) {
    AccountProofVerifier.verify(stateRoot(), AccountProof.fromJson(json));
  }

  private static String flipLastHexDigit(String hex) {
    char last = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
  }

  /** A trie built here, with proofs read from its nodes, to reach the absence shapes. */
  static final class Fixture {
    final byte[] root;
    final java.util.Map<byte[], byte[]> entries;

    private Fixture(java.util.Map<byte[], byte[]> entries) {
      this.entries = entries;
      this.root = TrieRoot.of(entries);
    }

    static Fixture build(int n) {
      java.util.Map<byte[], byte[]> m = new java.util.TreeMap<>(java.util.Arrays::compare);
      for (int i = 0; i < n; i++) {
        m.put(key(i), value(i));
      }
      return new Fixture(m);
    }

    static byte[] key(int i) {
      return org.web3j.crypto.Hash.sha3(BigInteger.valueOf(i).toByteArray());
    }

    static byte[] value(int i) {
      return ("value-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    List<byte[]> proofOf(byte[] key) {
      return new ArrayList<>(TrieRoot.proof(entries, key));
    }
  }
}
