package io.entangled.chains.cli;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.BitcoinHeaderChainVerifier;
import io.entangled.chains.bitcoin.BitcoinNetworkParameters;
import io.entangled.chains.bitcoin.RuleViolation;
import io.entangled.chains.bitcoin.TrustedStart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code entangled verify btc-headers FILE}: verifies a file of concatenated 80-byte headers by the
 * network's consensus rules. Exit 0 valid, 1 with the broken rule and height, 2 bad input.
 */
@Command(
    name = "btc-headers",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a file of concatenated 80-byte Bitcoin-family headers.",
      "The first header is the trusted start at --start-height (at 0 it must be the genesis).",
      "Prints the count, the tip hash and the chainwork of the verified headers."
    })
public final class BtcHeadersVerifyCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "concatenated 80-byte headers")
  Path file;

  @Option(
      names = "--network",
      defaultValue = "mainnet",
      description =
          "mainnet, testnet3, testnet4, signet, regtest, litecoin, litecoin-regtest (default:"
              + " ${DEFAULT-VALUE})")
  String network;

  @Option(names = "--start-height", defaultValue = "0", description = "height of the first header")
  long startHeight;

  @Option(
      names = "--prev-timestamps",
      split = ",",
      paramLabel = "T",
      description =
          "up to 11 block times below the start, oldest first (otherwise the "
              + "median-time-past rule starts once 11 timestamps are known)")
  List<Long> previousTimestamps = List.of();

  @Option(
      names = "--period-start-time",
      paramLabel = "T",
      description =
          "time of the block the next retarget measures from, when the start is inside a period")
  Long periodStartTime;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      BitcoinNetworkParameters params = BitcoinNetworkParameters.byName(network);
      byte[] data = readHeaders();
      byte[] first = Arrays.copyOf(data, BitcoinHeader.SIZE);
      if (startHeight == 0 && !Arrays.equals(first, params.genesisHeader())) {
        err.println(
            "invalid: rule genesis broken at height 0: the first header is not the "
                + params.name()
                + " genesis");
        return 1;
      }
      BitcoinHeaderChainVerifier v =
          BitcoinHeaderChainVerifier.fromTrustedStart(
              params,
              new TrustedStart(
                  startHeight, first, previousTimestamps, periodStartTime, null, null));
      int count = data.length / BitcoinHeader.SIZE;
      Optional<RuleViolation> r = v.verify(data, BitcoinHeader.SIZE, count - 1);
      if (r.isPresent()) {
        return reportViolation(r.get(), err);
      }
      out.println("headers: " + count + " (heights " + startHeight + ".." + v.height() + ")");
      out.println("tip hash: " + v.tipHashHex());
      out.println(
          "chainwork: 0x"
              + v.chainwork().toHex()
              + (startHeight == 0
                  ? ""
                  : " (work of the verified headers, from height " + startHeight + ")"));
      out.flush();
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static int reportViolation(RuleViolation v, PrintWriter err) {
    if (v.rule().equals("missing-context")) {
      err.println(
          "error: at height "
              + v.height()
              + " "
              + v.detail()
              + "; give --period-start-time or start at a retarget height");
      return 2;
    }
    err.println("invalid: " + v);
    return 1;
  }

  private byte[] readHeaders() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("FILE " + file + " is not a readable file");
    }
    byte[] data = Files.readAllBytes(file);
    if (data.length == 0 || data.length % BitcoinHeader.SIZE != 0) {
      throw new IOException(
          "FILE "
              + file
              + " is "
              + data.length
              + " bytes: not a non-empty multiple of 80 (concatenated headers)");
    }
    return data;
  }
}
