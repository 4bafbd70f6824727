package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.spi.ChainSpec;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitcoinAdapterOptionsTest {
  private static final String HEADER =
      Bytes.hex(BitcoinTestData.header(BitcoinTestData.mainnetHeaders(), 5));

  private static ChainSpec spec(List<URI> urls, Map<String, String> options) {
    return new ChainSpec("btc", "bitcoin", 1, urls, 6, false, Duration.ofSeconds(1), true, options);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "network|dogecoin|network",
        "source|electrum|source",
        "http.timeout-ms|soon|http.timeout-ms",
        "http.timeout-ms|0|http.timeout-ms",
        "rpc.user-env|BTC_USER|rpc.user-env and rpc.password-env",
        "rpc-port|8332|rpc-port",
        "start.height|822533|start.height and start.header",
      })
  void rejectsABadOptionNamingIt(String key, String value, String named) {
    Map<String, String> o = Map.of(key, value);

    assertThatThrownBy(
            () ->
                BitcoinAdapterOptions.parse(spec(List.of(URI.create("http://127.0.0.1:8332")), o)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @Test
  void rejectsUrlsWithEmbeddedCredentialsWithoutEchoingThem() {
    ChainSpec s = spec(List.of(URI.create("http://alice:s3cret@127.0.0.1:8332")), Map.of());

    assertThatThrownBy(() -> BitcoinAdapterOptions.parse(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rpc-urls")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void rpcSourceNeedsAUrlAndFileSourceAPath() {
    assertThatThrownBy(() -> BitcoinAdapterOptions.parse(spec(List.of(), Map.of())))
        .hasMessageContaining("rpc-urls");
    assertThatThrownBy(() -> BitcoinAdapterOptions.parse(spec(List.of(), Map.of("source", "file"))))
        .hasMessageContaining("file.path");
  }

  @Test
  void startInsideAPeriodNeedsThePeriodStartTime() {
    Map<String, String> o =
        new HashMap<>(
            Map.of(
                "source",
                "file",
                "file.path",
                "/nonexistent",
                "start.height",
                "822533",
                "start.header",
                HEADER));

    assertThatThrownBy(() -> BitcoinAdapterOptions.parse(spec(List.of(), o)))
        .hasMessageContaining("start.period-start-time");

    o.put("start.period-start-time", "1703000000");
    assertThat(BitcoinAdapterOptions.parse(spec(List.of(), o)).start().height()).isEqualTo(822_533);
  }

  @Test
  void badStartValuesAreNamed() {
    Map<String, String> base =
        Map.of(
            "source",
            "file",
            "file.path",
            "/x",
            "start.height",
            "822533",
            "start.period-start-time",
            "1");
    assertThatThrownBy(
            () -> BitcoinAdapterOptions.parse(spec(List.of(), with(base, "start.header", "abcd"))))
        .hasMessageContaining("start.header");
    assertThatThrownBy(
            () ->
                BitcoinAdapterOptions.parse(
                    spec(
                        List.of(),
                        with(with(base, "start.header", HEADER), "start.prev-timestamps", "1,x"))))
        .hasMessageContaining("start.prev-timestamps");
    assertThatThrownBy(
            () ->
                BitcoinAdapterOptions.parse(
                    spec(
                        List.of(),
                        with(
                            with(base, "start.header", HEADER),
                            "start.period-start-bits",
                            "1d00"))))
        .hasMessageContaining("start.period-start-bits");
  }

  @Test
  void defaultsAreMainnetOverRpcFromGenesis() {
    BitcoinAdapterOptions o =
        BitcoinAdapterOptions.parse(spec(List.of(URI.create("http://127.0.0.1:8332")), Map.of()));

    assertThat(o.network()).isEqualTo(BitcoinNetworkParameters.MAINNET);
    assertThat(o.source()).isEqualTo(BitcoinAdapterOptions.Source.RPC);
    assertThat(o.start().height()).isZero();
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> r = new HashMap<>(m);
    r.put(k, v);
    return r;
  }
}
