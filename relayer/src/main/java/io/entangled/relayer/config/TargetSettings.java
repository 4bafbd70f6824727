package io.entangled.relayer.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated relay target. The signing key is referenced, never held here: {@code signerKeyEnv}
 * names an environment variable, {@code signerKeystore} a keystore file.
 */
public record TargetSettings(
    String id,
    String kind,
    List<URI> rpcUrls,
    String signerKeyEnv,
    String signerKeystore,
    Duration interval,
    boolean enabled,
    Map<String, String> options) {

  @Override
  public String toString() {
    // Never print anything that could identify key material beyond its reference.
    return "TargetSettings[id=" + id + ", kind=" + kind + ", rpcUrls=" + rpcUrls.size()
        + " url(s), enabled=" + enabled + "]";
  }
}
