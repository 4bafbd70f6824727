package io.entangled.chains.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.ethereum.EthTestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code verify eth-header} and {@code verify eth-proof}, run in-process on real answers. */
class EthCommandsTest {
  private static final String BLOCKS = "execution-apis/eth_getBlockByNumber/";
  private static final String PROOFS = "execution-apis/eth_getProof/";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Callable<Integer> cmd, String... args) {
    return new CommandLine(cmd).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path response(String name, JsonNode result) throws Exception {
    ObjectNode r = EthTestData.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1);
    r.set("result", result);
    return write(name, r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"get-block-london-fork.io", "get-block-merge-fork.io", "get-block-shanghai-fork.io",
      "get-block-cancun-fork.io", "get-block-prague-fork.io", "get-genesis.io"})
  void headerOfEveryForkVerifiesFromAWholeResponse(String file) throws Exception {
    assertThat(run(new EthHeaderVerifyCommand(), response("b.json", EthTestData.ioResult(BLOCKS + file)).toString()))
        .isEqualTo(0);
    assertThat(out.toString()).startsWith("valid: block ");
  }

  @Test
  void bareResultAndPreLondonMainnetBlockVerify() throws Exception {
    Path f = write("b.json", EthTestData.json("ethereumjs/infura2000004wotxns.json").toString());
    assertThat(run(new EthHeaderVerifyCommand(), f.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("2000004").contains("frontier header");
  }

  @Test
  void changedHeaderFieldExitsOneWithTheRule() throws Exception {
    ObjectNode block = (ObjectNode) EthTestData.ioResult(BLOCKS + "get-block-cancun-fork.io");
    block.put("timestamp", "0x1");
    assertThat(run(new EthHeaderVerifyCommand(), response("b.json", block).toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("invalid: rule block-hash");
  }

  @Test
  void malformedInputExitsTwoNamingTheField() throws Exception {
    ObjectNode block = (ObjectNode) EthTestData.ioResult(BLOCKS + "get-block-cancun-fork.io");
    block.put("stateRoot", "0xzz");
    assertThat(run(new EthHeaderVerifyCommand(), response("b.json", block).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("stateRoot").doesNotContain("Exception");
    err.getBuffer().setLength(0);
    assertThat(run(new EthHeaderVerifyCommand(), write("x.json", "{not json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("not JSON");
    err.getBuffer().setLength(0);
    assertThat(run(new EthHeaderVerifyCommand(), write("n.json", "{\"jsonrpc\":\"2.0\",\"result\":null}").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("result");
    assertThat(run(new EthHeaderVerifyCommand(), dir.resolve("missing.json").toString())).isEqualTo(2);
  }

  @Test
  void realProofWithStorageVerifies() throws Exception {
    Path block = response("b.json", EthTestData.ioResult(BLOCKS + "get-latest.io"));
    Path proof = response("p.json", EthTestData.ioResult(PROOFS + "get-account-proof-with-storage.io"));
    assertThat(run(new EthProofVerifyCommand(), "--block", block.toString(), "--proof", proof.toString()))
        .isEqualTo(0);
    assertThat(out.toString()).contains("valid: account 0x7dcd17433742f4c0ca53122ab541d0ba67fc27df")
        .contains("storage slots proven: 1");
  }

  @Test
  void tamperedProofExitsOneWithTheRule() throws Exception {
    Path block = response("b.json", EthTestData.ioResult(BLOCKS + "get-latest.io"));
    ObjectNode p = (ObjectNode) EthTestData.ioResult(PROOFS + "get-account-proof-with-storage.io");
    ((ObjectNode) p.get("storageProof").get(0)).put("value", "0x1");
    Path proof = response("p.json", p);
    assertThat(run(new EthProofVerifyCommand(), "--block", block.toString(), "--proof", proof.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("invalid: rule storage-mismatch");
  }

  @Test
  void proofAgainstAnotherBlockExitsOne() throws Exception {
    Path block = response("b.json", EthTestData.ioResult(BLOCKS + "get-block-prague-fork.io"));
    Path proof = response("p.json", EthTestData.ioResult(PROOFS + "get-account-proof-latest.io"));
    assertThat(run(new EthProofVerifyCommand(), "--block", block.toString(), "--proof", proof.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("node-hash");
  }

  @Test
  void tamperedBlockIsRejectedBeforeTheProof() throws Exception {
    ObjectNode b = (ObjectNode) EthTestData.ioResult(BLOCKS + "get-latest.io");
    b.put("gasUsed", "0x1");
    Path proof = response("p.json", EthTestData.ioResult(PROOFS + "get-account-proof-latest.io"));
    assertThat(run(new EthProofVerifyCommand(), "--block", response("b.json", b).toString(),
        "--proof", proof.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("block-hash");
  }

  @Test
  void malformedProofExitsTwoNamingTheField() throws Exception {
    Path block = response("b.json", EthTestData.ioResult(BLOCKS + "get-latest.io"));
    ObjectNode p = (ObjectNode) EthTestData.ioResult(PROOFS + "get-account-proof-latest.io");
    ((ArrayNode) p.get("accountProof")).add(42);
    assertThat(run(new EthProofVerifyCommand(), "--block", block.toString(), "--proof",
        response("p.json", p).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("accountProof");
    err.getBuffer().setLength(0);
    assertThat(run(new EthProofVerifyCommand(), "--block", block.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--proof");
  }
}
