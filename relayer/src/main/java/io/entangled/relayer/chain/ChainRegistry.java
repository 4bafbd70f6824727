package io.entangled.relayer.chain;

import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainAdapterFactory;
import io.entangled.relayer.config.ChainSettings;
import io.entangled.relayer.config.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain adapter families on the class path (found by {@link ServiceLoader}) and one adapter per
 * enabled configured chain.
 */
public final class ChainRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainRegistry.class);

  private final Map<String, ChainAdapter> adapters = new LinkedHashMap<>();

  private ChainRegistry() {}

  /** Every {@link ChainAdapterFactory} visible to {@code loader}, by kind. */
  public static Map<String, ChainAdapterFactory> discoverFactories(ClassLoader loader) {
    Map<String, ChainAdapterFactory> byKind = new TreeMap<>();
    for (ChainAdapterFactory f : ServiceLoader.load(ChainAdapterFactory.class, loader)) {
      ChainAdapterFactory previous = byKind.putIfAbsent(f.kind(), f);
      if (previous != null) {
        throw new IllegalStateException(
            "two chain adapter factories for kind '" + f.kind() + "': "
                + previous.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    return byKind;
  }

  /**
   * Builds an adapter for each enabled chain. A family that rejects its options fails start-up
   * with the option named.
   */
  public static ChainRegistry create(
      Map<String, ChainAdapterFactory> factories, List<ChainSettings> chains) {
    ChainRegistry registry = new ChainRegistry();
    for (int i = 0; i < chains.size(); i++) {
      ChainSettings c = chains.get(i);
      if (!c.spec().enabled()) {
        continue;
      }
      ChainAdapterFactory factory = factories.get(c.spec().kind());
      try {
        registry.adapters.put(c.id(), factory.create(c.spec()));
      } catch (IllegalArgumentException e) {
        registry.close();
        throw new ConfigurationException(
            "entangled.chains[" + i + "] (" + c.id() + "): " + e.getMessage());
      }
      LOG.info("chain {} ({}) configured with {} source(s)", c.id(), c.spec().kind(),
          Math.max(1, c.spec().rpcUrls().size()));
    }
    return registry;
  }

  public ChainAdapter adapter(String chainId) {
    ChainAdapter a = adapters.get(chainId);
    if (a == null) {
      throw new NoSuchElementException("no enabled chain '" + chainId + "'");
    }
    return a;
  }

  public Set<String> enabledChains() {
    return adapters.keySet();
  }

  @Override
  public void close() {
    for (Map.Entry<String, ChainAdapter> e : adapters.entrySet()) {
      try {
        e.getValue().close();
      } catch (Exception ex) {
        LOG.warn("closing adapter of chain {} failed: {}", e.getKey(), ex.toString());
      }
    }
  }
}
