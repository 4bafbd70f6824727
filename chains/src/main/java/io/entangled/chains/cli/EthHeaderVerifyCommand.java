package io.entangled.chains.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.ethereum.EthHeader;
import io.entangled.chains.ethereum.EthHeaderJson;
import io.entangled.chains.ethereum.JsonAnswerFile;
import io.entangled.chains.ethereum.JsonFields;
import io.entangled.chains.ethereum.MalformedFieldException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code entangled verify eth-header FILE}: recomputes an Ethereum block's hash from its header
 * fields (RLP + keccak256, any fork's layout) and compares it with the {@code hash} field. Exit 0
 * when it matches, 1 when not, 2 for bad input (a message naming the field).
 */
@Command(
    name = "eth-header",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an Ethereum block header: recompute the block hash from its fields.",
      "FILE holds an eth_getBlockByNumber result or a whole JSON-RPC response.",
      "Header layouts: pre-London, London, Shanghai, Cancun, Prague (chosen by the fields present)."
    })
public final class EthHeaderVerifyCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "eth_getBlockByNumber answer (JSON)")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      JsonNode block = JsonAnswerFile.read(file, "FILE");
      EthHeader header = EthHeaderJson.parse(block);
      byte[] claimed = EthHeaderJson.claimedHash(block);
      byte[] hash = header.hash();
      if (!Arrays.equals(hash, claimed)) {
        err.println("invalid: rule block-hash broken at height " + header.number() + ": the fields hash to "
            + JsonFields.hex(hash) + ", the hash field says " + JsonFields.hex(claimed));
        return 1;
      }
      out.println("valid: block " + header.number() + " hash " + JsonFields.hex(hash)
          + " (" + header.layout().name().toLowerCase(java.util.Locale.ROOT) + " header)");
      out.println("state root: " + JsonFields.hex(header.stateRoot()));
      out.flush();
      return 0;
    } catch (IllegalArgumentException | MalformedFieldException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
