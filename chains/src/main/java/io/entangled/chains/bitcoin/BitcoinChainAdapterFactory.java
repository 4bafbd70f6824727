package io.entangled.chains.bitcoin;

import io.entangled.chains.bitcoin.source.BitcoinRpcSource;
import io.entangled.chains.bitcoin.source.EsploraSource;
import io.entangled.chains.bitcoin.source.HeaderFileSource;
import io.entangled.chains.bitcoin.source.HeaderSource;
import io.entangled.chains.bitcoin.source.RpcCredentials;
import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.chains.spi.ChainSpec;
import java.util.function.Function;

/** Makes {@link BitcoinChainAdapter}s for {@code kind: bitcoin} (Litecoin too, by network). */
public final class BitcoinChainAdapterFactory implements ChainAdapterFactory {
  private final Function<String, String> env;

  /** Reads RPC credentials from the process environment. */
  public BitcoinChainAdapterFactory() {
    this(System::getenv);
  }

  /** Reads RPC credentials through {@code env} (tests). */
  public BitcoinChainAdapterFactory(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public String kind() {
    return "bitcoin";
  }

  @Override
  public ChainAdapter create(ChainSpec spec) {
    BitcoinAdapterOptions options = BitcoinAdapterOptions.parse(spec);
    return new BitcoinChainAdapter(spec, options, source(spec, options));
  }

  private HeaderSource source(ChainSpec spec, BitcoinAdapterOptions o) {
    return switch (o.source()) {
      case RPC -> new BitcoinRpcSource(spec.rpcUrls(), credentials(o), o.timeout());
      case ESPLORA -> new EsploraSource(spec.rpcUrls(), o.timeout());
      case FILE -> new HeaderFileSource(o.filePath(), o.fileStartHeight());
    };
  }

  private RpcCredentials credentials(BitcoinAdapterOptions o) {
    if (o.rpcCookieFile() != null) {
      return RpcCredentials.fromCookieFile(o.rpcCookieFile());
    }
    if (o.rpcUserEnv() != null) {
      return RpcCredentials.fromEnvironment(env, o.rpcUserEnv(), o.rpcPasswordEnv());
    }
    return RpcCredentials.none();
  }
}
