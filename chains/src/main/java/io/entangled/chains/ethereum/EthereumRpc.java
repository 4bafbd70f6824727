package io.entangled.chains.ethereum;

import io.entangled.chains.rpc.Failover;
import io.entangled.chains.rpc.Retrying;
import io.entangled.chains.spi.ChainSourceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Ethereum JSON-RPC of one chain: batches sent with retries ({@link Retrying}) around fail-over
 * over the configured URLs ({@link Failover}), so that one batch is answered by one node.
 */
final class EthereumRpc implements AutoCloseable {
  private final Failover<EthRpcClient> failover;
  private final Retrying retrying;
  private final long expectedChainId;
  private final Set<EthRpcClient> checked = ConcurrentHashMap.newKeySet();

  /**
   * @param expectedChainId when not negative, each endpoint must answer this {@code eth_chainId}
   *     (checked once per endpoint, before its first use) or it is skipped as failed
   */
  EthereumRpc(List<URI> urls, EthereumAdapterOptions options, Retrying retrying, long expectedChainId) {
    this.expectedChainId = expectedChainId;
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
      checkChainId(client);
      List<EthRpcClient.Answer> answers = client.batch(calls);
      for (int i = 0; i < requiredPrefix; i++) {
        if (!answers.get(i).ok()) {
          throw new ChainSourceException(calls.get(i).method() + " failed: " + answers.get(i).error());
        }
      }
      return answers;
    }));
  }

  private void checkChainId(EthRpcClient client) throws java.io.IOException {
    if (expectedChainId < 0 || checked.contains(client)) {
      return;
    }
    EthRpcClient.Answer a = client.batch(List.of(new EthRpcClient.Call("eth_chainId", List.of()))).get(0);
    if (!a.ok() || !a.result().isTextual()) {
      throw new ChainSourceException("eth_chainId failed: " + a.error());
    }
    long served;
    try {
      served = JsonFields.parseQuantity("eth_chainId", a.result().asText()).longValueExact();
    } catch (MalformedFieldException | ArithmeticException e) {
      throw new ChainSourceException("eth_chainId answer is malformed: " + a.result());
    }
    if (served != expectedChainId) {
      throw new ChainSourceException("serves chain id " + served + ", configured " + expectedChainId);
    }
    checked.add(client);
  }

  @Override
  public void close() {
    failover.endpoints().forEach(e -> e.client().close());
  }
}
