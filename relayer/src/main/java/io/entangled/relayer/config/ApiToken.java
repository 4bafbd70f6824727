package io.entangled.relayer.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The bearer token of the mutating API endpoints. Its value is never printed. */
public final class ApiToken {
  private final byte[] value;

  public ApiToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /** Constant-time comparison with a presented token. */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
