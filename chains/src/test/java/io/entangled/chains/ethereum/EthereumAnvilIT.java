package io.entangled.chains.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.ethereum.trie.AccountProof;
import io.entangled.chains.ethereum.trie.AccountProofVerifier;
import io.entangled.chains.ethereum.trie.AccountState;
import io.entangled.chains.ethereum.trie.InvalidProofException;
import io.entangled.chains.ethereum.trie.MerklePatriciaProof;
import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.chains.spi.ChainHead;
import io.entangled.chains.spi.ChainSourceException;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import io.entangled.chains.spi.HeaderVerificationException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Hash;

/**
 * The {@code ethereum} and {@code optimism} adapters against two real anvil nodes (one plain, one
 * with {@code --network optimism}): follow and verify, finalized tag, reorg seen through
 * {@code canonicalHash} and parent links, fail-over from a dead URL, and account and storage
 * proofs of a solc-js-compiled contract against a verified checkpoint's state root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumAnvilIT {
  private AnvilNode l1;
  private AnvilNode l2;

  @BeforeAll
  void startNodes() throws Exception {
    AnvilNode.binary();
    l1 = AnvilNode.start();
    l2 = AnvilNode.start("--network", "optimism");
  }

  @AfterAll
  void stopNodes() {
    if (l1 != null) {
      l1.close();
    }
    if (l2 != null) {
      l2.close();
    }
  }

  static ChainAdapter adapter(String kind, List<URI> urls, boolean finalizedTag, Map<String, String> options) {
    ChainSpec spec = new ChainSpec("it-" + kind, kind, 31337, urls, 2, finalizedTag,
        Duration.ofSeconds(1), true, options);
    for (ChainAdapterFactory f : ServiceLoader.load(ChainAdapterFactory.class)) {
      if (f.kind().equals(kind)) {
        return f.create(spec);
      }
    }
    throw new AssertionError("no factory for kind " + kind);
  }

  @Test
  void followsTheChainAndVerifiesEveryHeader() {
    l1.mine(250);
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, Map.of("batch-size", "64"))) {
      ChainHead head = a.head();
      assertThat(head.height()).isGreaterThanOrEqualTo(250);
      assertThat(head.sourceFinalized()).isEmpty();
      List<Checkpoint> cps = a.fetchVerified(0, head.height(), HeaderHistory.empty());
      assertThat(cps).hasSize((int) head.height() + 1);
      for (int i = 1; i < cps.size(); i++) {
        assertThat(cps.get(i).parentHash()).isEqualTo(cps.get(i - 1).hash());
      }
      Checkpoint last = cps.get(cps.size() - 1);
      assertThat(last.hash()).isEqualTo(head.hash());
      assertThat(a.canonicalHash(last.height())).contains(last.hash());
      assertThat(a.canonicalHash(last.height() + 1000)).isEmpty();
      JsonNode block = l1.call("eth_getBlockByNumber", "0x" + Long.toHexString(last.height()), false);
      assertThat(JsonFields.hex(last.stateCommitment())).isEqualTo(block.get("stateRoot").asText());
      assertThat(EthHeaderJson.parse(block).layout()).isEqualTo(EthHeader.Layout.PRAGUE);
      assertThat(Hash.sha3(last.rawHeader())).isEqualTo(last.hash());
    }
  }

  @Test
  void followingContinuesFromStoredHistory() {
    l1.mine(10);
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, Map.of())) {
      long h = a.head().height();
      Map<Long, Checkpoint> stored = new HashMap<>();
      a.fetchVerified(h - 9, h - 5, HeaderHistory.empty()).forEach(c -> stored.put(c.height(), c));
      List<Checkpoint> next = a.fetchVerified(h - 4, h, height -> Optional.ofNullable(stored.get(height)));
      assertThat(next.get(0).parentHash()).isEqualTo(stored.get(h - 5).hash());
    }
  }

  @Test
  void reportsTheFinalizedTagWhenConfigured() {
    l1.mine(100);
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), true, Map.of())) {
      ChainHead head = a.head();
      assertThat(head.sourceFinalized()).isPresent();
      long finalized = Long.decode(l1.call("eth_getBlockByNumber", "finalized", false).get("number").asText());
      assertThat(head.sourceFinalized().getAsLong()).isEqualTo(finalized).isLessThan(head.height());
    }
  }

  @Test
  void seesAReorgThroughCanonicalHashAndParentLinks() {
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, Map.of())) {
      l1.mine(3);
      String snapshot = l1.call("evm_snapshot").asText();
      long base = l1.blockNumber();
      l1.mine(5);
      Map<Long, Checkpoint> stored = new HashMap<>();
      a.fetchVerified(base - 2, base + 5, HeaderHistory.empty()).forEach(c -> stored.put(c.height(), c));

      l1.call("evm_revert", snapshot);
      l1.call("evm_increaseTime", "0x100");
      l1.mine(6);

      for (long h = base - 2; h <= base; h++) {
        assertThat(a.canonicalHash(h)).contains(stored.get(h).hash());
      }
      for (long h = base + 1; h <= base + 5; h++) {
        assertThat(a.canonicalHash(h).orElseThrow()).isNotEqualTo(stored.get(h).hash());
      }
      HeaderHistory old = height -> Optional.ofNullable(stored.get(height));
      assertThatThrownBy(() -> a.fetchVerified(base + 2, base + 3, old))
          .isInstanceOf(HeaderVerificationException.class)
          .satisfies(e -> assertThat(((HeaderVerificationException) e).rule()).isEqualTo("parent-link"));
      List<Checkpoint> replaced = a.fetchVerified(base + 1, base + 6, old);
      assertThat(replaced.get(0).parentHash()).isEqualTo(stored.get(base).hash());
    }
  }

  @Test
  void seesAReorgMadeWithAnvilReorg() {
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, Map.of())) {
      l1.mine(10);
      long head = l1.blockNumber();
      List<Checkpoint> before = a.fetchVerified(head - 5, head, HeaderHistory.empty());
      ObjectNode tx = EthTestData.JSON.createObjectNode().put("from", l1.account())
          .put("to", "0x00000000000000000000000000000000000000aa").put("value", "0x1");
      l1.call("anvil_reorg", 3, List.of(List.of(tx, 0)));
      assertThat(a.canonicalHash(head - 3)).contains(before.get(2).hash());
      assertThat(a.canonicalHash(head - 2).orElseThrow()).isNotEqualTo(before.get(3).hash());
      assertThat(a.fetchVerified(head - 2, head, h -> h == head - 3
          ? Optional.of(before.get(2)) : Optional.empty())).hasSize(3);
    }
  }

  @Test
  void failsOverFromADeadUrlToALiveOne() throws Exception {
    l1.mine(5);
    URI dead = deadUrl();
    Map<String, String> fast = Map.of("retry-attempts", "2", "retry-initial-backoff", "PT0.01S",
        "retry-max-backoff", "PT0.02S", "rpc-timeout", "PT2S");
    try (ChainAdapter a = adapter("ethereum", List.of(dead, l1.url()), false, fast)) {
      long h = a.head().height();
      assertThat(a.fetchVerified(h - 3, h, HeaderHistory.empty())).hasSize(4);
      assertThat(a.canonicalHash(h)).isPresent();
    }
    try (ChainAdapter a = adapter("ethereum", List.of(dead, deadUrl()), false, fast)) {
      assertThatThrownBy(a::head).isInstanceOf(ChainSourceException.class)
          .hasMessageContaining(dead.toString()).hasMessageContaining("no source answered");
    }
  }

  @Test
  void provesAnAccountAndStorageSlotsOfADeployedContract() throws Exception {
    JsonNode compiled = SolcJs.compile(Path.of("src/main/solidity/test/ProofFixture.sol"));
    JsonNode evm = compiled.get("contracts").get("c.sol").get("ProofFixture").get("evm");
    String small = "%064x".formatted(0x2a);
    String large = "%064x".formatted(BigInteger.TWO.pow(255).add(BigInteger.valueOf(5)));
    ObjectNode tx = EthTestData.JSON.createObjectNode().put("from", l1.account())
        .put("data", "0x" + evm.get("bytecode").get("object").asText() + small + large)
        .put("gas", "0x2dc6c0");
    JsonNode receipt = l1.transact(tx);
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    String address = receipt.get("contractAddress").asText();
    long height = Long.decode(receipt.get("blockNumber").asText());
    l1.mine(2);

    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, Map.of())) {
      Checkpoint cp = a.fetchVerified(height, height, HeaderHistory.empty()).get(0);
      String creditSlot = JsonFields.hex(Hash.sha3(JsonFields.parseData("slot",
          "0x" + "0".repeat(24) + l1.account().substring(2) + "%064x".formatted(2))));
      JsonNode proofJson = l1.call("eth_getProof", address, List.of(slot(0), slot(1), creditSlot, slot(9)),
          "0x" + Long.toHexString(height));
      AccountProofVerifier.VerifiedAccount v =
          AccountProofVerifier.verify(cp.stateCommitment(), AccountProof.fromJson(proofJson));
      assertThat(v.exists()).isTrue();
      assertThat(v.slots()).containsExactly(BigInteger.valueOf(0x2a),
          BigInteger.TWO.pow(255).add(BigInteger.valueOf(5)), BigInteger.valueOf(7), BigInteger.ZERO);
      byte[] code = JsonFields.parseData("code", l1.call("eth_getCode", address,
          "0x" + Long.toHexString(height)).asText());
      assertThat(v.account().codeHash()).isEqualTo(Hash.sha3(code));

      ((ObjectNode) proofJson.get("storageProof").get(0)).put("value", "0x2b");
      assertThatThrownBy(() -> AccountProofVerifier.verify(cp.stateCommitment(), AccountProof.fromJson(proofJson)))
          .isInstanceOf(InvalidProofException.class).hasMessageStartingWith("storage-mismatch");
    }
  }

  @Test
  void provesTheAbsenceOfAnUnusedAccount() {
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, Map.of())) {
      long h = a.head().height();
      Checkpoint cp = a.fetchVerified(h, h, HeaderHistory.empty()).get(0);
      JsonNode proof = l1.call("eth_getProof", "0x00000000000000000000000000000000deadbeef", List.of(slot(0)),
          "0x" + Long.toHexString(h));
      AccountProofVerifier.VerifiedAccount v =
          AccountProofVerifier.verify(cp.stateCommitment(), AccountProof.fromJson(proof));
      assertThat(v.exists()).isFalse();
      assertThat(v.account().sameAs(AccountState.EMPTY)).isTrue();
    }
  }

  @Test
  void optimismCheckpointsCommitToTheOutputRoot() {
    l2.mine(40);
    try (ChainAdapter a = adapter("optimism", List.of(l2.url()), false, Map.of("batch-size", "16"))) {
      long h = a.head().height();
      List<Checkpoint> cps = a.fetchVerified(1, h, HeaderHistory.empty());
      assertThat(cps).hasSize((int) h);
      // at block 1 the message passer has no code and no storage on anvil: absent or empty
      Checkpoint first = cps.get(0);
      JsonNode block = l2.call("eth_getBlockByNumber", "0x1", false);
      byte[] stateRoot = JsonFields.data(block, "stateRoot", 32);
      JsonNode proof = l2.call("eth_getProof", EthereumAdapterOptions.DEFAULT_MESSAGE_PASSER, List.of(), "0x1");
      assertThat(JsonFields.data(proof, "storageHash", 32)).isEqualTo(MerklePatriciaProof.EMPTY_TRIE_ROOT);
      byte[] preimage = new byte[128];
      System.arraycopy(stateRoot, 0, preimage, 32, 32);
      System.arraycopy(MerklePatriciaProof.EMPTY_TRIE_ROOT, 0, preimage, 64, 32);
      System.arraycopy(first.hash(), 0, preimage, 96, 32);
      assertThat(first.stateCommitment()).isEqualTo(Hash.sha3(preimage)).isNotEqualTo(stateRoot);
    }
  }

  @Test
  void optimismOutputRootFollowsAMessagePasserWithStorage() {
    String passer = EthereumAdapterOptions.DEFAULT_MESSAGE_PASSER;
    l2.call("anvil_setStorageAt", passer, "0x0", "0x" + "%064x".formatted(99));
    l2.mine(1);
    try (ChainAdapter a = adapter("optimism", List.of(l2.url()), false, Map.of())) {
      long h = a.head().height();
      Checkpoint cp = a.fetchVerified(h, h, HeaderHistory.empty()).get(0);
      JsonNode proof = l2.call("eth_getProof", passer, List.of(), "0x" + Long.toHexString(h));
      byte[] storageRoot = JsonFields.data(proof, "storageHash", 32);
      assertThat(storageRoot).isNotEqualTo(MerklePatriciaProof.EMPTY_TRIE_ROOT);
      byte[] stateRoot = JsonFields.data(l2.call("eth_getBlockByNumber", "0x" + Long.toHexString(h), false),
          "stateRoot", 32);
      assertThat(cp.stateCommitment()).isEqualTo(OutputRoot.v0(stateRoot, storageRoot, cp.hash()));
    }
  }

  @Test
  void blocksAboveTheHeadAreASourceErrorNotAnEmptyAnswer() {
    Map<String, String> fast = Map.of("retry-attempts", "2", "retry-initial-backoff", "PT0.01S",
        "retry-max-backoff", "PT0.02S");
    try (ChainAdapter a = adapter("ethereum", List.of(l1.url()), false, fast)) {
      long h = a.head().height();
      assertThatThrownBy(() -> a.fetchVerified(h + 1, h + 2, HeaderHistory.empty()))
          .isInstanceOf(ChainSourceException.class).hasMessageContaining("no block " + (h + 1));
    }
  }

  @Test
  void rejectsBlocksFromANodeThatChangesTheirContent() throws Exception {
    l1.mine(3);
    try (TamperingProxy proxy = TamperingProxy.start(l1.url(), "\"gasUsed\":\"0x0\"", "\"gasUsed\":\"0x1\"");
        ChainAdapter a = adapter("ethereum", List.of(proxy.url()), false, Map.of())) {
      long h = a.head().height();
      assertThatThrownBy(() -> a.fetchVerified(h - 2, h, HeaderHistory.empty()))
          .isInstanceOf(HeaderVerificationException.class)
          .satisfies(e -> assertThat(((HeaderVerificationException) e).rule()).isEqualTo("block-hash"))
          .hasMessageContaining("it-ethereum");
    }
  }

  @Test
  void skipsAUrlThatServesAnotherChainWhenChainIdsAreChecked() throws Exception {
    Map<String, String> checked = Map.of("check-chain-id", "true", "retry-attempts", "1");
    try (AnvilNode other = AnvilNode.start("--chain-id", "777")) {
      try (ChainAdapter a = adapter("ethereum", List.of(other.url(), l1.url()), false, checked)) {
        assertThat(a.head().hash()).isEqualTo(EthHeaderJson.claimedHash(l1.call("eth_getBlockByNumber", "latest", false)));
      }
      try (ChainAdapter a = adapter("ethereum", List.of(other.url()), false, checked)) {
        assertThatThrownBy(a::head).isInstanceOf(ChainSourceException.class)
            .hasMessageContaining("serves chain id 777, configured 31337");
      }
    }
  }

  private static String slot(int i) {
    return "0x%064x".formatted(i);
  }

  private static URI deadUrl() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
  }

}
