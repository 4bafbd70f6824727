package io.entangled.chains.bitcoin;

import io.entangled.chains.spi.ChainSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code bitcoin} family's {@link ChainSpec#options()}, parsed and checked. Every option is
 * documented in {@code chains/README.md}; a bad one is an {@link IllegalArgumentException} naming
 * it.
 *
 * @param network the network's rules
 * @param source where headers come from
 * @param rpcUserEnv environment variable holding the RPC user (with {@code rpcPasswordEnv})
 * @param rpcPasswordEnv environment variable holding the RPC password
 * @param rpcCookieFile the node's cookie file, instead of user/password
 * @param timeout per-request HTTP timeout
 * @param filePath the header file ({@code source=file})
 * @param fileStartHeight height of the file's first header
 * @param start the trusted start (genesis when not configured)
 */
public record BitcoinAdapterOptions(
    BitcoinNetworkParameters network,
    Source source,
    String rpcUserEnv,
    String rpcPasswordEnv,
    Path rpcCookieFile,
    Duration timeout,
    Path filePath,
    long fileStartHeight,
    TrustedStart start) {

  /** Header source kinds. */
  public enum Source {
    RPC,
    ESPLORA,
    FILE
  }

  static final Set<String> KNOWN =
      Set.of(
          "network",
          "source",
          "rpc.user-env",
          "rpc.password-env",
          "rpc.cookie-file",
          "http.timeout-ms",
          "file.path",
          "file.start-height",
          "start.height",
          "start.header",
          "start.prev-timestamps",
          "start.period-start-time",
          "start.period-start-bits",
          "start.last-normal-bits");

  /**
   * Parses and checks the options of {@code spec}.
   *
   * @throws IllegalArgumentException naming the first bad option
   */
  public static BitcoinAdapterOptions parse(ChainSpec spec) {
    Map<String, String> o = spec.options();
    for (String key : o.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException(
            "option '"
                + key
                + "' is not a bitcoin option; known: "
                + KNOWN.stream().sorted().toList());
      }
    }
    BitcoinNetworkParameters network = network(o.getOrDefault("network", "mainnet"));
    Source source = source(o.getOrDefault("source", "rpc"));
    checkUrls(spec.rpcUrls(), source);
    String userEnv = o.get("rpc.user-env");
    String passwordEnv = o.get("rpc.password-env");
    if ((userEnv == null) != (passwordEnv == null)) {
      throw new IllegalArgumentException("rpc.user-env and rpc.password-env go together");
    }
    Path cookie = o.containsKey("rpc.cookie-file") ? Path.of(o.get("rpc.cookie-file")) : null;
    if (cookie != null && userEnv != null) {
      throw new IllegalArgumentException(
          "rpc.cookie-file excludes rpc.user-env / rpc.password-env");
    }
    long timeoutMs = number(o, "http.timeout-ms", 10_000);
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("http.timeout-ms must be positive");
    }
    Path file = o.containsKey("file.path") ? Path.of(o.get("file.path")) : null;
    if (source == Source.FILE && file == null) {
      throw new IllegalArgumentException("file.path is required with source=file");
    }
    long fileStart = number(o, "file.start-height", 0);
    if (fileStart < 0) {
      throw new IllegalArgumentException("file.start-height must not be negative");
    }
    return new BitcoinAdapterOptions(
        network,
        source,
        userEnv,
        passwordEnv,
        cookie,
        Duration.ofMillis(timeoutMs),
        file,
        fileStart,
        start(o, network));
  }

  private static BitcoinNetworkParameters network(String name) {
    try {
      return BitcoinNetworkParameters.byName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("network: " + e.getMessage());
    }
  }

  private static Source source(String name) {
    try {
      return Source.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("source must be rpc, esplora or file, got '" + name + "'");
    }
  }

  private static void checkUrls(List<URI> urls, Source source) {
    if (source == Source.FILE) {
      return;
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(
          "rpc-urls: source=" + source.name().toLowerCase(Locale.ROOT) + " needs at least one URL");
    }
    for (URI u : urls) {
      if (u.getScheme() == null || !Set.of("http", "https").contains(u.getScheme())) {
        throw new IllegalArgumentException(
            "rpc-urls: only http and https URLs, got scheme " + u.getScheme());
      }
      if (u.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "rpc-urls must not embed credentials; use rpc.user-env"
                + " and rpc.password-env, or rpc.cookie-file");
      }
    }
  }

  private static long number(Map<String, String> o, String key, long fallback) {
    String v = o.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
    }
  }

  private static Integer bits(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) {
      return null;
    }
    String s = v.strip().startsWith("0x") ? v.strip().substring(2) : v.strip();
    try {
      if (s.length() != 8) {
        throw new NumberFormatException();
      }
      return Integer.parseUnsignedInt(s, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be 8 hex digits (compact nBits), got '" + v + "'");
    }
  }

  private static TrustedStart start(Map<String, String> o, BitcoinNetworkParameters network) {
    boolean any = o.keySet().stream().anyMatch(k -> k.startsWith("start."));
    if (!any) {
      return TrustedStart.of(0, network.genesisHeader());
    }
    if (!o.containsKey("start.height") || !o.containsKey("start.header")) {
      throw new IllegalArgumentException(
          "start.height and start.header are both required for a trusted start");
    }
    long height = number(o, "start.height", 0);
    byte[] header = Bytes.parseHex("start.header", o.get("start.header"));
    if (header.length != BitcoinHeader.SIZE) {
      throw new IllegalArgumentException("start.header must be 80 bytes (160 hex digits)");
    }
    List<Long> previous = timestamps(o.get("start.prev-timestamps"));
    if (previous.size() > Math.min(11, height)) {
      throw new IllegalArgumentException(
          "start.prev-timestamps lists at most the "
              + Math.min(11, height)
              + " block times below start.height, oldest first; got "
              + previous.size());
    }
    Long periodStart =
        o.containsKey("start.period-start-time") ? number(o, "start.period-start-time", 0) : null;
    TrustedStart start;
    Optional<String> missing;
    try {
      start =
          new TrustedStart(
              height,
              header,
              previous,
              periodStart,
              bits(o, "start.period-start-bits"),
              bits(o, "start.last-normal-bits"));
      missing = BitcoinHeaderChainVerifier.fromTrustedStart(network, start).missingContext();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("start.header: " + e.getMessage());
    }
    if (missing.isPresent()) {
      throw new IllegalArgumentException(
          "start." + missing.get() + " is required for this start on " + network.name());
    }
    return start;
  }

  private static List<Long> timestamps(String list) {
    List<Long> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String s : list.split(",")) {
      try {
        out.add(Long.parseLong(s.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "start.prev-timestamps must be comma-separated whole numbers");
      }
    }
    return out;
  }
}
