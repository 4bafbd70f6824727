package io.entangled.chains.bitcoin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.BitcoinTestData;
import io.entangled.chains.bitcoin.Bytes;
import io.entangled.chains.bitcoin.MapHeaderHistory;
import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.chains.spi.ChainSourceException;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.HeaderVerificationException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Esplora source against a local server that answers as Esplora's documented REST API does
 * (text bodies: tip height, block hash, header hex; 404 "Block not found"), serving the real
 * mainnet headers 822528..830592.
 */
class EsploraSourceTest {
  private static final byte[] HEADERS = BitcoinTestData.mainnetHeaders();
  private static final long FIRST = BitcoinTestData.FIRST_HEIGHT;

  private final Map<String, Integer> indexByHash = new HashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private byte[] served = HEADERS;
  private String headerOverride;

  @BeforeEach
  void start() throws IOException {
    for (int i = 0; i < BitcoinTestData.HEADER_COUNT; i++) {
      indexByHash.put(BitcoinHeader.parse(BitcoinTestData.header(HEADERS, i)).hashHex(), i);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String[] p = ex.getRequestURI().getPath().substring("/api/".length()).split("/");
    String body = null;
    if (p.length == 3 && p[0].equals("blocks") && p[1].equals("tip") && p[2].equals("height")) {
      body = Long.toString(FIRST + BitcoinTestData.HEADER_COUNT - 1);
    } else if (p.length == 2 && p[0].equals("block-height")) {
      long h = Long.parseLong(p[1]);
      if (h >= FIRST && h < FIRST + BitcoinTestData.HEADER_COUNT) {
        body = BitcoinHeader.parse(BitcoinTestData.header(HEADERS, (int) (h - FIRST))).hashHex();
      }
    } else if (p.length == 3 && p[0].equals("block") && p[2].equals("header")) {
      Integer i = indexByHash.get(p[1]);
      body =
          i == null
              ? null
              : headerOverride != null
                  ? headerOverride
                  : Bytes.hex(BitcoinTestData.header(served, i));
    }
    byte[] out = (body == null ? "Block not found" : body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/plain");
    ex.sendResponseHeaders(body == null ? 404 : 200, out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  private static URI deadUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/api");
    }
  }

  private ChainAdapter adapter(List<URI> urls) {
    ChainSpec spec =
        new ChainSpec(
            "btc-esplora",
            "bitcoin",
            1,
            urls,
            6,
            false,
            Duration.ofSeconds(5),
            true,
            Map.of(
                "source",
                "esplora",
                "start.height",
                Long.toString(FIRST),
                "start.header",
                Bytes.hex(BitcoinTestData.header(HEADERS, 0))));
    ChainAdapterFactory f =
        ServiceLoader.load(ChainAdapterFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.kind().equals("bitcoin"))
            .findFirst()
            .orElseThrow();
    return f.create(spec);
  }

  @Test
  void adapterFollowsEsploraAcrossARetargetAfterFailingOverFromADeadUrl() throws IOException {
    ChainAdapter a = adapter(List.of(deadUrl(), base()));
    MapHeaderHistory history = new MapHeaderHistory();

    assertThat(a.head().height()).isEqualTo(830_592);
    history.store(a.fetchVerified(FIRST, FIRST + 1000, history));
    history.store(a.fetchVerified(FIRST + 1001, FIRST + 2100, history));

    assertThat(history.at(FIRST + 2016).orElseThrow().hash())
        .isEqualTo(a.canonicalHash(FIRST + 2016).orElseThrow());
    assertThat(a.canonicalHash(830_593)).isEmpty();
  }

  @Test
  void aHeaderTamperedByTheServerIsRejected() {
    served = HEADERS.clone();
    served[40 * 80 + 72] ^= 0x01;
    ChainAdapter a = adapter(List.of(base()));

    assertThatThrownBy(() -> a.fetchVerified(FIRST, FIRST + 50, new MapHeaderHistory()))
        .isInstanceOfSatisfying(
            HeaderVerificationException.class,
            e -> {
              assertThat(e.rule()).isEqualTo("bits");
              assertThat(e.height()).isEqualTo(FIRST + 40);
            });
  }

  @Test
  void aMalformedAnswerIsASourceException() {
    ChainAdapter a = adapter(List.of(base()));
    headerOverride = "not hex";
    assertThatThrownBy(() -> a.fetchVerified(FIRST, FIRST + 2, new MapHeaderHistory()))
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("no hex header");
    headerOverride = "00ff";
    assertThatThrownBy(() -> a.fetchVerified(FIRST, FIRST + 2, new MapHeaderHistory()))
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("2 bytes, not 80");
  }

  @Test
  void noAnsweringUrlIsASourceExceptionListingTheUrls() throws IOException {
    URI dead = deadUrl();
    ChainAdapter a = adapter(List.of(dead));

    assertThatThrownBy(a::head)
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining(dead.toString());
  }
}
