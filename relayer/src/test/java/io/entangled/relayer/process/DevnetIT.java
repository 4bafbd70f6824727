package io.entangled.relayer.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.db.TestFiles;
import io.entangled.relayer.devnet.DevnetNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command in miniature: the packaged service with the devnet profile, no datasource
 * configured (so an embedded PostgreSQL in the working folder), two anvil chains it starts itself.
 * Both chains must be listed and followed, with finalized checkpoints, and health must be UP.
 */
class DevnetIT {

  @Test
  void followsBothDevnetChainsOnEmbeddedPostgres() throws Exception {
    Path anvil = DevnetNodes.findAnvil(Path.of("")).orElseThrow(
        () -> new AssertionError("anvil not found: run ./test.sh (it installs anvil into .tools/) or set ANVIL"));
    // not a @TempDir: the service's embedded PostgreSQL and anvils live in it, and a child that
    // outlives the service by a moment must not fail the test; deletion is best effort
    Path work = Files.createTempDirectory("entangled-devnet-");
    try {
      run(work, anvil);
    } finally {
      TestFiles.deleteRecursively(work);
    }
  }

  private static void run(Path work, Path anvil) throws Exception {
    try (ServiceProcess p = ServiceProcess.start(work, List.of(
        "serve", "--spring.profiles.active=devnet", "--server.port=0"), Map.of("ANVIL", anvil.toString()))) {
      String base = p.awaitStarted(Duration.ofSeconds(120));
      assertThat(p.output()).contains("using embedded PostgreSQL");

      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      String chains = "";
      while (System.nanoTime() < deadline) {
        chains = ServiceProcess.get(base + "/api/v1/chains");
        if (finalizedHeight(chains, "eth-devnet") >= 3 && finalizedHeight(chains, "op-devnet") >= 3) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(finalizedHeight(chains, "eth-devnet")).as(chains).isGreaterThanOrEqualTo(3);
      assertThat(finalizedHeight(chains, "op-devnet")).as(chains).isGreaterThanOrEqualTo(3);
      assertThat(chains).contains("\"kind\":\"ethereum\"").contains("\"kind\":\"optimism\"")
          .contains("\"status\":\"FOLLOWING\"");
      assertThat(ServiceProcess.get(base + "/actuator/health")).contains("\"status\":\"UP\"");
      assertThat(ServiceProcess.get(base + "/actuator/prometheus"))
          .contains("entangled_chain_finalized_height{chain=\"eth-devnet\"}");
    }
  }

  /** The finalized checkpoint height of one chain in the /chains JSON, or -1. */
  private static long finalizedHeight(String json, String chain) {
    int at = json.indexOf("\"id\":\"" + chain + "\"");
    if (at < 0) {
      return -1;
    }
    int end = json.indexOf("\"reorgs\"", at);
    Matcher m = Pattern.compile("\"lastFinalized\":\\{\"height\":(\\d+)").matcher(json.substring(at, end));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
