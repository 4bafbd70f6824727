package io.entangled.chains.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.ethereum.EthHeader;
import io.entangled.chains.ethereum.EthHeaderJson;
import io.entangled.chains.ethereum.JsonAnswerFile;
import io.entangled.chains.ethereum.JsonFields;
import io.entangled.chains.ethereum.MalformedFieldException;
import io.entangled.chains.ethereum.trie.AccountProof;
import io.entangled.chains.ethereum.trie.AccountProofVerifier;
import io.entangled.chains.ethereum.trie.InvalidProofException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entangled verify eth-proof --block FILE --proof FILE}: checks the block's hash, then the
 * {@code eth_getProof} answer's account proof (inclusion or absence) and every storage proof
 * against the block's state root. Exit 0 valid, 1 invalid with the rule, 2 bad input.
 */
@Command(
    name = "eth-proof",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an eth_getProof answer (EIP-1186) against a block's state root.",
      "The block's own hash is checked first, so the state root is the one that block commits to.",
      "Both files hold a JSON-RPC result or a whole JSON-RPC response."
    })
public final class EthProofVerifyCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--block", required = true, paramLabel = "FILE",
      description = "eth_getBlockByNumber answer of the block the proof was taken at")
  Path blockFile;

  @Option(names = "--proof", required = true, paramLabel = "FILE", description = "eth_getProof answer")
  Path proofFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      JsonNode block = JsonAnswerFile.read(blockFile, "--block");
      AccountProof proof = AccountProof.fromJson(JsonAnswerFile.read(proofFile, "--proof"));
      EthHeader header = EthHeaderJson.parse(block);
      if (!Arrays.equals(header.hash(), EthHeaderJson.claimedHash(block))) {
        err.println("invalid: rule block-hash broken at height " + header.number()
            + ": the block's fields do not hash to its hash field, so its state root is not trusted");
        return 1;
      }
      AccountProofVerifier.VerifiedAccount v = AccountProofVerifier.verify(header.stateRoot(), proof);
      print(out, header, v);
      return 0;
    } catch (InvalidProofException e) {
      err.println("invalid: rule " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException | MalformedFieldException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static void print(PrintWriter out, EthHeader header, AccountProofVerifier.VerifiedAccount v) {
    out.println("valid: account " + JsonFields.hex(v.address()) + " at block " + header.number()
        + " (state root " + JsonFields.hex(header.stateRoot()) + ")");
    if (v.exists()) {
      out.println("nonce " + v.account().nonce() + ", balance " + v.account().balance() + " wei, storage root "
          + JsonFields.hex(v.account().storageRoot()) + ", code hash " + JsonFields.hex(v.account().codeHash()));
    } else {
      out.println("proven absent: the state trie holds no such account");
    }
    out.println("storage slots proven: " + v.slots().size());
    out.flush();
  }
}
