package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.TestFiles;
import io.entangled.chains.bitcoin.source.BitcoinRpcSource;
import io.entangled.chains.bitcoin.source.RpcCredentials;
import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts Debian's {@code litecoind} in regtest on a free loopback port with a temporary data
 * folder, and stops it. The binary is looked up as {@code $LITECOIND}, on the PATH, or at {@code
 * /usr/bin/litecoind}; when it is missing the test fails if {@code CI} is set and is skipped
 * otherwise.
 */
public final class LitecoindRegtest implements AutoCloseable {
  public static final String USER_ENV = "LTC_RPC_USER";
  public static final String PASSWORD_ENV = "LTC_RPC_PASSWORD";

  private final Process process;
  private final Path dataDir;
  private final int port;
  private final String password = UUID.randomUUID().toString();
  private final BitcoinRpcSource rpc;

  private LitecoindRegtest(Path binary) throws IOException {
    port = freePort();
    dataDir = Files.createTempDirectory("litecoind-regtest");
    Process started = null;
    try {
      started =
          new ProcessBuilder(
                  binary.toString(),
                  "-regtest",
                  "-vbparams=mweb:-2:0",
                  "-server",
                  "-rpcbind=127.0.0.1",
                  "-rpcallowip=127.0.0.1",
                  "-rpcport=" + port,
                  "-listen=0",
                  "-dnsseed=0",
                  "-connect=0",
                  "-rpcauth=" + rpcAuth("entangled", password),
                  "-fallbackfee=0.0001",
                  "-datadir=" + dataDir,
                  "-printtoconsole=0")
              .redirectErrorStream(true)
              .redirectOutput(dataDir.resolve("stdout.log").toFile())
              .start();
      rpc =
          new BitcoinRpcSource(
              List.of(url()),
              RpcCredentials.fromEnvironment(env()::get, USER_ENV, PASSWORD_ENV),
              Duration.ofSeconds(30));
    } catch (IOException | RuntimeException e) {
      // no instance to close: stop what was started and delete the folder here
      if (started != null) {
        started.destroyForcibly();
        awaitExitQuietly(started);
      }
      TestFiles.deleteRecursively(dataDir);
      throw e;
    }
    process = started;
  }

  /**
   * Bitcoin Core's {@code -rpcauth} value ({@code user:salt$hmac-sha256(salt, password)}). Unlike
   * {@code -rpcpassword} it leaves the node writing its cookie file too, so both kinds of
   * credentials can be tested on one node.
   */
  private static String rpcAuth(String user, String password) {
    try {
      String salt = UUID.randomUUID().toString().replace("-", "");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] h = mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
      return user + ":" + salt + "$" + Bytes.hex(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The node's cookie file (written once the RPC server is up). */
  public Path cookieFile() {
    return dataDir.resolve("regtest").resolve(".cookie");
  }

  /** Starts a node and waits until its RPC answers. */
  public static LitecoindRegtest start() throws IOException {
    LitecoindRegtest node = new LitecoindRegtest(binary());
    try {
      node.awaitRpc();
      node.rpc.call("createwallet", "entangled");
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private static Path binary() {
    String configured = System.getenv("LITECOIND");
    Stream<Path> candidates =
        Stream.concat(
            Stream.ofNullable(configured).map(Path::of),
            Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(s -> !s.isEmpty())
                    .map(d -> Path.of(d, "litecoind")),
                Stream.of(Path.of("/usr/bin/litecoind"))));
    return candidates
        .filter(Files::isExecutable)
        .findFirst()
        .orElseGet(
            () -> {
              String message =
                  "litecoind not found: install Debian's litecoind package (apt-get install "
                      + "litecoind) or set LITECOIND to its path";
              if (System.getenv("CI") != null) {
                fail(message);
              }
              Assumptions.abort(message);
              return null;
            });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitRpc() {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        rpc.call("getblockcount");
        return;
      } catch (ChainSourceException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "litecoind exited with "
                  + process.exitValue()
                  + "; see "
                  + dataDir.resolve("stdout.log"),
              e);
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("litecoind RPC did not answer within 60 s", e);
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The RPC URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Environment the adapter factory reads the credentials from. */
  public Map<String, String> env() {
    return Map.of(USER_ENV, "entangled", PASSWORD_ENV, password);
  }

  /** The RPC password (only for asserting it never leaks). */
  public String password() {
    return password;
  }

  /** Calls the node. */
  public JsonNode call(String method, Object... params) {
    return rpc.call(method, params);
  }

  /** The RPC source used by the harness. */
  public BitcoinRpcSource rpc() {
    return rpc;
  }

  /** Mines {@code n} blocks to {@code address}; returns their hashes. */
  public List<String> mine(int n, String address) {
    JsonNode hashes = call("generatetoaddress", n, address);
    return StreamSupport.stream(hashes.spliterator(), false).map(JsonNode::asText).toList();
  }

  /**
   * SIGTERM makes litecoind shut down cleanly; the "stop" RPC's answer can hang until timeout. Once
   * the node has exited, its data folder is deleted.
   */
  @Override
  public void close() {
    try {
      rpc.close();
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      TestFiles.deleteRecursively(dataDir);
    }
  }

  private static void awaitExitQuietly(Process p) {
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
