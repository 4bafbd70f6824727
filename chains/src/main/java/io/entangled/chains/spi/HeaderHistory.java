package io.entangled.chains.spi;

import java.util.Optional;

/** Read access to checkpoints already stored (canonical, not orphaned) for one chain. */
@FunctionalInterface
public interface HeaderHistory {

  /** The stored canonical checkpoint at {@code height}, if any. */
  Optional<Checkpoint> at(long height);

  /** A history with nothing in it (a chain that starts now). */
  static HeaderHistory empty() {
    return height -> Optional.empty();
  }
}
