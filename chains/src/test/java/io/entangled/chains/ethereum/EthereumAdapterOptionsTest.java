package io.entangled.chains.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EthereumAdapterOptionsTest {

  private static ChainSpec spec(String kind, List<URI> urls, Map<String, String> options) {
    return new ChainSpec("opt-test", kind, 1, urls, 2, false, Duration.ofSeconds(1), true, options);
  }

  @Test
  void defaults() {
    EthereumAdapterOptions o = EthereumAdapterOptions.parse(Map.of(), true);
    assertThat(o.batchSize()).isEqualTo(100);
    assertThat(o.rpcTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.retry().maxAttempts()).isEqualTo(3);
    assertThat(JsonFields.hex(o.messagePasser())).isEqualTo(EthereumAdapterOptions.DEFAULT_MESSAGE_PASSER);
    assertThat(EthereumAdapterOptions.parse(Map.of(), false).messagePasser()).isNull();
    assertThat(o.checkChainId()).isFalse();
  }

  @Test
  void readsEveryOption() {
    EthereumAdapterOptions o = EthereumAdapterOptions.parse(Map.of("batch-size", "7", "rpc-timeout", "PT3S",
        "retry-attempts", "5", "retry-initial-backoff", "PT0.1S", "retry-max-backoff", "PT1S",
        "retry-jitter", "0.25", "message-passer", "0x00000000000000000000000000000000000000ab",
        "check-chain-id", "true"), true);
    assertThat(o.checkChainId()).isTrue();
    assertThat(o.batchSize()).isEqualTo(7);
    assertThat(o.rpcTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.retry().maxAttempts()).isEqualTo(5);
    assertThat(o.retry().jitter()).isEqualTo(0.25);
    assertThat(o.messagePasser()[19]).isEqualTo((byte) 0xab);
  }

  @Test
  void rejectsBadOptionsNamingThem() {
    assertBad(Map.of("batch-size", "0"), "batch-size");
    assertBad(Map.of("batch-size", "many"), "batch-size");
    assertBad(Map.of("rpc-timeout", "10"), "rpc-timeout");
    assertBad(Map.of("rpc-timeout", "PT0S"), "rpc-timeout");
    assertBad(Map.of("retry-attempts", "0"), "retry-attempts");
    assertBad(Map.of("retry-jitter", "2"), "jitter");
    assertBad(Map.of("retry-initial-backoff", "PT9S"), "backoff");
    assertBad(Map.of("message-passer", "0x42"), "message-passer");
    assertBad(Map.of("batchsize", "10"), "batchsize");
    assertBad(Map.of("check-chain-id", "yes"), "check-chain-id");
    assertThatThrownBy(() -> EthereumAdapterOptions.parse(Map.of("message-passer",
        EthereumAdapterOptions.DEFAULT_MESSAGE_PASSER), false)).hasMessageContaining("message-passer");
  }

  @Test
  void factoriesCheckUrlsAndOptions() {
    assertThatThrownBy(() -> new EthereumChainAdapterFactory().create(spec("ethereum", List.of(), Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpc-urls");
    assertThatThrownBy(() -> new OptimismChainAdapterFactory().create(
        spec("optimism", List.of(URI.create("ws://127.0.0.1:8546")), Map.of())))
        .hasMessageContaining("rpc-urls");
    assertThatThrownBy(() -> new EthereumChainAdapterFactory().create(
        spec("ethereum", List.of(URI.create("http://127.0.0.1:8545")), Map.of("batch-size", "-1"))))
        .hasMessageContaining("batch-size");
    try (ChainAdapter a = new OptimismChainAdapterFactory().create(
        spec("optimism", List.of(URI.create("http://127.0.0.1:8545")), Map.of()))) {
      assertThat(a.spec().kind()).isEqualTo("optimism");
    }
  }

  private static void assertBad(Map<String, String> options, String named) {
    assertThatThrownBy(() -> EthereumAdapterOptions.parse(options, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
  }
}
