package io.entangled.chains.spi;

import java.util.OptionalLong;

/**
 * What a source reports as its tip.
 *
 * @param height the head's height
 * @param hash the head's block hash (32 bytes, in the chain's usual display order)
 * @param sourceFinalized the source's own finalized height (Ethereum's {@code finalized} tag), when
 *     it has one and the chain is configured to use it
 */
public record ChainHead(long height, byte[] hash, OptionalLong sourceFinalized) {}
