package io.entangled.chains.ethereum;

import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.chains.spi.ChainSpec;

/** Kind {@code optimism}: an OP-stack L2; the state commitment is the output root. */
public class OptimismChainAdapterFactory implements ChainAdapterFactory {

  @Override
  public String kind() {
    return "optimism";
  }

  @Override
  public ChainAdapter create(ChainSpec spec) {
    return EthereumChainAdapterFactory.build(spec, true);
  }
}
