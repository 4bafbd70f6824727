package io.entangled.relayer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.chains.ethereum.trie.AccountProof;
import io.entangled.chains.ethereum.trie.AccountProofVerifier;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.db.ChainRepository;
import io.entangled.db.ChainStatus;
import io.entangled.db.CheckpointRepository;
import io.entangled.db.Database;
import io.entangled.db.Migrations;
import io.entangled.db.StoredCheckpoint;
import io.entangled.db.TestPostgres;
import io.entangled.relayer.chain.ChainRegistry;
import io.entangled.relayer.config.ChainSettings;
import io.entangled.relayer.devnet.DevnetNodes;
import io.entangled.relayer.metrics.RelayerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * The relayer's ingestion against a real anvil node through the real {@code ethereum} adapter and a
 * real PostgreSQL: verified checkpoints stored and finalized by depth, a shallow reorg (anvil_reorg)
 * survived by orphaning, a reorg deeper than finality halting the chain, and a restart resuming
 * without gaps or duplicates.
 */
class EthereumIngestionIT {
  private static final int CONFIRMATIONS = 5;
  private static DevnetNodes nodes;
  private static String rpcUrl;

  /** anvil's log folder; deleted after {@link #stopAnvil()}. */
  @TempDir static Path anvilDir;

  private ChainRegistry registry;
  private ChainRepository chains;
  private CheckpointRepository checkpoints;
  private ChainSettings settings;
  private DataSource ds;

  @BeforeAll
  static void startAnvil() throws Exception {
    Path anvil = DevnetNodes.findAnvil(Path.of("")).orElseThrow(
        () -> new AssertionError("anvil not found: run ./test.sh (it installs anvil into .tools/) or set ANVIL"));
    nodes = new DevnetNodes();
    rpcUrl = nodes.startAnvil(anvil, anvilDir, "anvil", 31337, List.of("--no-mining")).rpcUrl();
  }

  @AfterAll
  static void stopAnvil() {
    if (nodes != null) {
      nodes.stopAll();
    }
  }

  @BeforeEach
  void setUp() {
    ds = TestPostgres.dataSource(TestPostgres.freshDatabase());
    Migrations.migrate(ds);
    Database db = new Database(ds);
    chains = new ChainRepository(db.jdbc());
    checkpoints = new CheckpointRepository(db);
    ChainSpec spec = new ChainSpec("eth-it", "ethereum", 31337, List.of(URI.create(rpcUrl)),
        CONFIRMATIONS, false, Duration.ofSeconds(1), true, Map.of());
    settings = new ChainSettings(spec, 0L, 7);
    registry = ChainRegistry.create(ChainRegistry.discoverFactories(getClass().getClassLoader()), List.of(settings));
    chains.upsertConfigured("eth-it", "ethereum", 31337, true);
  }

  private ChainIngestor ingestor() {
    return new ChainIngestor(registry, chains, checkpoints, new RelayerMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());
  }

  @Test
  void storesVerifiedCheckpointsSurvivesAShallowReorgAndHaltsOnADeepOne() throws Exception {
    long head = blockNumber() + 20;
    rpc("anvil_mine", "[\"0x14\"]");

    ingestor().ingest(settings, 30_000);

    StoredCheckpoint tip = checkpoints.latestCanonical("eth-it").orElseThrow();
    assertThat(tip.height()).isEqualTo(head);
    assertThat(checkpoints.latestFinalized("eth-it").orElseThrow().height()).isEqualTo(head - CONFIRMATIONS);
    assertThat(Hash.sha3(tip.rawHeader())).isEqualTo(tip.hash());
    assertThat(hex(tip.hash())).isEqualTo(blockHash(head));
    assertThat(chains.find("eth-it").orElseThrow().status()).isEqualTo(ChainStatus.FOLLOWING);

    // shallow reorg: the last 3 blocks are replaced; none of them was final
    String before = blockHash(head);
    rpc("anvil_reorg", "[3, []]");
    assertThat(blockHash(head)).isNotEqualTo(before);
    ingestor().ingest(settings, 30_000);

    assertThat(hex(checkpoints.latestCanonical("eth-it").orElseThrow().hash())).isEqualTo(blockHash(head));
    assertThat(checkpoints.orphaned("eth-it", 10)).hasSize(3);
    assertThat(chains.find("eth-it").orElseThrow().reorgCount()).isEqualTo(1);
    assertContiguous(0, head);

    // deep reorg: replaces finalized blocks -> halt, nothing rewritten
    rpc("anvil_reorg", "[" + (CONFIRMATIONS + 3) + ", []]");
    ingestor().ingest(settings, 30_000);

    var chain = chains.find("eth-it").orElseThrow();
    assertThat(chain.status()).isEqualTo(ChainStatus.HALTED);
    assertThat(chain.statusReason()).contains("reorg deeper than finality");
    assertThat(checkpoints.orphaned("eth-it", 10)).hasSize(3);
    String stillFinal = hex(checkpoints.latestFinalized("eth-it").orElseThrow().hash());
    ingestor().ingest(settings, 30_000);
    assertThat(hex(checkpoints.latestFinalized("eth-it").orElseThrow().hash())).isEqualTo(stillFinal);
  }

  @Test
  void resumesAfterARestartWithoutGapsOrDuplicates() throws Exception {
    long start = blockNumber();
    rpc("anvil_mine", "[\"0x20\"]");
    ChainSettings fromHere = new ChainSettings(settings.spec(), start, 7);
    // a run cut short by its budget, then a new ingestor (a restarted node) on the same database
    ingestor().ingest(fromHere, 1);
    long partial = checkpoints.latestCanonical("eth-it").orElseThrow().height();
    assertThat(partial).isLessThan(start + 32);
    registry.close();
    registry = ChainRegistry.create(ChainRegistry.discoverFactories(getClass().getClassLoader()), List.of(fromHere));
    rpc("anvil_mine", "[\"0x5\"]");

    ingestor().ingest(fromHere, 30_000);

    assertContiguous(start, start + 37);
  }

  @Test
  void provesAnAccountAndAStorageSlotAgainstAStoredStateRoot() throws Exception {
    // a contract whose init code stores 42 in slot 0 (PUSH1 0x2a PUSH1 0 SSTORE), deployed by
    // anvil's first funded account
    String from = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    String tx = field(rpc("eth_sendTransaction",
        "[{\"from\":\"" + from + "\",\"data\":\"0x602a600055\",\"gas\":\"0x30000\"}]"), "result");
    rpc("anvil_mine", "[\"0x1\"]");
    String contract = field(rpc("eth_getTransactionReceipt", "[\"" + tx + "\"]"), "contractAddress");
    long height = blockNumber();
    rpc("anvil_mine", "[\"0x" + Long.toHexString(CONFIRMATIONS) + "\"]");
    ingestor().ingest(new ChainSettings(settings.spec(), height - 1, 7), 30_000);
    StoredCheckpoint stored = checkpoints.canonicalAt("eth-it", height).orElseThrow();
    assertThat(stored.finalized()).isTrue();

    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    String proofJson = rpc("eth_getProof", "[\"" + contract + "\", [\"0x0000000000000000000000000000000000000000000000000000000000000000\"], \"0x" + Long.toHexString(height) + "\"]");
    var proof = AccountProof.fromJson(mapper.readTree(proofJson).get("result"));
    var verified = AccountProofVerifier.verify(stored.stateCommitment(), proof);
    assertThat(verified.exists()).isTrue();
    assertThat(verified.slots()).containsExactly(java.math.BigInteger.valueOf(42));

    String fundedJson = rpc("eth_getProof", "[\"" + from + "\", [], \"0x" + Long.toHexString(height) + "\"]");
    var funded = AccountProofVerifier.verify(stored.stateCommitment(),
        AccountProof.fromJson(mapper.readTree(fundedJson).get("result")));
    assertThat(funded.account().balance()).isPositive();

    // the same proof does not verify against another stored state root
    StoredCheckpoint earlier = checkpoints.canonicalAt("eth-it", height - 1).orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> AccountProofVerifier.verify(earlier.stateCommitment(), proof)).isInstanceOf(RuntimeException.class);
  }

  private void assertContiguous(long from, long to) {
    List<StoredCheckpoint> all = checkpoints.canonicalFrom("eth-it", from, 10_000);
    assertThat(all).extracting(StoredCheckpoint::height)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(from, to).boxed().toList());
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).parentHash()).isEqualTo(all.get(i - 1).hash());
    }
  }

  private static long blockNumber() throws Exception {
    String r = rpc("eth_blockNumber", "[]");
    return Long.decode(field(r, "result"));
  }

  private static String blockHash(long n) throws Exception {
    String r = rpc("eth_getBlockByNumber", "[\"0x" + Long.toHexString(n) + "\", false]");
    return field(r, "hash");
  }

  private static String field(String json, String name) {
    int i = json.indexOf("\"" + name + "\":\"");
    return json.substring(i + name.length() + 4, json.indexOf('"', i + name.length() + 4));
  }

  private static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }

  private static String rpc(String method, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(rpcUrl)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.body().contains("\"error\"")) {
      throw new AssertionError(method + " failed: " + r.body());
    }
    return r.body();
  }
}
