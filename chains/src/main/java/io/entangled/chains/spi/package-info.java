/**
 * The seam between the relayer and a family of source chains: {@link
 * io.entangled.chains.spi.ChainAdapterFactory} (found by {@code kind} through {@link
 * java.util.ServiceLoader}) and {@link io.entangled.chains.spi.ChainAdapter}.
 */
package io.entangled.chains.spi;
