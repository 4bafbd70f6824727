package io.entangled.relayer.devnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the {@code devnet} profile active, starts the local chains before anything else is built and
 * publishes their RPC URLs as {@code entangled.devnet.l1-url} / {@code entangled.devnet.l2-url},
 * which {@code application-devnet.yml} uses for its chains.
 */
public class DevnetEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
  private final Log log;

  public DevnetEnvironmentPostProcessor(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(DevnetEnvironmentPostProcessor.class);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!List.of(env.getActiveProfiles()).contains("devnet")
        || env.containsProperty("entangled.devnet.l1-url")) {
      return;
    }
    Path workDir = Path.of("").toAbsolutePath();
    Path anvil =
        DevnetNodes.findAnvil(workDir)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the devnet profile needs anvil: run ./run.sh (it installs anvil into .tools/),"
                            + " or set ANVIL to its path"));
    DevnetNodes nodes = new DevnetNodes();
    Runtime.getRuntime().addShutdownHook(new Thread(nodes::stopAll, "devnet-stop"));
    Path logs = Path.of(env.getProperty("entangled.data-dir", ".data"), "devnet").toAbsolutePath();
    try {
      DevnetNodes.Node l1 = nodes.startAnvil(anvil, logs, "anvil-l1", DevnetNodes.L1_CHAIN_ID, List.of());
      DevnetNodes.Node l2 =
          nodes.startAnvil(
              anvil, logs, "anvil-l2", DevnetNodes.L2_CHAIN_ID, List.of("--network", "optimism"));
      env.getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "devnet-nodes",
                  Map.of("entangled.devnet.l1-url", l1.rpcUrl(), "entangled.devnet.l2-url", l2.rpcUrl())));
      log.info("devnet: anvil L1 at " + l1.rpcUrl() + ", OP-style L2 at " + l2.rpcUrl() + " (logs in " + logs + ")");
    } catch (IOException e) {
      nodes.stopAll();
      throw new IllegalStateException("devnet: could not start anvil: " + e.getMessage(), e);
    }
  }
}
