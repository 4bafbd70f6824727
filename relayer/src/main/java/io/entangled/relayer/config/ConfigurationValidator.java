package io.entangled.relayer.config;

import io.entangled.chains.spi.ChainSpec;
import io.entangled.relayer.config.RelayerSettings.JobSettings;
import io.entangled.relayer.config.RelayerSettings.ProverSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns bound {@link EntangledProperties} into {@link RelayerSettings}, or fails with a {@link
 * ConfigurationException} whose message names the offending key, e.g. {@code
 * entangled.chains[1].confirmations must not be negative, got -3}.
 */
public final class ConfigurationValidator {
  private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");
  private static final Set<String> BACKENDS = Set.of("auto", "cpu", "gpu");

  private final Set<String> knownKinds;
  private final Function<String, String> env;

  /**
   * @param knownKinds the chain kinds of the adapters on the class path
   * @param env environment lookup (System::getenv in the service)
   */
  public ConfigurationValidator(Set<String> knownKinds, Function<String, String> env) {
    this.knownKinds = Set.copyOf(knownKinds);
    this.env = env;
  }

  public RelayerSettings validate(EntangledProperties p) {
    List<ChainSettings> chains = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<Long> chainIds = new HashSet<>();
    for (int i = 0; i < p.getChains().size(); i++) {
      ChainSettings c = chain("entangled.chains[" + i + "]", p.getChains().get(i));
      require(ids.add(c.id()), "entangled.chains[" + i + "].id", "duplicates chain id '" + c.id() + "'");
      require(
          chainIds.add(c.spec().chainId()),
          "entangled.chains[" + i + "].chain-id",
          "duplicates chain-id " + c.spec().chainId() + " (it must be unique: it keys the root's leaves)");
      chains.add(c);
    }
    List<TargetSettings> targets = new ArrayList<>();
    for (int i = 0; i < p.getTargets().size(); i++) {
      targets.add(target("entangled.targets[" + i + "]", p.getTargets().get(i)));
    }
    return new RelayerSettings(
        nodeName(p.getNodeName()),
        List.copyOf(chains),
        List.copyOf(targets),
        prover(p.getProver()),
        apiToken(p.getApi()),
        jobs(p.getJobs()));
  }

  private ChainSettings chain(String key, EntangledProperties.Chain c) {
    require(c.getId() != null && !c.getId().isBlank(), key + ".id", "is required");
    require(
        c.getId().matches("[a-z0-9][a-z0-9-]{0,62}"),
        key + ".id",
        "'" + c.getId() + "' must be 1-63 lower-case letters, digits or '-'");
    require(c.getKind() != null && !c.getKind().isBlank(), key + ".kind", "is required");
    require(
        knownKinds.contains(c.getKind()),
        key + ".kind",
        "unknown chain kind '" + c.getKind() + "'; known kinds: " + String.join(", ", sorted(knownKinds)));
    require(c.getChainId() != null, key + ".chain-id", "is required (the number folded into the root)");
    require(c.getChainId() >= 0, key + ".chain-id", "must not be negative, got " + c.getChainId());
    require(c.getConfirmations() != null, key + ".confirmations", "is required");
    require(
        c.getConfirmations() >= 0,
        key + ".confirmations",
        "must not be negative, got " + c.getConfirmations());
    require(
        c.getPollInterval() != null && positive(c.getPollInterval()),
        key + ".poll-interval",
        "must be positive, got " + c.getPollInterval());
    require(
        c.getBatchSize() >= 1 && c.getBatchSize() <= 10_000,
        key + ".batch-size",
        "must be 1..10000, got " + c.getBatchSize());
    require(
        c.getStartHeight() == null || c.getStartHeight() >= 0,
        key + ".start-height",
        "must not be negative, got " + c.getStartHeight());
    boolean fileSource = "file".equals(c.getOptions().get("source"));
    require(
        !c.isEnabled() || fileSource || !c.getRpcUrls().isEmpty(),
        key + ".rpc-urls",
        "is required: at least one RPC URL for an enabled chain");
    for (int j = 0; j < c.getRpcUrls().size(); j++) {
      url(key + ".rpc-urls[" + j + "]", c.getRpcUrls().get(j));
    }
    ChainSpec spec =
        new ChainSpec(
            c.getId(),
            c.getKind(),
            c.getChainId(),
            c.getRpcUrls(),
            c.getConfirmations(),
            c.isUseFinalizedTag(),
            c.getPollInterval(),
            c.isEnabled(),
            Map.copyOf(c.getOptions()));
    return new ChainSettings(spec, c.getStartHeight(), c.getBatchSize());
  }

  private TargetSettings target(String key, EntangledProperties.Target t) {
    require(t.getId() != null && !t.getId().isBlank(), key + ".id", "is required");
    require(t.getKind() != null && !t.getKind().isBlank(), key + ".kind", "is required");
    require(
        !t.isEnabled() || !t.getRpcUrls().isEmpty(),
        key + ".rpc-urls",
        "is required: at least one RPC URL for an enabled target");
    for (int j = 0; j < t.getRpcUrls().size(); j++) {
      url(key + ".rpc-urls[" + j + "]", t.getRpcUrls().get(j));
    }
    require(
        t.getInterval() != null && positive(t.getInterval()),
        key + ".interval",
        "must be positive, got " + t.getInterval());
    if (t.getSignerKeyEnv() != null) {
      require(
          env.apply(t.getSignerKeyEnv()) != null,
          key + ".signer-key-env",
          "names environment variable " + t.getSignerKeyEnv() + ", which is not set");
    }
    if (t.getSignerKeystore() != null) {
      require(
          Files.isReadable(Path.of(t.getSignerKeystore())),
          key + ".signer-keystore",
          "file " + t.getSignerKeystore() + " is not readable");
    }
    return new TargetSettings(
        t.getId(), t.getKind(), List.copyOf(t.getRpcUrls()), t.getSignerKeyEnv(),
        t.getSignerKeystore(), t.getInterval(), t.isEnabled(), Map.copyOf(t.getOptions()));
  }

  private static ProverSettings prover(EntangledProperties.Prover p) {
    require(
        BACKENDS.contains(p.getBackend()),
        "entangled.prover.backend",
        "must be one of auto, cpu, gpu; got '" + p.getBackend() + "'");
    long s = p.getSegmentCycles();
    require(
        s >= 1024 && Long.bitCount(s) == 1 && s <= (1L << 24),
        "entangled.prover.segment-cycles",
        "must be a power of two between 2^10 and 2^24, got " + s);
    require(p.getThreads() >= 0, "entangled.prover.threads", "must not be negative");
    return new ProverSettings(p.getBackend(), s, p.getThreads());
  }

  private Optional<ApiToken> apiToken(EntangledProperties.Api api) {
    if (api.getTokenFile() != null) {
      try {
        String line = Files.readAllLines(Path.of(api.getTokenFile())).stream().findFirst().orElse("");
        require(!line.isBlank(), "entangled.api.token-file", "file " + api.getTokenFile() + " is empty");
        require(line.strip().length() >= 16, "entangled.api.token-file", "token must be at least 16 characters");
        return Optional.of(new ApiToken(line.strip()));
      } catch (IOException e) {
        throw new ConfigurationException(
            "entangled.api.token-file: cannot read " + api.getTokenFile() + " (" + e.getMessage() + ")");
      }
    }
    String value = api.getTokenEnv() == null ? null : env.apply(api.getTokenEnv());
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    require(
        value.strip().length() >= 16,
        "entangled.api.token-env",
        "the token in " + api.getTokenEnv() + " must be at least 16 characters");
    return Optional.of(new ApiToken(value.strip()));
  }

  private static JobSettings jobs(EntangledProperties.Jobs j) {
    require(positive(j.getAggregateInterval()), "entangled.jobs.aggregate-interval", "must be positive");
    require(positive(j.getProveInterval()), "entangled.jobs.prove-interval", "must be positive");
    require(positive(j.getRelayInterval()), "entangled.jobs.relay-interval", "must be positive");
    require(positive(j.getIngestBudget()), "entangled.jobs.ingest-budget", "must be positive");
    require(positive(j.getJobRunRetention()), "entangled.jobs.job-run-retention", "must be positive");
    return new JobSettings(
        j.getAggregateInterval(), j.getProveInterval(), j.getRelayInterval(), j.getIngestBudget(),
        j.getJobRunRetention());
  }

  private static String nodeName(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
    } catch (UnknownHostException e) {
      return "node-" + ProcessHandle.current().pid();
    }
  }

  private static void url(String key, URI uri) {
    require(uri != null, key, "is empty");
    require(
        uri.getScheme() != null && SCHEMES.contains(uri.getScheme()) && uri.getHost() != null,
        key,
        "must be an http(s) or ws(s) URL with a host, got '" + redact(uri) + "'");
  }

  /**
   * A URL as it may be printed: scheme, host and port only. User info, path, query and fragment
   * are dropped because providers put API keys there.
   */
  public static String redact(URI uri) {
    if (uri == null) {
      return "null";
    }
    String host = uri.getHost() == null ? "?" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String rest = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : "/…";
    return (uri.getScheme() == null ? "" : uri.getScheme() + "://") + host + port + rest;
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigurationException(key + " " + problem);
    }
  }
}
