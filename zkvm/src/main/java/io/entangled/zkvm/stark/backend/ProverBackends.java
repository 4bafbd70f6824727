package io.entangled.zkvm.stark.backend;

import java.util.Comparator;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the available {@link ProverBackend} with the highest priority; the CPU one by default. */
public final class ProverBackends {
  private static final Logger LOG = LoggerFactory.getLogger(ProverBackends.class);

  private ProverBackends() {}

  public static ProverBackend best() {
    ProverBackend chosen = ServiceLoader.load(ProverBackend.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(ProverBackend::isAvailable)
        .max(Comparator.comparingInt(ProverBackend::priority))
        .orElseGet(CpuProverBackend::new);
    LOG.debug("STARK prover backend: {}", chosen.name());
    return chosen;
  }
}
