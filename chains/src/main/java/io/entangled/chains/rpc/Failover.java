package io.entangled.chains.rpc;

import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call on the first endpoint that succeeds, in configured order, starting with the one that
 * succeeded last (so a dead first URL costs one failure, not one per call). When every endpoint
 * fails, a {@link ChainSourceException} says what each did, naming endpoints by their redacted URL.
 *
 * @param <C> the per-endpoint client type
 */
public final class Failover<C> {
  private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

  /** A client with the name used in messages (never holding credentials). */
  public record Endpoint<C>(String name, C client) {}

  private final List<Endpoint<C>> endpoints;
  private volatile int preferred;

  public Failover(List<Endpoint<C>> endpoints) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("rpc-urls: at least one URL is needed");
    }
    this.endpoints = List.copyOf(endpoints);
  }

  /** The endpoints, in configured order. */
  public List<Endpoint<C>> endpoints() {
    return endpoints;
  }

  /** The result of {@code call} on the first endpoint that gives one. */
  public <T> T call(String what, EndpointCall<C, T> call) {
    List<String> failures = new ArrayList<>();
    int start = preferred;
    for (int i = 0; i < endpoints.size(); i++) {
      int index = (start + i) % endpoints.size();
      Endpoint<C> endpoint = endpoints.get(index);
      try {
        T value = call.apply(endpoint.client());
        preferred = index;
        return value;
      } catch (IOException | ChainSourceException e) {
        failures.add(endpoint.name() + ": " + describe(e));
        LOG.debug("{} failed on {}, trying the next source: {}", what, endpoint.name(), describe(e));
      }
    }
    throw new ChainSourceException(what + ": no source answered (" + String.join("; ", failures) + ")");
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * The URL's scheme, host and port only, safe to log: user info, path (providers put API keys
   * there, e.g. {@code /v3/KEY}), query and fragment are left out.
   */
  public static String redact(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
        ? "" : "/…";
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }
}
