package io.entangled.chains.ethereum;

import io.entangled.chains.rpc.RetryPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code ethereum} and {@code optimism} adapters' options ({@code ChainSpec.options()}), parsed
 * and checked. Unknown names are rejected so that a typo does not silently keep a default.
 *
 * @param batchSize blocks per JSON-RPC batch ({@code batch-size}, 1..1000, default 100)
 * @param rpcTimeout per-request timeout ({@code rpc-timeout}, ISO-8601 like {@code PT10S}, default 10 s)
 * @param retry retries of a failed call over all URLs ({@code retry-attempts} default 3,
 *     {@code retry-initial-backoff} default PT0.2S, {@code retry-max-backoff} default PT5S,
 *     {@code retry-jitter} default 0.5)
 * @param messagePasser the L2ToL1MessagePasser address whose storage root enters the output root
 *     ({@code message-passer}, {@code optimism} only, default 0x4200…0016)
 * @param checkChainId whether each URL must serve the configured chain id ({@code check-chain-id},
 *     {@code true} or {@code false}, default false)
 */
public record EthereumAdapterOptions(int batchSize, Duration rpcTimeout, RetryPolicy retry,
    byte[] messagePasser, boolean checkChainId) {

  /** The OP-stack predeploy {@code L2ToL1MessagePasser}. */
  public static final String DEFAULT_MESSAGE_PASSER = "0x4200000000000000000000000000000000000016";

  private static final Set<String> COMMON = Set.of("batch-size", "rpc-timeout", "retry-attempts",
      "retry-initial-backoff", "retry-max-backoff", "retry-jitter", "check-chain-id");

  /** Parses {@code options} for an adapter of {@code kind}. */
  public static EthereumAdapterOptions parse(Map<String, String> options, boolean optimism) {
    checkNames(options, optimism);
    int batch = intOption(options, "batch-size", 100, 1, 1000);
    Duration timeout = durationOption(options, "rpc-timeout", Duration.ofSeconds(10));
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("option rpc-timeout must be positive, got " + timeout);
    }
    RetryPolicy retry = retryPolicy(options);
    byte[] passer = optimism ? address(options.getOrDefault("message-passer", DEFAULT_MESSAGE_PASSER))
        : null;
    return new EthereumAdapterOptions(batch, timeout, retry, passer, booleanOption(options, "check-chain-id"));
  }

  private static void checkNames(Map<String, String> options, boolean optimism) {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(COMMON);
    if (optimism) {
      unknown.remove("message-passer");
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + unknown + " for kind "
          + (optimism ? "optimism" : "ethereum") + "; known: " + COMMON
          + (optimism ? " and message-passer" : ""));
    }
  }

  private static RetryPolicy retryPolicy(Map<String, String> options) {
    int attempts = intOption(options, "retry-attempts", 3, 1, 100);
    Duration initial = durationOption(options, "retry-initial-backoff", Duration.ofMillis(200));
    Duration max = durationOption(options, "retry-max-backoff", Duration.ofSeconds(5));
    double jitter;
    try {
      jitter = Double.parseDouble(options.getOrDefault("retry-jitter", "0.5"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option retry-jitter must be a number within 0..1");
    }
    try {
      return new RetryPolicy(attempts, initial, max, jitter);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("option " + e.getMessage());
    }
  }

  private static boolean booleanOption(Map<String, String> options, String name) {
    String raw = options.getOrDefault(name, "false").trim();
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.parseBoolean(raw);
    }
    throw new IllegalArgumentException("option " + name + " must be true or false, got '" + raw + "'");
  }

  private static int intOption(Map<String, String> options, String name, int fallback, int min, int max) {
    String raw = options.get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option " + name + " must be an integer within " + min + ".."
        + max + ", got '" + raw + "'");
  }

  private static Duration durationOption(Map<String, String> options, String name, Duration fallback) {
    String raw = options.get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      Duration d = Duration.parse(raw.trim());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("option " + name + " must be a non-negative ISO-8601 duration"
        + " such as PT10S, got '" + raw + "'");
  }

  private static byte[] address(String raw) {
    String s = raw.trim();
    if (!s.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("option message-passer must be a 0x-prefixed 20-byte address, got '"
          + raw + "'");
    }
    return HexFormat.of().parseHex(s.substring(2));
  }
}
