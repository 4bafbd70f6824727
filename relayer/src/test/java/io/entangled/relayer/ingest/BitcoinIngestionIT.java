package io.entangled.relayer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.entangled.relayer.metrics.RelayerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relayer's ingestion following a live Bitcoin-Core-family node (Debian's litecoind in regtest,
 * scrypt proof of work, cookie authentication) through the real {@code bitcoin} adapter into a real
 * PostgreSQL: from genesis, through an {@code invalidateblock} reorg above finality (orphaned), to
 * one below it (halted, finalized checkpoints untouched).
 */
class BitcoinIngestionIT {
  private static final int CONFIRMATIONS = 3;
  private static Process node;
  private static HttpClient http = HttpClient.newHttpClient();
  /** litecoind's data folder; deleted after {@link #stopNode()} has stopped the node. */
  @TempDir static Path dataDir;
  private static String url;

  @BeforeAll
  static void startNode() throws Exception {
    Path litecoind = Path.of("/usr/bin/litecoind");
    if (!Files.isExecutable(litecoind)) {
      throw new AssertionError("litecoind not found: run ./test.sh (apt package litecoind)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    url = "http://127.0.0.1:" + port;
    node = new ProcessBuilder(litecoind.toString(), "-regtest", "-vbparams=mweb:-2:0", "-server",
            "-rpcbind=127.0.0.1", "-rpcallowip=127.0.0.1", "-rpcport=" + port, "-listen=0", "-dnsseed=0",
            "-connect=0", "-fallbackfee=0.0001", "-datadir=" + dataDir, "-printtoconsole=0")
        .redirectErrorStream(true).redirectOutput(dataDir.resolve("node.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        rpc("getblockcount");
        break;
      } catch (IOException | AssertionError notYet) {
        if (System.nanoTime() > deadline || !node.isAlive()) {
          throw new AssertionError("litecoind did not start; see " + dataDir.resolve("node.log"), notYet);
        }
        Thread.sleep(200);
      }
    }
    if (!rpc("listwallets").contains("\"\"")) {
      rpc("createwallet", "\"\"");
    }
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      // close kept-alive connections first: the node waits for them before it stops
      http.close();
      http = HttpClient.newHttpClient();
      try {
        rpc("stop");
        http.close();
      } catch (Exception ignored) {
        // already gone
      }
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        // let it exit: JUnit deletes its data folder right after this
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void followsFromGenesisOrphansAShallowReorgAndHaltsOnADeepOne() throws Exception {
    var ds = TestPostgres.dataSource(TestPostgres.freshDatabase());
    Migrations.migrate(ds);
    Database db = new Database(ds);
    ChainRepository chains = new ChainRepository(db.jdbc());
    CheckpointRepository checkpoints = new CheckpointRepository(db);
    ChainSpec spec = new ChainSpec("ltc-it", "bitcoin", 2, List.of(URI.create(url)), CONFIRMATIONS, false,
        Duration.ofSeconds(1), true,
        Map.of("network", "litecoin-regtest", "source", "rpc",
            "rpc.cookie-file", dataDir.resolve("regtest/.cookie").toString()));
    ChainSettings settings = new ChainSettings(spec, null, 10);
    chains.upsertConfigured("ltc-it", "bitcoin", 2, true);
    try (ChainRegistry registry = ChainRegistry.create(
        ChainRegistry.discoverFactories(getClass().getClassLoader()), List.of(settings))) {
      ChainIngestor ingestor = new ChainIngestor(registry, chains, checkpoints,
          new RelayerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
      mine(30, newAddress());

      ingestor.ingest(settings, 60_000);

      assertThat(checkpoints.canonicalFrom("ltc-it", 0, 1000)).extracting(StoredCheckpoint::height)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, 30).boxed().toList());
      assertThat(checkpoints.latestFinalized("ltc-it").orElseThrow().height()).isEqualTo(30 - CONFIRMATIONS);
      assertThat(hex(checkpoints.latestCanonical("ltc-it").orElseThrow().hash())).isEqualTo(blockHash(30));

      // shallow reorg: replace blocks 29 and 30 (not final) with a longer branch
      rpc("invalidateblock", "\"" + result(rpc("getblockhash", "29")) + "\"");
      mine(3, newAddress());
      ingestor.ingest(settings, 60_000);

      assertThat(checkpoints.orphaned("ltc-it", 10)).extracting(StoredCheckpoint::height)
          .containsExactlyInAnyOrder(29L, 30L);
      assertThat(hex(checkpoints.latestCanonical("ltc-it").orElseThrow().hash())).isEqualTo(blockHash(31));
      assertThat(chains.find("ltc-it").orElseThrow().reorgCount()).isEqualTo(1);

      // deep reorg: replace from block 20, which is final
      String finalizedBefore = hex(checkpoints.latestFinalized("ltc-it").orElseThrow().hash());
      rpc("invalidateblock", "\"" + result(rpc("getblockhash", "20")) + "\"");
      mine(15, newAddress());
      ingestor.ingest(settings, 60_000);

      var chain = chains.find("ltc-it").orElseThrow();
      assertThat(chain.status()).isEqualTo(ChainStatus.HALTED);
      assertThat(chain.statusReason()).contains("reorg deeper than finality");
      assertThat(hex(checkpoints.latestFinalized("ltc-it").orElseThrow().hash())).isEqualTo(finalizedBefore);
      assertThat(checkpoints.orphaned("ltc-it", 10)).hasSize(2);
    }
  }

  private static void mine(int blocks, String address) throws Exception {
    rpc("generatetoaddress", blocks + ", \"" + address + "\"");
  }

  private static String newAddress() throws Exception {
    return result(rpc("getnewaddress"));
  }

  private static String blockHash(long height) throws Exception {
    return "0x" + result(rpc("getblockhash", Long.toString(height)));
  }

  private static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }

  private static String result(String json) {
    Matcher m = Pattern.compile("\"result\":\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no string result in " + json);
    }
    return m.group(1);
  }

  private static String rpc(String method, String... params) throws IOException, InterruptedException {
    Path cookie = dataDir.resolve("regtest/.cookie");
    if (!Files.exists(cookie)) {
      throw new IOException("no cookie yet");
    }
    String auth = Base64.getEncoder().encodeToString(Files.readString(cookie).strip().getBytes(StandardCharsets.UTF_8));
    String body = "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":["
        + String.join(",", params) + "]}";
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + auth)
            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(method + " failed: HTTP " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
