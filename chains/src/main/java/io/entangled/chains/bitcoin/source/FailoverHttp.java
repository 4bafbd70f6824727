package io.entangled.chains.bitcoin.source;

import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to the first endpoint that answers, in configured order, starting with the one
 * that answered last. A transport failure, a timeout or an HTTP status the caller does not accept
 * moves on to the next endpoint; when none answers, a {@link ChainSourceException} lists what each
 * one did (URLs only: never credentials or bodies).
 */
final class FailoverHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverHttp.class);

  private final List<URI> endpoints;
  private final HttpClient client;
  private final Duration timeout;
  private volatile int preferred;

  FailoverHttp(List<URI> endpoints, Duration timeout) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("rpc-urls: at least one URL is needed");
    }
    this.endpoints = List.copyOf(endpoints);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A response the caller accepted, from the first endpoint that gave one. */
  <T> T send(Function<URI, HttpRequest.Builder> request, Function<HttpResponse<String>, T> accept) {
    List<String> failures = new ArrayList<>();
    int start = preferred;
    for (int i = 0; i < endpoints.size(); i++) {
      int index = (start + i) % endpoints.size();
      URI base = endpoints.get(index);
      try {
        HttpResponse<String> r =
            client.send(
                request.apply(base).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        T value = accept.apply(r);
        if (value != null) {
          preferred = index;
          return value;
        }
        failures.add(base + " answered HTTP " + r.statusCode());
      } catch (IOException e) {
        failures.add(base + " failed: " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainSourceException("interrupted while calling " + base);
      }
      LOG.debug("source {} did not answer, trying the next one", base);
    }
    throw new ChainSourceException("no source answered: " + String.join("; ", failures));
  }

  /** Closes pooled connections (a node waits for open keep-alive connections when it stops). */
  @Override
  public void close() {
    client.close();
  }
}
