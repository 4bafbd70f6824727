package io.entangled.chains.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fail-over order and messages, with endpoints that are plain values (live or down). */
class FailoverTest {
  private final List<String> tried = new ArrayList<>();

  private String answer(String endpoint, Set<String> down) throws IOException {
    tried.add(endpoint);
    if (down.contains(endpoint)) {
      throw new IOException("connection refused");
    }
    return "answer from " + endpoint;
  }

  private static Failover<String> three() {
    return new Failover<>(List.of(new Failover.Endpoint<>("a", "a"),
        new Failover.Endpoint<>("b", "b"), new Failover.Endpoint<>("c", "c")));
  }

  @Test
  void movesOnToTheNextEndpointAndStaysThere() {
    Failover<String> f = three();
    String first = f.call("op", c -> answer(c, Set.of("a")));
    String second = f.call("op", c -> answer(c, Set.of("a")));
    assertThat(first).isEqualTo("answer from b");
    assertThat(second).isEqualTo("answer from b");
    assertThat(tried).containsExactly("a", "b", "b");
  }

  @Test
  void wrapsAroundWhenThePreferredOneDies() {
    Failover<String> f = three();
    f.call("op", c -> answer(c, Set.of("a", "b")));
    String r = f.call("op", c -> answer(c, Set.of("c")));
    assertThat(r).isEqualTo("answer from a");
  }

  @Test
  void namesEveryEndpointWhenAllFail() {
    Failover<String> f = three();
    assertThatThrownBy(() -> f.call("head", c -> {
      if (c.equals("b")) {
        throw new ChainSourceException("malformed answer");
      }
      return answer(c, Set.of("a", "b", "c"));
    })).isInstanceOf(ChainSourceException.class)
        .hasMessage("head: no source answered (a: connection refused; b: malformed answer; "
            + "c: connection refused)");
  }

  @Test
  void redactsCredentialsAndQuery() {
    assertThat(Failover.redact(URI.create("https://user:secret@node.example:8545/v3/abc?key=k")))
        .isEqualTo("https://node.example:8545/…");
    assertThat(Failover.redact(URI.create("http://127.0.0.1:8545"))).isEqualTo("http://127.0.0.1:8545");
  }

  @Test
  void needsAnEndpoint() {
    assertThatThrownBy(() -> new Failover<String>(List.of())).hasMessageContaining("rpc-urls");
  }
}
