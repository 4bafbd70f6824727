package io.entangled.relayer.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.db.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's mistake ends start-up with one clear message naming the cause, exit code 2. */
class StartupFailureIT {
  /** The service's working folder; deleted after each test. */
  @TempDir Path dir;

  @Test
  void unknownChainKindNamesTheKeyAndTheKnownKinds() throws Exception {
    String out = failingStart(
        "--entangled.chains[0].id=x", "--entangled.chains[0].kind=solana",
        "--entangled.chains[0].chain-id=5", "--entangled.chains[0].confirmations=1",
        "--entangled.chains[0].rpc-urls[0]=http://127.0.0.1:1");
    assertThat(out).contains("entangled.chains[0].kind unknown chain kind 'solana'; known kinds: ")
        .contains("bitcoin");
  }

  @Test
  void missingRpcUrlNamesTheKey() throws Exception {
    String out = failingStart(
        "--entangled.chains[0].id=x", "--entangled.chains[0].kind=bitcoin",
        "--entangled.chains[0].chain-id=5", "--entangled.chains[0].confirmations=1");
    assertThat(out).contains("entangled.chains[0].rpc-urls is required");
  }

  @Test
  void negativeConfirmationsNamesTheKey() throws Exception {
    String out = failingStart(
        "--entangled.chains[0].id=x", "--entangled.chains[0].kind=bitcoin",
        "--entangled.chains[0].chain-id=5", "--entangled.chains[0].confirmations=-1",
        "--entangled.chains[0].rpc-urls[0]=http://127.0.0.1:1");
    assertThat(out).contains("entangled.chains[0].confirmations must not be negative, got -1");
  }

  @Test
  void unreachableDatabaseSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String out = failingStartWithDatabase("jdbc:postgresql://127.0.0.1:" + closedPort + "/entangled");
    assertThat(out).contains("Cannot connect to the database");
  }

  private String failingStart(String... args) throws Exception {
    return failingStartWithDatabase(TestPostgres.freshDatabase(), args);
  }

  private String failingStartWithDatabase(String url, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(
        "serve", "--server.port=0", "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + TestPostgres.user(),
        "--spring.datasource.password=" + TestPostgres.password()));
    all.addAll(List.of(args));
    try (ServiceProcess p = ServiceProcess.start(dir, all)) {
      int code = p.awaitExit(Duration.ofSeconds(90));
      String out = p.output();
      assertThat(code).as(out).isEqualTo(2);
      assertThat(out).as("one analysed report, no stack trace").contains("APPLICATION FAILED TO START");
      assertThat(out.lines().filter(l -> l.startsWith("\tat ")).count()).as(out).isZero();
      return out;
    }
  }
}
