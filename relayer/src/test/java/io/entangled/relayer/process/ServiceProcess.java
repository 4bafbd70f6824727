package io.entangled.relayer.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged relayer ({@code relayer/target/entangled.jar}) run as a separate JVM, the way an
 * operator runs it: for start-up failures, and for clustering tests where a node is killed.
 */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ServiceProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static Path jar() {
    Path jar = Path.of("target", "entangled.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through mvn verify");
    }
    return jar;
  }

  /** Starts {@code java -jar entangled.jar <args>} in {@code workDir}. */
  public static ServiceProcess start(Path workDir, List<String> args) {
    return start(workDir, args, java.util.Map.of());
  }

  /** As {@link #start(Path, List)}, with extra environment variables. */
  public static ServiceProcess start(Path workDir, List<String> args, java.util.Map<String, String> env) {
    try {
      Files.createDirectories(workDir);
      Path out = workDir.resolve("output-" + System.nanoTime() + ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx512m");
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.add("-jar");
      cmd.add(jar().toString());
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
      Process p =
          pb
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      return new ServiceProcess(p, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to exit and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit within " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Polls the log until the service says which port it listens on; returns the base URL. */
  public String awaitStarted(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("service exited with " + process.exitValue() + ":\n" + output());
      }
      for (String line : output().split("\n")) {
        int i = line.indexOf("Tomcat started on port ");
        if (i >= 0 && output().contains("is up with")) {
          String port = line.substring(i + 23).split("[^0-9]")[0];
          return "http://127.0.0.1:" + port;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("service did not start within " + timeout + ":\n" + output());
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(cannot read output: " + e + ")";
    }
  }

  /** kill -9: the node dies mid-job, as on a power loss. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /**
   * Stops the service and waits until it has exited, so that its working folder (a test's
   * {@code @TempDir}) can be deleted after this.
   */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
