package io.entangled.chains.ethereum;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real anvil node on a free loopback port, in a temp folder, for integration tests, with a small
 * raw JSON-RPC client for the test's own actions (mining, snapshots, transactions).
 */
public final class AnvilNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final URI url;
  private final Path dir;

  private AnvilNode(Process process, URI url, Path dir) {
    this.process = process;
    this.url = url;
    this.dir = dir;
  }

  /** The repository's {@code .tools} folder ({@code ENTANGLED_TOOLS} or the module's parent). */
  public static Path toolsDir() {
    String env = System.getenv("ENTANGLED_TOOLS");
    return env != null ? Path.of(env) : Path.of("").toAbsolutePath().getParent().resolve(".tools");
  }

  /** The anvil binary; fails under CI and skips elsewhere when it is missing. */
  public static Path binary() {
    Path anvil = toolsDir().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    String hint = "anvil is missing at " + anvil + ": install it with "
        + "`npm install --prefix .tools @foundry-rs/anvil-linux-amd64` (or set ENTANGLED_TOOLS)";
    if (!Files.isExecutable(anvil)) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(hint);
      }
      assumeTrue(false, hint);
    }
    return anvil;
  }

  /**
   * Starts anvil with {@code extraArgs} in a new temp folder and waits until it answers; {@link
   * #close()} stops it and deletes the folder (as does a failed start).
   */
  public static AnvilNode start(String... extraArgs) throws IOException {
    Path anvil = binary();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(anvil.toString(), "--host", "127.0.0.1",
        "--port", String.valueOf(port)));
    cmd.addAll(List.of(extraArgs));
    Path dir = Files.createTempDirectory("anvil-it");
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("anvil.log").toFile()).start();
    } catch (IOException | RuntimeException e) {
      TestFiles.deleteRecursively(dir);
      throw e;
    }
    AnvilNode node = new AnvilNode(p, URI.create("http://127.0.0.1:" + port), dir);
    try {
      node.awaitReady();
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void awaitReady() throws IOException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("anvil exited: " + Files.readString(dir.resolve("anvil.log")));
      }
      try {
        call("eth_chainId");
        return;
      } catch (UncheckedIOException e) {
        Thread.onSpinWait();
      }
    }
    throw new IOException("anvil did not answer within 30 s");
  }

  /** The node's JSON-RPC URL. */
  public URI url() {
    return url;
  }

  /** Sends one JSON-RPC call and returns its result; a JSON-RPC error fails the test. */
  public JsonNode call(String method, Object... params) {
    ObjectNode req = EthTestData.JSON.createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode array = req.putArray("params");
    for (Object p : params) {
      array.add(EthTestData.JSON.valueToTree(p));
    }
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = EthTestData.JSON.readTree(r.body());
      if (body.has("error")) {
        throw new IllegalStateException(method + " failed: " + body.get("error"));
      }
      return body.get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Mines {@code n} empty blocks. */
  public void mine(int n) {
    call("anvil_mine", "0x" + Integer.toHexString(n));
  }

  /** The current block number. */
  public long blockNumber() {
    return Long.decode(call("eth_blockNumber").asText());
  }

  /** The first of anvil's unlocked accounts. */
  public String account() {
    return call("eth_accounts").get(0).asText();
  }

  /** Sends a transaction from an unlocked account and returns its receipt (automine is on). */
  public JsonNode transact(ObjectNode tx) {
    String hash = call("eth_sendTransaction", tx).asText();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonNode receipt = call("eth_getTransactionReceipt", hash);
      if (receipt != null && !receipt.isNull()) {
        return receipt;
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("no receipt for " + hash);
  }

  /** Stops anvil and, once it has exited, deletes its temp folder. */
  @Override
  public void close() {
    try {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      TestFiles.deleteRecursively(dir);
    }
  }
}
