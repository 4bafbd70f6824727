package io.entangled.chains.ethereum;

import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Headers fetched and verified per second through the {@code ethereum} (or {@code optimism})
 * adapter from a local anvil: starts anvil, mines N blocks, then times {@code fetchVerified} over
 * all of them (batched JSON-RPC, hash recomputation, parent links). Not a JMH benchmark: the cost
 * is I/O against a real node. Usage: {@code EthHeaderIngestBench [blocks] [batch-size] [kind]}.
 */
public final class EthHeaderIngestBench {
  private EthHeaderIngestBench() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    String batch = args.length > 1 ? args[1] : "200";
    String kind = args.length > 2 ? args[2] : "ethereum";
    String[] anvilArgs = kind.equals("optimism") ? new String[] {"--network", "optimism"} : new String[0];
    try (AnvilNode anvil = AnvilNode.start(anvilArgs)) {
      for (int mined = 0; mined < blocks; mined += 1_000) {
        anvil.mine(Math.min(1_000, blocks - mined));
      }
      ChainSpec spec = new ChainSpec("bench", kind, 31337, List.of(anvil.url()), 0, false,
          Duration.ofSeconds(1), true, Map.of("batch-size", batch));
      ChainAdapter adapter = kind.equals("optimism")
          ? new OptimismChainAdapterFactory().create(spec) : new EthereumChainAdapterFactory().create(spec);
      try (adapter) {
        adapter.fetchVerified(1, Math.min(blocks, 2_000), HeaderHistory.empty());
        for (int round = 1; round <= 3; round++) {
          long t0 = System.nanoTime();
          List<Checkpoint> cps = adapter.fetchVerified(1, blocks, HeaderHistory.empty());
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf("round %d: %d %s headers fetched+verified in %.2f s = %.0f headers/s (batch %s)%n",
              round, cps.size(), kind, s, cps.size() / s, batch);
        }
      }
    }
  }
}
