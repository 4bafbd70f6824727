package io.entangled.chains.rpc;

import java.io.IOException;

/**
 * One operation against one endpoint's client. Throwing {@link IOException} or
 * {@link io.entangled.chains.spi.ChainSourceException} means "this endpoint failed, try another".
 */
@FunctionalInterface
public interface EndpointCall<C, T> {
  T apply(C client) throws IOException;
}
