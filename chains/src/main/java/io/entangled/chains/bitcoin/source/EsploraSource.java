package io.entangled.chains.bitcoin.source;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.Bytes;
import io.entangled.chains.spi.ChainSourceException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Esplora REST API (Blockstream's electrs / mempool.space): {@code GET /blocks/tip/height},
 * {@code /block-height/H} (hash as text, 404 above the tip) and {@code /block/HASH/header} (hex).
 * Configured URLs are the API base, e.g. {@code https://blockstream.info/api}.
 */
public final class EsploraSource implements HeaderSource {
  private final FailoverHttp http;

  public EsploraSource(List<URI> baseUrls, Duration timeout) {
    this.http = new FailoverHttp(baseUrls, timeout);
  }

  @Override
  public long tipHeight() {
    String s = get("/blocks/tip/height", false).orElseThrow();
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new ChainSourceException("Esplora /blocks/tip/height answered no number");
    }
  }

  @Override
  public Optional<byte[]> blockHash(long height) {
    if (height < 0) {
      return Optional.empty();
    }
    return get("/block-height/" + height, true).map(s -> hash(s, "/block-height/" + height));
  }

  private static byte[] hash(String text, String path) {
    try {
      byte[] h = Bytes.parseHex(path, text);
      if (h.length == 32) {
        return h;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ChainSourceException("Esplora " + path + " answered no block hash");
  }

  @Override
  public List<byte[]> headers(long from, long to) {
    List<byte[]> out = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      long height = h;
      byte[] hash =
          blockHash(h)
              .orElseThrow(
                  () -> new ChainSourceException("Esplora has no block at height " + height));
      String path = "/block/" + Bytes.hex(hash) + "/header";
      byte[] raw;
      try {
        raw = Bytes.parseHex(path, get(path, false).orElseThrow());
      } catch (IllegalArgumentException e) {
        throw new ChainSourceException("Esplora " + path + " answered no hex header");
      }
      if (raw.length != BitcoinHeader.SIZE) {
        throw new ChainSourceException(
            "Esplora " + path + " answered " + raw.length + " bytes, not 80");
      }
      out.add(raw);
    }
    return out;
  }

  /** The body of a 200 answer; empty on 404 when {@code notFoundIsEmpty}. */
  private Optional<String> get(String path, boolean notFoundIsEmpty) {
    return http.send(
        base -> HttpRequest.newBuilder(join(base, path)).GET(), r -> accept(r, notFoundIsEmpty));
  }

  private static Optional<String> accept(HttpResponse<String> r, boolean notFoundIsEmpty) {
    if (r.statusCode() == 200) {
      return Optional.of(r.body());
    }
    if (r.statusCode() == 404 && notFoundIsEmpty) {
      return Optional.empty();
    }
    return null;
  }

  private static URI join(URI base, String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  @Override
  public void close() {
    http.close();
  }
}
