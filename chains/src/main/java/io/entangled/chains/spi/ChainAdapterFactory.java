package io.entangled.chains.spi;

/**
 * Makes {@link ChainAdapter}s of one family. Implementations are registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.entangled.chains.spi.ChainAdapterFactory}
 * and chosen by {@link #kind()} from the chain's configuration.
 */
public interface ChainAdapterFactory {

  /** The configuration value that selects this family, e.g. {@code ethereum}, {@code bitcoin}. */
  String kind();

  /**
   * Checks the family-specific parts of {@code spec} (its {@link ChainSpec#options()}) and builds an
   * adapter. Opening network connections lazily is preferred.
   *
   * @throws IllegalArgumentException naming the bad option when the configuration is invalid
   */
  ChainAdapter create(ChainSpec spec);
}
