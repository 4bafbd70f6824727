package io.entangled.relayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EntangledCliTest {

  @Test
  void listsTheCommandGroups() {
    Result r = run("--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("serve").contains("zkvm").contains("verify");
  }

  @Test
  void unknownCommandIsAUsageErrorWithExitCode2() {
    Result r = run("frobnicate");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("Unmatched argument").contains("frobnicate");
  }

  @Test
  void verifyWithoutSubcommandIsAUsageError() {
    assertThat(run("verify").code).isEqualTo(2);
    assertThat(run("verify", "--help").out).contains("btc-headers").contains("btc-txoutproof")
        .contains("eth-header").contains("eth-proof");
  }

  @Test
  void verifiesBitcoinHeadersOfflineThroughTheTopLevelCommand(@TempDir Path dir) throws Exception {
    Path headers = dir.resolve("h.bin");
    try (var in = getClass().getResourceAsStream("/bitcoin/headers_0822528_0830592.bin")) {
      Files.write(headers, in.readNBytes(80 * 100));
    }
    Result ok = run("verify", "btc-headers", headers.toString(), "--start-height", "822528");
    assertThat(ok.code).as(ok.err).isZero();
    assertThat(ok.out).contains("headers: 100");

    byte[] bytes = Files.readAllBytes(headers);
    bytes[80 * 50 + 76] ^= 1; // flip a nonce bit of the 51st header
    Files.write(headers, bytes);
    Result bad = run("verify", "btc-headers", headers.toString(), "--start-height", "822528");
    assertThat(bad.code).isEqualTo(1);
  }

  @Test
  void zkvmRunWithAMissingFileIsBadInput() {
    assertThat(run("zkvm", "run", "/nonexistent/guest.elf").code).isEqualTo(2);
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = EntangledCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
