package io.entangled.chains.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Compiles a Solidity file offline with solc-js (npm {@code solc}) through node. */
public final class SolcJs {
  private static final String SCRIPT = """
      const solc = require(process.argv[1]);
      const fs = require('fs');
      const src = fs.readFileSync(process.argv[2], 'utf8');
      const input = {language: 'Solidity', sources: {'c.sol': {content: src}},
        settings: {optimizer: {enabled: true, runs: 200},
          outputSelection: {'*': {'*': ['evm.bytecode.object', 'evm.deployedBytecode.object']}}}};
      process.stdout.write(solc.compile(JSON.stringify(input)));
      """;

  private SolcJs() {}

  /** The standard-JSON output for {@code source}; fails the test when solc reports an error. */
  public static JsonNode compile(Path source) throws IOException, InterruptedException {
    Path solc = AnvilNode.toolsDir().resolve("node_modules/solc");
    String hint = "solc-js is missing at " + solc + ": install it with `npm install --prefix .tools solc@0.8.30`";
    if (!Files.isDirectory(solc)) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(hint);
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false, hint);
    }
    Path out = Files.createTempFile("solc", ".json");
    JsonNode result;
    try {
      Process p = new ProcessBuilder("node", "-e", SCRIPT, solc.toString(), source.toString())
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("solc-js failed on " + source);
      }
      result = EthTestData.JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
    for (JsonNode e : result.path("errors")) {
      if ("error".equals(e.path("severity").asText())) {
        throw new IllegalStateException("solc: " + e.path("formattedMessage").asText());
      }
    }
    return result;
  }
}
