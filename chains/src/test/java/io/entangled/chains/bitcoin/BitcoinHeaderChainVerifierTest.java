package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BitcoinHeaderChainVerifierTest {
  private static final byte[] HEADERS = BitcoinTestData.mainnetHeaders();
  private static final long START = BitcoinTestData.FIRST_HEIGHT;

  private static BitcoinHeaderChainVerifier fromFirstHeader() {
    return BitcoinHeaderChainVerifier.fromTrustedStart(
        BitcoinNetworkParameters.MAINNET,
        TrustedStart.of(START, BitcoinTestData.header(HEADERS, 0)));
  }

  /** Verifies the headers after the first; returns the first violation. */
  private static Optional<RuleViolation> verifyTampered(byte[] headers) {
    return fromFirstHeader().verify(headers, 80, BitcoinTestData.HEADER_COUNT - 1);
  }

  @Test
  void verifiesTheContiguousMainnetHeadersAcrossFourRetargets() {
    BitcoinHeaderChainVerifier v = fromFirstHeader();

    assertThat(v.verify(HEADERS, 80, BitcoinTestData.HEADER_COUNT - 1)).isEmpty();

    assertThat(v.height()).isEqualTo(830_592);
    assertThat(v.tipHashHex())
        .isEqualTo(BitcoinHeader.parse(BitcoinTestData.header(HEADERS, 8064)).hashHex());
    assertThat(v.tipHashHex()).startsWith("00000000000000000");
  }

  @Test
  void chainworkOfTheRunAddsUpToBitcoinCoresChainwork() {
    BitcoinHeaderChainVerifier v = fromFirstHeader();
    v.verify(HEADERS, 80, BitcoinTestData.HEADER_COUNT - 1);
    UInt256 before = chainworkAt(822_527);

    assertThat(before.add(v.chainwork())).isEqualTo(chainworkAt(830_592));
  }

  private static UInt256 chainworkAt(long height) {
    return BitcoinTestData.csv("chainwork.csv").stream()
        .filter(r -> Long.parseLong(r[0]) == height)
        .map(r -> UInt256.of(new java.math.BigInteger(r[1], 16)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void verifiesMainnetFromGenesisThroughBlock11() {
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromGenesis(BitcoinNetworkParameters.MAINNET);
    String[] lines =
        new String(BitcoinTestData.resource("blockheaders-mainnet-1-11.txt")).strip().split("\\s+");

    for (String hex : lines) {
      assertThat(v.verifyNext(Bytes.parseHex("header", hex))).isEmpty();
    }

    assertThat(v.height()).isEqualTo(11);
    assertThat(v.chainwork().toHex()).isEqualTo("0".repeat(55) + "c000c000c");
  }

  static Stream<Arguments> tamperedHeaders() {
    return Stream.of(
        Arguments.of("flipped nonce bit", 100, (Tamper) h -> h[76] ^= 0x01, "pow", START + 100),
        Arguments.of(
            "flipped nonce bit at a retarget",
            2016,
            (Tamper) h -> h[79] ^= 0x40,
            "pow",
            START + 2016),
        Arguments.of(
            "changed nBits (easier)", 500, (Tamper) h -> h[74] ^= 0x01, "bits", START + 500),
        Arguments.of(
            "changed nBits at a retarget", 4032, (Tamper) h -> h[72] ^= 0x01, "bits", START + 4032),
        Arguments.of("flipped Merkle root bit", 7, (Tamper) h -> h[40] ^= 0x04, "pow", START + 7),
        Arguments.of(
            "flipped version bit below BIP65 minimum",
            9,
            (Tamper)
                h -> {
                  Bytes.putIntLe(h, 0, 3);
                },
            "version",
            START + 9));
  }

  interface Tamper {
    void apply(byte[] header);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedHeaders")
  void rejectsTamperedHeaderWithTheRightRule(
      String name, int index, Tamper tamper, String rule, long height) {
    byte[] headers = HEADERS.clone();
    byte[] h = BitcoinTestData.header(headers, index);
    tamper.apply(h);
    System.arraycopy(h, 0, headers, index * 80, 80);

    assertThat(verifyTampered(headers))
        .get()
        .satisfies(v -> assertThat(v.rule()).isEqualTo(rule))
        .satisfies(v -> assertThat(v.height()).isEqualTo(height));
  }

  @Test
  void rejectsSwappedPairOfHeadersAsBrokenLink() {
    byte[] headers = HEADERS.clone();
    System.arraycopy(HEADERS, 300 * 80, headers, 301 * 80, 80);
    System.arraycopy(HEADERS, 301 * 80, headers, 300 * 80, 80);

    assertThat(verifyTampered(headers))
        .get()
        .satisfies(v -> assertThat(v.rule()).isEqualTo("prev-hash-link"))
        .satisfies(v -> assertThat(v.height()).isEqualTo(START + 300));
  }

  @Test
  void rejectsTimestampAtTheMedianOfTheLast11() {
    assertMedianTimeRejection(0);
  }

  @Test
  void rejectsTimestampBelowTheMedianOfTheLast11() {
    assertMedianTimeRejection(-1);
  }

  private static void assertMedianTimeRejection(long offset) {
    int index = 1000;
    long[] previous = new long[11];
    for (int i = 0; i < 11; i++) {
      previous[i] = BitcoinHeader.parse(BitcoinTestData.header(HEADERS, index - 11 + i)).time();
    }
    Arrays.sort(previous);
    byte[] headers = HEADERS.clone();
    Bytes.putIntLe(headers, index * 80 + 68, (int) (previous[5] + offset));

    assertThat(verifyTampered(headers))
        .get()
        .satisfies(v -> assertThat(v.rule()).isEqualTo("median-time-past"))
        .satisfies(v -> assertThat(v.height()).isEqualTo(START + index));
  }

  @Test
  void acceptsTimestampOneAboveTheMedianAsFarAsTimeRulesGo() {
    int index = 1000;
    long[] previous = new long[11];
    for (int i = 0; i < 11; i++) {
      previous[i] = BitcoinHeader.parse(BitcoinTestData.header(HEADERS, index - 11 + i)).time();
    }
    Arrays.sort(previous);
    byte[] headers = HEADERS.clone();
    Bytes.putIntLe(headers, index * 80 + 68, (int) (previous[5] + 1));

    // the time rule passes; the changed header then fails its proof of work
    assertThat(verifyTampered(headers)).get().extracting(RuleViolation::rule).isEqualTo("pow");
  }

  @Test
  void stopsAtTheFirstBadHeaderWithTheTipOnTheLastGoodOne() {
    byte[] headers = HEADERS.clone();
    headers[50 * 80 + 76] ^= 1;
    BitcoinHeaderChainVerifier v = fromFirstHeader();

    assertThat(v.verify(headers, 80, 100)).isPresent();

    assertThat(v.height()).isEqualTo(START + 49);
  }

  @Test
  void reportsMissingContextWhenTheTrustedStartCannotTellThePeriodStart() {
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromTrustedStart(
            BitcoinNetworkParameters.MAINNET,
            TrustedStart.of(START + 10, BitcoinTestData.header(HEADERS, 10)));

    Optional<RuleViolation> r = v.verify(HEADERS, 11 * 80, 2016);

    assertThat(r).get().extracting(RuleViolation::rule).isEqualTo("missing-context");
    assertThat(r.get().height()).isEqualTo(START + 2016);
  }

  @Test
  void trustedStartWithPeriodStartTimeVerifiesTheRetarget() {
    long periodStart = BitcoinHeader.parse(BitcoinTestData.header(HEADERS, 0)).time();
    List<Long> previous =
        IntStream.range(0, 10)
            .mapToObj(i -> BitcoinHeader.parse(BitcoinTestData.header(HEADERS, i)).time())
            .toList();
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromTrustedStart(
            BitcoinNetworkParameters.MAINNET,
            new TrustedStart(
                START + 10,
                BitcoinTestData.header(HEADERS, 10),
                previous,
                periodStart,
                null,
                null));

    assertThat(v.verify(HEADERS, 11 * 80, BitcoinTestData.HEADER_COUNT - 11)).isEmpty();
    assertThat(v.height()).isEqualTo(830_592);
  }

  /** Start 11 blocks into a period: the period's first block is the oldest of 11 timestamps. */
  @Test
  void periodStartElevenBlocksBackIsTakenFromThePreviousTimestamps() {
    List<Long> previous =
        IntStream.range(0, 11)
            .mapToObj(i -> BitcoinHeader.parse(BitcoinTestData.header(HEADERS, i)).time())
            .toList();
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromTrustedStart(
            BitcoinNetworkParameters.MAINNET,
            new TrustedStart(
                START + 11, BitcoinTestData.header(HEADERS, 11), previous, null, null, null));

    assertThat(v.missingContext()).isEmpty();
    assertThat(v.verify(HEADERS, 12 * 80, BitcoinTestData.HEADER_COUNT - 12)).isEmpty();
  }

  @Test
  void rejectsAStartAtHeightZeroThatIsNotGenesis() {
    assertThatThrownBy(
            () ->
                BitcoinHeaderChainVerifier.fromTrustedStart(
                    BitcoinNetworkParameters.MAINNET,
                    TrustedStart.of(0, BitcoinTestData.header(HEADERS, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("genesis");
  }
}
