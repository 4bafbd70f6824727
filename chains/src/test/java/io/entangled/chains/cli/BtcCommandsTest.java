package io.entangled.chains.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.BitcoinNetworkParameters;
import io.entangled.chains.bitcoin.BitcoinTestData;
import io.entangled.chains.bitcoin.Bytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BtcCommandsTest {
  private static final byte[] HEADERS = BitcoinTestData.mainnetHeaders();
  private static final String BLOCK_HEADER =
      Bytes.hex(Arrays.copyOf(BitcoinTestData.block830000(), 80));

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(Callable<Integer> cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(cmd)
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  @Test
  void headersFileVerifiesFromItsFirstHeader() throws IOException {
    Path f = write("h.bin", HEADERS);

    Run r = run(new BtcHeadersVerifyCommand(), f.toString(), "--start-height", "822528");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("headers: 8065")
        .contains(BitcoinHeader.parse(BitcoinTestData.header(HEADERS, 8064)).hashHex())
        .contains("chainwork: 0x");
  }

  @Test
  void headersFromGenesisPrintBitcoinCoresChainwork() throws IOException {
    StringBuilder hex =
        new StringBuilder(Bytes.hex(BitcoinNetworkParameters.MAINNET.genesisHeader()));
    for (String line :
        new String(BitcoinTestData.resource("blockheaders-mainnet-1-11.txt"))
            .strip()
            .split("\\s+")) {
      hex.append(line);
    }
    Path f = write("g.bin", Bytes.parseHex("h", hex.toString()));

    Run r = run(new BtcHeadersVerifyCommand(), f.toString(), "--network", "mainnet");

    assertThat(r.code()).as(r.err()).isZero();
    // 12 blocks at difficulty 1, 0x100010001 each
    assertThat(r.out())
        .contains("headers: 12")
        .contains("chainwork: 0x" + "0".repeat(55) + "c000c000c\n");
  }

  @Test
  void aStartInsideAPeriodVerifiesWithItsPeriodStartAndTimestamps() throws IOException {
    StringBuilder previous = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      previous
          .append(i == 0 ? "" : ",")
          .append(BitcoinHeader.parse(BitcoinTestData.header(HEADERS, 89 + i)).time());
    }
    long periodStart = BitcoinHeader.parse(BitcoinTestData.header(HEADERS, 0)).time();
    Path f = write("mid.bin", Arrays.copyOfRange(HEADERS, 100 * 80, HEADERS.length));

    Run r =
        run(
            new BtcHeadersVerifyCommand(),
            f.toString(),
            "--start-height",
            "822628",
            "--prev-timestamps",
            previous.toString(),
            "--period-start-time",
            Long.toString(periodStart));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("headers: 7965").contains("heights 822628..830592");
  }

  @Test
  void aTamperedHeaderExitsOneWithRuleAndHeight() throws IOException {
    byte[] bad = HEADERS.clone();
    bad[200 * 80 + 77] ^= 0x02;

    Run r =
        run(
            new BtcHeadersVerifyCommand(),
            write("b.bin", bad).toString(),
            "--start-height",
            "822528");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("rule pow").contains("height 822728");
  }

  @Test
  void aNonGenesisFirstHeaderAtHeightZeroIsInvalid() throws IOException {
    Run r = run(new BtcHeadersVerifyCommand(), write("n.bin", HEADERS).toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("genesis");
  }

  @Test
  void malformedHeaderInputExitsTwo() throws IOException {
    Run truncated =
        run(new BtcHeadersVerifyCommand(), write("t.bin", Arrays.copyOf(HEADERS, 801)).toString());
    Run missing = run(new BtcHeadersVerifyCommand(), dir.resolve("none.bin").toString());
    Run network =
        run(new BtcHeadersVerifyCommand(), write("x.bin", HEADERS).toString(), "--network", "nope");
    Run midPeriod =
        run(
            new BtcHeadersVerifyCommand(),
            write("m.bin", Arrays.copyOfRange(HEADERS, 80, 3000 * 80)).toString(),
            "--start-height",
            "822529");

    assertThat(truncated.code()).isEqualTo(2);
    assertThat(truncated.err()).contains("multiple of 80");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(network.code()).isEqualTo(2);
    assertThat(network.err()).contains("network");
    assertThat(midPeriod.code()).isEqualTo(2);
    assertThat(midPeriod.err()).contains("--period-start-time");
  }

  @Test
  void txoutProofVerifiesAndPrintsTheMatchedTxid() throws IOException {
    Path f = write("p.bin", BitcoinTestData.resource("txoutproof/0830000-1850.bin"));

    Run r = run(new BtcTxOutProofVerifyCommand(), f.toString(), "--header", BLOCK_HEADER);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip().split("\n")).hasSize(2);
  }

  @Test
  void txoutProofGivenAsHexTextVerifies() throws IOException {
    byte[] proof = BitcoinTestData.resource("txoutproof/0830000-10.bin");
    Path f = write("p.hex", (Bytes.hex(proof) + "\n").getBytes(StandardCharsets.US_ASCII));

    assertThat(run(new BtcTxOutProofVerifyCommand(), f.toString(), "--header", BLOCK_HEADER).code())
        .isZero();
  }

  @Test
  void txoutProofForAnotherHeaderOrWithAWrongBranchExitsOne() throws IOException {
    byte[] proof = BitcoinTestData.resource("txoutproof/0830000-100.bin");
    byte[] tampered = proof.clone();
    tampered[90] ^= 1;
    String otherHeader = Bytes.hex(BitcoinTestData.header(HEADERS, 0));

    Run other =
        run(
            new BtcTxOutProofVerifyCommand(),
            write("a.bin", proof).toString(),
            "--header",
            otherHeader);
    Run wrong =
        run(
            new BtcTxOutProofVerifyCommand(),
            write("b.bin", tampered).toString(),
            "--header",
            BLOCK_HEADER);

    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("header-mismatch");
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err()).contains("merkle-root");
  }

  @Test
  void malformedProofOrHeaderExitsTwoWithOneLine() throws IOException {
    byte[] proof = BitcoinTestData.resource("txoutproof/0830000-100.bin");

    Run truncated =
        run(
            new BtcTxOutProofVerifyCommand(),
            write("t.bin", Arrays.copyOf(proof, 100)).toString(),
            "--header",
            BLOCK_HEADER);
    Run shortHeader =
        run(new BtcTxOutProofVerifyCommand(), write("s.bin", proof).toString(), "--header", "abcd");
    Run noHeader = run(new BtcTxOutProofVerifyCommand(), write("n.bin", proof).toString());

    assertThat(truncated.code()).isEqualTo(2);
    assertThat(truncated.err().strip()).doesNotContain("\n").contains("hash count");
    assertThat(shortHeader.code()).isEqualTo(2);
    assertThat(shortHeader.err()).contains("--header");
    assertThat(noHeader.code()).isEqualTo(2);
    assertThat(noHeader.err()).contains("--header");
  }
}
