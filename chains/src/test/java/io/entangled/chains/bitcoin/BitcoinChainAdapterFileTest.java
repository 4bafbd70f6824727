package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import io.entangled.chains.spi.HeaderVerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adapter replaying the real mainnet header file (source=file) from a trusted start. */
class BitcoinChainAdapterFileTest {
  private static final byte[] HEADERS = BitcoinTestData.mainnetHeaders();
  private static final long START = BitcoinTestData.FIRST_HEIGHT;

  @TempDir Path dir;

  private ChainAdapter adapter(byte[] fileBytes, Map<String, String> extra) throws IOException {
    Path file = dir.resolve("headers.bin");
    Files.write(file, fileBytes);
    Map<String, String> options =
        new HashMap<>(
            Map.of(
                "network", "mainnet",
                "source", "file",
                "file.path", file.toString(),
                "file.start-height", Long.toString(START),
                "start.height", Long.toString(START),
                "start.header", Bytes.hex(BitcoinTestData.header(HEADERS, 0))));
    options.putAll(extra);
    return factory().create(spec(options));
  }

  static ChainSpec spec(Map<String, String> options) {
    return new ChainSpec(
        "btc-test", "bitcoin", 1, List.of(), 6, false, Duration.ofSeconds(5), true, options);
  }

  static ChainAdapterFactory factory() {
    return ServiceLoader.load(ChainAdapterFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.kind().equals("bitcoin"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void followsTheWholeFileInBatchesWithContextFromStoredHistory() throws IOException {
    ChainAdapter a = adapter(HEADERS, Map.of());
    MapHeaderHistory history = new MapHeaderHistory();

    for (long from = START; from <= 830_592; from += 700) {
      history.store(a.fetchVerified(from, Math.min(830_592, from + 699), history));
    }

    assertThat(history.size()).isEqualTo(BitcoinTestData.HEADER_COUNT);
    Checkpoint tip = history.at(830_592).orElseThrow();
    assertThat(tip.hash()).isEqualTo(a.canonicalHash(830_592).orElseThrow());
    assertThat(a.head().height()).isEqualTo(830_592);
    assertThat(a.head().hash()).isEqualTo(tip.hash());
    assertThat(tip.parentHash()).isEqualTo(history.at(830_591).orElseThrow().hash());
    assertThat(tip.stateCommitment())
        .isEqualTo(Bytes.reversed(BitcoinHeader.parse(tip.rawHeader()).merkleRoot()));
  }

  /**
   * Batches starting 0..13 blocks after a retarget: the period start is near the 11-block window.
   */
  @ParameterizedTest(name = "batch from retarget + {0}")
  @ValueSource(ints = {0, 1, 2, 9, 10, 11, 12, 13, 100})
  void contextFromHistoryVerifiesTheNextRetargetWhereverTheBatchStarts(int offset)
      throws IOException {
    ChainAdapter a = adapter(HEADERS, Map.of());
    MapHeaderHistory history = new MapHeaderHistory();
    long retarget = 824_544;
    history.store(a.fetchVerified(START, retarget + offset - 1, history));

    List<Checkpoint> batch = a.fetchVerified(retarget + offset, retarget + 2016 + 1, history);

    assertThat(batch.get(batch.size() - 1).hash())
        .isEqualTo(a.canonicalHash(retarget + 2017).orElseThrow());
  }

  @Test
  void rejectsATamperedHeaderInTheFileWithRuleAndHeight() throws IOException {
    byte[] bad = HEADERS.clone();
    bad[3000 * 80 + 76] ^= 0x10;
    ChainAdapter a = adapter(bad, Map.of());
    MapHeaderHistory history = new MapHeaderHistory();
    history.store(a.fetchVerified(START, START + 2999, history));

    assertThatThrownBy(() -> a.fetchVerified(START + 3000, START + 3100, history))
        .isInstanceOfSatisfying(
            HeaderVerificationException.class,
            e -> {
              assertThat(e.rule()).isEqualTo("pow");
              assertThat(e.height()).isEqualTo(START + 3000);
            });
  }

  @Test
  void rejectsABatchThatDoesNotLinkToTheStoredParent() throws IOException {
    ChainAdapter a = adapter(HEADERS, Map.of());
    MapHeaderHistory history = new MapHeaderHistory();
    history.store(a.fetchVerified(START, START + 20, history));
    Checkpoint c = history.at(START + 20).orElseThrow();
    byte[] otherRaw = BitcoinTestData.header(HEADERS, 19);
    history.store(
        List.of(
            new Checkpoint(
                c.height(),
                c.hash(),
                c.parentHash(),
                c.stateCommitment(),
                c.timestamp(),
                otherRaw)));

    assertThatThrownBy(() -> a.fetchVerified(START + 21, START + 30, history))
        .isInstanceOfSatisfying(
            HeaderVerificationException.class,
            e -> assertThat(e.rule()).isEqualTo("prev-hash-link"));
  }

  @Test
  void rejectsASourceWhoseStartHeaderDiffersFromTheConfiguredOne() throws IOException {
    ChainAdapter a =
        adapter(HEADERS, Map.of("start.header", Bytes.hex(BitcoinTestData.header(HEADERS, 1))));

    assertThatThrownBy(() -> a.fetchVerified(START, START + 5, HeaderHistory.empty()))
        .isInstanceOfSatisfying(
            HeaderVerificationException.class,
            e -> assertThat(e.rule()).isEqualTo("trusted-start"));
  }

  @Test
  void refusesHeightsBelowTheTrustedStartAndMissingHistory() throws IOException {
    ChainAdapter a = adapter(HEADERS, Map.of());

    assertThat(a.firstVerifiableHeight()).hasValue(START);
    assertThatThrownBy(() -> a.fetchVerified(START - 1, START + 5, HeaderHistory.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start.height");
    assertThatThrownBy(() -> a.fetchVerified(START + 100, START + 105, HeaderHistory.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no checkpoint at height");
  }

  @Test
  void canonicalHashIsEmptyAboveTheFile() throws IOException {
    ChainAdapter a = adapter(HEADERS, Map.of());

    assertThat(a.canonicalHash(830_593)).isEmpty();
    assertThat(Bytes.hex(a.canonicalHash(START).orElseThrow()))
        .isEqualTo(BitcoinHeader.parse(BitcoinTestData.header(HEADERS, 0)).hashHex());
  }
}
