package io.entangled.chains.ethereum;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP man-in-the-middle in front of a node: forwards every request and replaces a piece of
 * text in the answers, like a dishonest or broken RPC provider would.
 */
final class TamperingProxy implements AutoCloseable {
  private final HttpServer server;

  private TamperingProxy(HttpServer server) {
    this.server = server;
  }

  static TamperingProxy start(URI target, String find, String replace) throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(target)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes())).build(),
            HttpResponse.BodyHandlers.ofString());
        byte[] body = r.body().replace(find, replace).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        out.write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      }
    });
    server.start();
    return new TamperingProxy(server);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
