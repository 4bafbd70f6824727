package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.bitcoin.source.BitcoinRpcSource;
import io.entangled.chains.bitcoin.spv.BlockTransactions;
import io.entangled.chains.bitcoin.spv.MatchedTransaction;
import io.entangled.chains.bitcoin.spv.MerkleBlock;
import io.entangled.chains.bitcoin.spv.SpvProofVerifier;
import io.entangled.chains.bitcoin.spv.SpvResult;
import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainSourceException;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderVerificationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The adapter against a live Bitcoin-Core-family node: Debian's litecoind in regtest, followed over
 * JSON-RPC with the Litecoin regtest rules (scrypt proof of work).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LitecoinRegtestIT {
  private LitecoindRegtest node;
  private ChainAdapter adapter;
  private final MapHeaderHistory history = new MapHeaderHistory();
  private String address;

  @BeforeAll
  void startNode() throws IOException {
    node = LitecoindRegtest.start();
    address = node.call("getnewaddress").asText();
    node.mine(110, address);
    adapter = adapterFor(List.of(node.url()), node.env());
  }

  @AfterAll
  void stopNode() {
    if (adapter != null) {
      adapter.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private ChainAdapter adapterFor(List<URI> urls, Map<String, String> env) {
    Map<String, String> options =
        Map.of(
            "network",
            "litecoin-regtest",
            "source",
            "rpc",
            "rpc.user-env",
            LitecoindRegtest.USER_ENV,
            "rpc.password-env",
            LitecoindRegtest.PASSWORD_ENV);
    ChainSpec spec =
        new ChainSpec(
            "ltc-regtest", "bitcoin", 2, urls, 2, false, Duration.ofSeconds(1), true, options);
    return new BitcoinChainAdapterFactory(env::get).create(spec);
  }

  /** Ingests up to the node's head the way the relayer does: verified batches on stored history. */
  private long followToHead() {
    long next = history.size();
    long head = adapter.head().height();
    while (next <= head) {
      long to = Math.min(head, next + 49);
      history.store(adapter.fetchVerified(next, to, history));
      next = to + 1;
    }
    return head;
  }

  @Test
  @Order(1)
  void followsTheChainFromGenesisVerifyingScryptProofOfWork() {
    long head = followToHead();

    assertThat(head).isGreaterThanOrEqualTo(110);
    for (long h = 0; h <= head; h++) {
      Checkpoint c = history.at(h).orElseThrow();
      assertThat(c.hash()).isEqualTo(adapter.canonicalHash(h).orElseThrow());
      assertThat(Bytes.hex(c.hash())).isEqualTo(node.call("getblockhash", h).asText());
    }
    assertThat(adapter.canonicalHash(head + 1)).isEmpty();
  }

  @Test
  @Order(2)
  void verifiesSpvProofsOfTransactionsItSent() {
    List<String> txids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      txids.add(node.call("sendtoaddress", node.call("getnewaddress").asText(), 0.5 + i).asText());
    }
    String blockHash = node.mine(1, address).get(0);
    long head = followToHead();
    byte[] header = history.at(head).orElseThrow().rawHeader();
    BitcoinRpcSource rpc = node.rpc();

    for (String txid : txids) {
      SpvResult r =
          new SpvProofVerifier()
              .verify(MerkleBlock.parse(rpc.txOutProof(List.of(txid), blockHash)), header);
      assertThat(r.valid()).as("%s", r.violation()).isTrue();
      assertThat(r.matched()).extracting(MatchedTransaction::txidHex).containsExactly(txid);
    }
    SpvResult all =
        new SpvProofVerifier().verify(MerkleBlock.parse(rpc.txOutProof(txids, blockHash)), header);
    assertThat(all.matched())
        .extracting(MatchedTransaction::txidHex)
        .containsExactlyInAnyOrderElementsOf(txids);
    List<byte[]> blockTxids = BlockTransactions.txids(rpc.rawBlock(blockHash));
    assertThat(blockTxids).hasSize(4);
    assertThat(BlockTransactions.merkleRoot(blockTxids))
        .isEqualTo(Arrays.copyOfRange(header, 36, 68));
  }

  @Test
  @Order(3)
  void aTamperedProofOfASentTransactionIsRejected() {
    String txid = node.call("sendtoaddress", address, 1.25).asText();
    String blockHash = node.mine(1, address).get(0);
    long head = followToHead();
    MerkleBlock proof = MerkleBlock.parse(node.rpc().txOutProof(List.of(txid), blockHash));
    List<byte[]> hashes = new ArrayList<>(proof.hashes());
    byte[] h = hashes.get(0).clone();
    h[31] ^= 0x01;
    hashes.set(0, h);

    SpvResult r =
        new SpvProofVerifier()
            .verify(
                new MerkleBlock(proof.header(), proof.totalTransactions(), hashes, proof.flags()),
                history.at(head).orElseThrow().rawHeader());

    assertThat(r.violation().rule()).isEqualTo("merkle-root");
  }

  @Test
  @Order(4)
  void seesAReorgThroughCanonicalHashAndFollowsTheNewBranch() {
    long tip = followToHead();
    long forkHeight = tip - 2;
    String invalidated = Bytes.hex(history.at(forkHeight).orElseThrow().hash());
    node.call("invalidateblock", invalidated);
    String other = node.call("getnewaddress").asText();
    node.mine(5, other);

    assertThat(adapter.canonicalHash(forkHeight).orElseThrow())
        .isNotEqualTo(history.at(forkHeight).orElseThrow().hash());
    long ancestor = tip;
    while (!Arrays.equals(
        adapter.canonicalHash(ancestor).orElseThrow(), history.at(ancestor).orElseThrow().hash())) {
      ancestor--;
    }
    assertThat(ancestor).isEqualTo(forkHeight - 1);

    history.forgetFrom(ancestor + 1);
    long newHead = followToHead();

    assertThat(newHead).isEqualTo(forkHeight - 1 + 5);
    assertThat(Bytes.hex(history.at(forkHeight).orElseThrow().hash())).isNotEqualTo(invalidated);
    assertThat(history.at(forkHeight).orElseThrow().parentHash())
        .isEqualTo(history.at(ancestor).orElseThrow().hash());
  }

  @Test
  @Order(5)
  void aBatchOnTheOldBranchNoLongerLinksAfterTheReorg() {
    long head = followToHead();
    Checkpoint stale = history.at(head - 1).orElseThrow();
    node.call("invalidateblock", Bytes.hex(stale.hash()));
    node.mine(3, node.call("getnewaddress").asText());

    assertThatThrownBy(() -> adapter.fetchVerified(head, head + 1, history))
        .isInstanceOfSatisfying(
            HeaderVerificationException.class,
            e -> assertThat(e.rule()).isEqualTo("prev-hash-link"));
  }

  @Test
  @Order(6)
  void failsOverFromADeadUrlToTheNode() throws IOException {
    URI dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
    }
    try (ChainAdapter failover = adapterFor(List.of(dead, node.url()), node.env())) {
      assertThat(failover.head().height()).isEqualTo(adapter.head().height());
      assertThat(failover.canonicalHash(1).map(Bytes::hex))
          .isEqualTo(adapter.canonicalHash(1).map(Bytes::hex));
    }
  }

  @Test
  @Order(7)
  void authenticatesWithTheNodesCookieFile() {
    ChainSpec spec =
        new ChainSpec(
            "ltc-cookie",
            "bitcoin",
            2,
            List.of(node.url()),
            2,
            false,
            Duration.ofSeconds(1),
            true,
            Map.of("network", "litecoin-regtest", "rpc.cookie-file", node.cookieFile().toString()));
    try (ChainAdapter cookie = new BitcoinChainAdapterFactory(name -> null).create(spec)) {
      assertThat(cookie.head().height()).isEqualTo(adapter.head().height());
    }
  }

  @Test
  @Order(8)
  void wrongCredentialsFailWithoutLeakingThePassword() {
    Map<String, String> env = new HashMap<>(node.env());
    env.put(LitecoindRegtest.PASSWORD_ENV, "wrong-" + node.password());
    try (ChainAdapter bad = adapterFor(List.of(node.url()), env)) {
      assertThatThrownBy(bad::head)
          .isInstanceOf(ChainSourceException.class)
          .hasMessageContaining("401")
          .hasMessageNotContaining(node.password());
    }
  }
}
