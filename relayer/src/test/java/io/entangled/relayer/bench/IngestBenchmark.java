package io.entangled.relayer.bench;

import io.entangled.chains.spi.ChainSpec;
import io.entangled.db.ChainRepository;
import io.entangled.db.CheckpointRepository;
import io.entangled.db.Database;
import io.entangled.db.Migrations;
import io.entangled.db.TestFiles;
import io.entangled.db.TestPostgres;
import io.entangled.relayer.chain.ChainRegistry;
import io.entangled.relayer.config.ChainSettings;
import io.entangled.relayer.devnet.DevnetNodes;
import io.entangled.relayer.ingest.ChainIngestor;
import io.entangled.relayer.metrics.RelayerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * End-to-end ingestion throughput: fetch, verify and store (PostgreSQL, one transaction per batch)
 * through {@link ChainIngestor}, as the service does. Two sources:
 *
 * <ul>
 *   <li>{@code anvil N}: a local anvil with N blocks mined up front (ethereum adapter, JSON-RPC)
 *   <li>{@code btc-file}: the 8,065 real mainnet headers 822528..830592 (bitcoin adapter, file)
 * </ul>
 *
 * Run with {@code relayer/bench/ingest.sh}. Prints headers per second per run.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "anvil";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    for (int i = 0; i < runs; i++) {
      if (what.equals("anvil")) {
        anvil(args.length > 1 ? Integer.parseInt(args[1]) : 10_000, 500);
      } else {
        bitcoinFile(args.length > 1 ? Integer.parseInt(args[1]) : 2016);
      }
    }
    System.exit(0);
  }

  private static void anvil(int blocks, int batch) throws Exception {
    Path anvil = DevnetNodes.findAnvil(Path.of("")).orElseThrow(() -> new IllegalStateException("anvil not found"));
    DevnetNodes nodes = new DevnetNodes();
    Path logDir = Files.createTempDirectory("bench-anvil");
    try {
      String url = nodes.startAnvil(anvil, logDir, "anvil", 31337, List.of("--no-mining")).rpcUrl();
      rpc(url, "anvil_mine", "[\"0x" + Integer.toHexString(blocks) + "\"]");
      ChainSpec spec = new ChainSpec("bench", "ethereum", 1, List.of(URI.create(url)), 0, false,
          Duration.ofSeconds(1), true, Map.of());
      report("anvil (ethereum adapter, batch " + batch + ")", new ChainSettings(spec, 1L, batch), blocks);
    } finally {
      nodes.stopAll();
      TestFiles.deleteRecursively(logDir);
    }
  }

  private static void bitcoinFile(int batch) throws Exception {
    Path file = Files.createTempFile("headers", ".bin");
    try {
      bitcoinFile(file, batch);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void bitcoinFile(Path file, int batch) throws Exception {
    try (InputStream in = IngestBenchmark.class.getResourceAsStream("/bitcoin/headers_0822528_0830592.bin")) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String first = HexFormat.of().formatHex(Files.readAllBytes(file), 0, 80);
    ChainSpec spec = new ChainSpec("bench", "bitcoin", 0, List.of(), 0, false, Duration.ofSeconds(1), true,
        Map.of("network", "mainnet", "source", "file", "file.path", file.toString(),
            "file.start-height", "822528", "start.height", "822528", "start.header", first));
    report("mainnet header file (bitcoin adapter, batch " + batch + ")",
        new ChainSettings(spec, 822_528L, batch), 8065);
  }

  private static void report(String label, ChainSettings settings, long expected) {
    var ds = TestPostgres.dataSource(TestPostgres.freshDatabase());
    Migrations.migrate(ds);
    Database db = new Database(ds);
    ChainRepository chains = new ChainRepository(db.jdbc());
    CheckpointRepository checkpoints = new CheckpointRepository(db);
    chains.upsertConfigured("bench", settings.spec().kind(), settings.spec().chainId(), true);
    try (ChainRegistry registry = ChainRegistry.create(
        ChainRegistry.discoverFactories(IngestBenchmark.class.getClassLoader()), List.of(settings))) {
      ChainIngestor ingestor = new ChainIngestor(registry, chains, checkpoints,
          new RelayerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
      long t0 = System.nanoTime();
      ingestor.ingest(settings, 600_000);
      double secs = (System.nanoTime() - t0) / 1e9;
      long stored = checkpoints.canonicalFrom("bench", 0, Integer.MAX_VALUE).size();
      System.out.printf("%s: %d headers in %.2f s = %.0f headers/s (expected %d)%n",
          label, stored, secs, stored / secs, expected);
    }
  }

  private static void rpc(String url, String method, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.body().contains("\"error\"")) {
      throw new IllegalStateException(r.body());
    }
  }
}
