package io.entangled.chains.cli;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.Bytes;
import io.entangled.chains.bitcoin.spv.MatchedTransaction;
import io.entangled.chains.bitcoin.spv.MerkleBlock;
import io.entangled.chains.bitcoin.spv.SpvProofVerifier;
import io.entangled.chains.bitcoin.spv.SpvResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code entangled verify btc-txoutproof FILE --header HEX}: checks a {@code gettxoutproof}
 * merkleblock against an 80-byte header and prints the matched txids. Exit 0 valid, 1 invalid, 2
 * bad input.
 */
@Command(
    name = "btc-txoutproof",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a Bitcoin Core gettxoutproof answer (BIP37 merkleblock, binary or hex) against",
      "a block header; prints the matched transaction ids."
    })
public final class BtcTxOutProofVerifyCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "the merkleblock, raw bytes or hex text")
  Path file;

  @Option(names = "--header", paramLabel = "HEX", description = "the block's 80-byte header in hex")
  String headerHex;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      byte[] header = header();
      MerkleBlock proof = MerkleBlock.parse(readProof());
      SpvResult r = new SpvProofVerifier().verify(proof, header);
      if (!r.valid()) {
        err.println("invalid: rule " + r.violation().rule() + ": " + r.violation().detail());
        return 1;
      }
      out.println("valid proof for block " + BitcoinHeader.parse(header).hashHex());
      for (MatchedTransaction m : r.matched()) {
        out.println(m.txidHex());
      }
      out.flush();
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private byte[] header() {
    if (headerHex == null) {
      throw new IllegalArgumentException("--header HEX is required (the block's 80-byte header)");
    }
    byte[] h = Bytes.parseHex("--header", headerHex);
    if (h.length != BitcoinHeader.SIZE) {
      throw new IllegalArgumentException(
          "--header must be 80 bytes (160 hex digits), got " + h.length);
    }
    return h;
  }

  private byte[] readProof() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("FILE " + file + " is not a readable file");
    }
    byte[] data = Files.readAllBytes(file);
    String text = new String(data, StandardCharsets.ISO_8859_1).strip();
    if (!text.isEmpty()
        && text.length() % 2 == 0
        && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Bytes.parseHex("FILE", text);
    }
    return data;
  }
}
