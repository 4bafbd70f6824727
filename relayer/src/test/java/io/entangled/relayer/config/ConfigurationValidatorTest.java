package io.entangled.relayer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationValidatorTest {
  private final ConfigurationValidator validator =
      new ConfigurationValidator(Set.of("ethereum", "bitcoin"), Map.of("TOKEN", "0123456789abcdef0123")::get);

  @Test
  void acceptsAValidChainAndKeepsItsSettings() {
    RelayerSettings s = validator.validate(props(chain("eth", "ethereum", 1)));

    assertThat(s.chains()).hasSize(1);
    assertThat(s.chains().getFirst().spec().confirmations()).isEqualTo(2);
    assertThat(s.chains().getFirst().spec().rpcUrls()).containsExactly(URI.create("http://127.0.0.1:8545"));
  }

  @Test
  void rejectsUnknownKindNamingTheKeyAndTheKnownKinds() {
    assertThatThrownBy(() -> validator.validate(props(chain("x", "solana", 1))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("entangled.chains[0].kind unknown chain kind 'solana'; known kinds: bitcoin, ethereum");
  }

  @Test
  void rejectsMissingRpcUrl() {
    EntangledProperties.Chain c = chain("eth", "ethereum", 1);
    c.setRpcUrls(List.of());
    assertThatThrownBy(() -> validator.validate(props(c)))
        .hasMessageStartingWith("entangled.chains[0].rpc-urls is required");
  }

  @Test
  void acceptsMissingRpcUrlForAFileSource() {
    EntangledProperties.Chain c = chain("btc", "bitcoin", 0);
    c.setRpcUrls(List.of());
    c.setOptions(Map.of("source", "file"));
    assertThat(validator.validate(props(c)).chains()).hasSize(1);
  }

  @Test
  void rejectsNegativeConfirmations() {
    EntangledProperties.Chain c = chain("eth", "ethereum", 1);
    c.setConfirmations(-3);
    assertThatThrownBy(() -> validator.validate(props(c)))
        .hasMessage("entangled.chains[0].confirmations must not be negative, got -3");
  }

  @Test
  void rejectsNonPositivePollInterval() {
    EntangledProperties.Chain c = chain("eth", "ethereum", 1);
    c.setPollInterval(Duration.ZERO);
    assertThatThrownBy(() -> validator.validate(props(c)))
        .hasMessageStartingWith("entangled.chains[0].poll-interval must be positive");
  }

  @Test
  void rejectsDuplicateIdsAndChainIds() {
    assertThatThrownBy(() -> validator.validate(props(chain("a", "ethereum", 1), chain("a", "ethereum", 2))))
        .hasMessageStartingWith("entangled.chains[1].id duplicates");
    assertThatThrownBy(() -> validator.validate(props(chain("a", "ethereum", 1), chain("b", "ethereum", 1))))
        .hasMessageStartingWith("entangled.chains[1].chain-id duplicates");
  }

  @Test
  void rejectsAUrlThatIsNotHttpAndDoesNotEchoItsSecrets() {
    EntangledProperties.Chain c = chain("eth", "ethereum", 1);
    c.setRpcUrls(List.of(URI.create("ftp://user:hunter2@host/v3/secretkey")));
    assertThatThrownBy(() -> validator.validate(props(c)))
        .hasMessageStartingWith("entangled.chains[0].rpc-urls[0] must be an http(s)")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("secretkey");
  }

  @Test
  void rejectsBadProverSettings() {
    EntangledProperties p = props();
    p.getProver().setSegmentCycles(1000);
    assertThatThrownBy(() -> validator.validate(p))
        .hasMessageStartingWith("entangled.prover.segment-cycles must be a power of two");
    p.getProver().setSegmentCycles(1 << 20);
    p.getProver().setBackend("tpu");
    assertThatThrownBy(() -> validator.validate(p)).hasMessageStartingWith("entangled.prover.backend");
  }

  @Test
  void readsTheApiTokenFromTheNamedEnvironmentVariableAndNeverPrintsIt() {
    EntangledProperties p = props();
    p.getApi().setTokenEnv("TOKEN");
    RelayerSettings s = validator.validate(p);

    assertThat(s.apiToken()).isPresent();
    assertThat(s.apiToken().get().matches("0123456789abcdef0123")).isTrue();
    assertThat(s.apiToken().get().matches("0123456789abcdef0124")).isFalse();
    assertThat(s.toString()).doesNotContain("0123456789abcdef0123");
  }

  @Test
  void disablesMutatingEndpointsWhenNoTokenIsSet() {
    EntangledProperties p = props();
    p.getApi().setTokenEnv("UNSET_VARIABLE");
    assertThat(validator.validate(p).apiToken()).isEmpty();
  }

  @Test
  void rejectsATargetWhoseKeyVariableIsNotSet() {
    EntangledProperties p = props();
    EntangledProperties.Target t = new EntangledProperties.Target();
    t.setId("oracle");
    t.setKind("evm");
    t.setRpcUrls(List.of(URI.create("http://127.0.0.1:8545")));
    t.setSignerKeyEnv("NOT_THERE");
    p.setTargets(List.of(t));
    assertThatThrownBy(() -> validator.validate(p))
        .hasMessage("entangled.targets[0].signer-key-env names environment variable NOT_THERE, which is not set");
  }

  static EntangledProperties props(EntangledProperties.Chain... chains) {
    EntangledProperties p = new EntangledProperties();
    p.setNodeName("test");
    p.setChains(List.of(chains));
    return p;
  }

  static EntangledProperties.Chain chain(String id, String kind, long chainId) {
    EntangledProperties.Chain c = new EntangledProperties.Chain();
    c.setId(id);
    c.setKind(kind);
    c.setChainId(chainId);
    c.setConfirmations(2);
    c.setRpcUrls(List.of(URI.create("http://127.0.0.1:8545")));
    return c;
  }
}
