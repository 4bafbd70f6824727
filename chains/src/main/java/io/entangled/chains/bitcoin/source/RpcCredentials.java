package io.entangled.chains.bitcoin.source;

import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP basic credentials for Bitcoin Core's RPC: a user and password read from environment
 * variables, or the node's cookie file (read on every use, since the node rewrites it when it
 * restarts). The secret never appears in {@link #toString()}, logs or exception messages.
 */
public final class RpcCredentials {
  private final Function<String, String> env;
  private final String userEnv;
  private final String passwordEnv;
  private final Path cookieFile;

  private RpcCredentials(
      Function<String, String> env, String userEnv, String passwordEnv, Path cookieFile) {
    this.env = env;
    this.userEnv = userEnv;
    this.passwordEnv = passwordEnv;
    this.cookieFile = cookieFile;
  }

  /** No authentication. */
  public static RpcCredentials none() {
    return new RpcCredentials(System::getenv, null, null, null);
  }

  /** User and password from the environment variables with these names. */
  public static RpcCredentials fromEnvironment(
      Function<String, String> env, String userEnv, String passwordEnv) {
    return new RpcCredentials(env, userEnv, passwordEnv, null);
  }

  /** The node's {@code .cookie} file ({@code user:password} on one line). */
  public static RpcCredentials fromCookieFile(Path cookieFile) {
    return new RpcCredentials(System::getenv, null, null, cookieFile);
  }

  /** The {@code Authorization} header value, if any. */
  Optional<String> authorization() {
    String userPass;
    if (cookieFile != null) {
      userPass = readCookie();
    } else if (userEnv != null) {
      String user = env.apply(userEnv);
      String password = env.apply(passwordEnv);
      if (user == null || password == null) {
        throw new ChainSourceException(
            "RPC credentials: environment variable "
                + (user == null ? userEnv : passwordEnv)
                + " is not set");
      }
      userPass = user + ":" + password;
    } else {
      return Optional.empty();
    }
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
  }

  private String readCookie() {
    try {
      String s = Files.readString(cookieFile, StandardCharsets.UTF_8).strip();
      if (!s.contains(":")) {
        throw new ChainSourceException("RPC cookie file " + cookieFile + " is not user:password");
      }
      return s;
    } catch (IOException e) {
      throw new ChainSourceException(
          "RPC cookie file " + cookieFile + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    if (cookieFile != null) {
      return "RpcCredentials[cookie file " + cookieFile + "]";
    }
    return userEnv == null
        ? "RpcCredentials[none]"
        : "RpcCredentials[env " + userEnv + "/" + passwordEnv + "]";
  }
}
