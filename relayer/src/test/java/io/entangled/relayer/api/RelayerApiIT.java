package io.entangled.relayer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.entangled.db.TestPostgres;
import io.entangled.relayer.EntangledApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The service on a real PostgreSQL, driven over HTTP. */
class RelayerApiIT {
  private static final String TOKEN = "test-token-0123456789";
  private static ConfigurableApplicationContext app;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Holds the token file; deleted after {@link #stop()} closed the service. */
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    app =
        EntangledApplication.start(
            "--server.port=0",
            "--spring.datasource.url=" + TestPostgres.freshDatabase(),
            "--spring.datasource.username=" + TestPostgres.user(),
            "--spring.datasource.password=" + TestPostgres.password(),
            "--entangled.api.token-env=ENTANGLED_TEST_TOKEN_UNUSED",
            "--entangled.api.token-file=" + tokenFile(),
            "--entangled.jobs.aggregate-interval=1s",
            "--entangled.node-name=api-test");
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void listsNoChainsWhenNoneAreConfigured() throws Exception {
    HttpResponse<String> r = get("/api/v1/chains");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("[]");
  }

  @Test
  void unknownChainIsA404ProblemDocument() throws Exception {
    HttpResponse<String> r = get("/api/v1/chains/nope/checkpoints");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(r.body()).contains("\"status\":404").contains("chain 'nope' does not exist");
  }

  @Test
  void malformedQueryParametersAre400ProblemDocuments() throws Exception {
    for (String path : new String[] {
        "/api/v1/epochs?limit=abc", "/api/v1/epochs?limit=0", "/api/v1/epochs?limit=100000",
        "/api/v1/proofs/not-a-number", "/api/v1/relays?before=x", "/api/v1/epochs/-x"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.body()).as(path).contains("\"status\":400");
    }
  }

  @Test
  void unknownEpochProofAndRouteAre404() throws Exception {
    assertThat(get("/api/v1/epochs/12345").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/proofs/999").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/no-such-thing").statusCode()).isEqualTo(404);
  }

  @Test
  void mutatingEndpointsNeedTheBearerToken() throws Exception {
    assertThat(post("/api/v1/chains/nope/resume", null).statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/chains/nope/resume", "wrong-token-0123456789").statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/chains/nope/resume", TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void servesHealthOpenApiAndPrometheusMetrics() throws Exception {
    assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
    assertThat(get("/v3/api-docs").body()).contains("/api/v1/chains").contains("/api/v1/epochs/{number}");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(
        () -> assertThat(get("/actuator/prometheus").body())
            .contains("entangled_job_duration_seconds_count{job=\"aggregate\"}"));
    assertThat(get("/api/v1/jobs/runs?job=aggregate").body()).contains("\"node\":\"api-test\"");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String tokenFile() {
    try {
      Path f = tmp.resolve("token.txt");
      java.nio.file.Files.writeString(f, TOKEN + "\n");
      return f.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
