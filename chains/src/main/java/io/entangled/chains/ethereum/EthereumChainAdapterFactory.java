package io.entangled.chains.ethereum;

import io.entangled.chains.rpc.Retrying;
import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.chains.spi.ChainSpec;

/** Kind {@code ethereum}: any EVM chain; the state commitment is the block's state root. */
public class EthereumChainAdapterFactory implements ChainAdapterFactory {

  @Override
  public String kind() {
    return "ethereum";
  }

  @Override
  public ChainAdapter create(ChainSpec spec) {
    return build(spec, false);
  }

  static ChainAdapter build(ChainSpec spec, boolean optimism) {
    if (spec.rpcUrls().isEmpty()) {
      throw new IllegalArgumentException("rpc-urls: chain " + spec.id() + " needs at least one URL");
    }
    for (var url : spec.rpcUrls()) {
      if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
        throw new IllegalArgumentException("rpc-urls: " + url.getScheme() + "://" + url.getHost()
            + "... is not an http(s) URL");
      }
    }
    EthereumAdapterOptions options = EthereumAdapterOptions.parse(spec.options(), optimism);
    EthereumRpc rpc = new EthereumRpc(spec.rpcUrls(), options, Retrying.withSleep(options.retry()),
        options.checkChainId() ? spec.chainId() : -1);
    return new EthereumChainAdapter(spec, options, rpc, optimism);
  }
}
