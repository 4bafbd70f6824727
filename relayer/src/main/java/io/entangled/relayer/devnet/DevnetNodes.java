package io.entangled.relayer.devnet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local chains for the {@code devnet} profile: two anvil nodes (an L1 and an OP-style L2 with
 * {@code --network optimism}) mining a block a second on free loopback ports. They stop with the JVM.
 */
public final class DevnetNodes {
  /** Chain ids of the two devnet chains; distinct because the entangled root is keyed by them. */
  public static final long L1_CHAIN_ID = 31337;

  public static final long L2_CHAIN_ID = 901;

  private final List<Process> processes = new ArrayList<>();

  /** A started node: its RPC URL and the log file it writes. */
  public record Node(String rpcUrl, Path log) {}

  /** Finds anvil: {@code $ANVIL}, the project's {@code .tools} folder, then PATH. */
  public static Optional<Path> findAnvil(Path workingDir) {
    String env = System.getenv("ANVIL");
    if (env != null && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(".tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(p, "anvil");
      if (!p.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts anvil on a free loopback port. It mines a block a second unless {@code extra} holds
   * {@code --no-mining} (then blocks come only from {@code anvil_mine} / {@code evm_mine}).
   */
  public Node startAnvil(Path anvil, Path logDir, String name, long chainId, List<String> extra)
      throws IOException {
    int port = freePort();
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(
        anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--chain-id", Long.toString(chainId), "--silent"));
    if (!extra.contains("--no-mining")) {
      cmd.addAll(List.of("--block-time", "1"));
    }
    cmd.addAll(extra);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    awaitPort(port, p, name, log);
    return new Node("http://127.0.0.1:" + port, log);
  }

  public void stopAll() {
    for (Process p : processes) {
      p.destroy();
    }
    processes.clear();
  }

  private static void awaitPort(int port, Process p, String name, Path log) throws IOException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(name + " exited with " + p.exitValue() + "; see " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while starting " + name, e);
        }
      }
    }
    throw new IOException(name + " did not open port " + port + " within 30 s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
