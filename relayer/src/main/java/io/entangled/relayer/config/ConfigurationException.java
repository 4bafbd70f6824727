package io.entangled.relayer.config;

/** The configuration is invalid; the message names the key and what is wrong with it. */
public class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }
}
