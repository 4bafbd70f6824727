package io.entangled.chains.ethereum;

import io.entangled.chains.rpc.Failover;
import io.entangled.chains.rpc.Retrying;
import io.entangled.chains.spi.ChainSourceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The Ethereum JSON-RPC of one chain: batches sent with retries ({@link Retrying}) around fail-over
 * over the configured URLs ({@link Failover}), so that one batch is answered by one node.
 */
final class EthereumRpc implements AutoCloseable {
  private final Failover<EthRpcClient> failover;
  private final Retrying retrying;

  EthereumRpc(List<URI> urls, EthereumAdapterOptions options, Retrying retrying) {
    List<Failover.Endpoint<EthRpcClient>> endpoints = new ArrayList<>();
    for (URI url : urls) {
      endpoints.add(new Failover.Endpoint<>(Failover.redact(url),
          new EthRpcClient(url.toString(), options.rpcTimeout())));
    }
    this.failover = new Failover<>(endpoints);
    this.retrying = retrying;
  }

  /**
   * Sends {@code calls} as one batch. A node's JSON-RPC error on a call marked required counts as
   * a failure of that node (the next URL is tried); on others it is handed back.
   */
  List<EthRpcClient.Answer> batch(String what, List<EthRpcClient.Call> calls, int requiredPrefix) {
    return retrying.call(what, () -> failover.call(what, client -> {
      List<EthRpcClient.Answer> answers = client.batch(calls);
      for (int i = 0; i < requiredPrefix; i++) {
        if (!answers.get(i).ok()) {
          throw new ChainSourceException(calls.get(i).method() + " failed: " + answers.get(i).error());
        }
      }
      return answers;
    }));
  }

  @Override
  public void close() {
    failover.endpoints().forEach(e -> e.client().close());
  }
}
