package io.entangled.chains.bitcoin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcCredentialsTest {
  @TempDir Path dir;

  @Test
  void environmentCredentialsBecomeBasicAuthAndNeverShowInToString() {
    RpcCredentials c =
        RpcCredentials.fromEnvironment(Map.of("U", "alice", "P", "hunter2")::get, "U", "P");

    assertThat(c.authorization())
        .hasValue(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("alice:hunter2".getBytes(StandardCharsets.UTF_8)));
    assertThat(c.toString()).contains("U").doesNotContain("hunter2").doesNotContain("alice");
  }

  @Test
  void aMissingVariableIsNamedWithoutAnyValue() {
    RpcCredentials c = RpcCredentials.fromEnvironment(Map.of("U", "alice")::get, "U", "P");

    assertThatThrownBy(c::authorization)
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("P")
        .hasMessageNotContaining("alice");
  }

  @Test
  void cookieFileIsReadOnEachUseAndNotEchoedWhenMalformed() throws IOException {
    Path cookie = dir.resolve(".cookie");
    Files.writeString(cookie, "__cookie__:abc123\n");
    RpcCredentials c = RpcCredentials.fromCookieFile(cookie);
    String first = c.authorization().orElseThrow();
    Files.writeString(cookie, "__cookie__:def456");

    assertThat(c.authorization().orElseThrow()).isNotEqualTo(first);
    Files.writeString(cookie, "secretwithoutcolon");
    assertThatThrownBy(c::authorization)
        .isInstanceOf(ChainSourceException.class)
        .hasMessageNotContaining("secretwithoutcolon");
  }
}
