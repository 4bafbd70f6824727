package io.entangled.chains.bitcoin;

import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The relayer's stored checkpoints, kept in memory for tests. */
public final class MapHeaderHistory implements HeaderHistory {
  private final Map<Long, Checkpoint> byHeight = new ConcurrentHashMap<>();

  @Override
  public Optional<Checkpoint> at(long height) {
    return Optional.ofNullable(byHeight.get(height));
  }

  public void store(List<Checkpoint> checkpoints) {
    checkpoints.forEach(c -> byHeight.put(c.height(), c));
  }

  public void forgetFrom(long height) {
    byHeight.keySet().removeIf(h -> h >= height);
  }

  public int size() {
    return byHeight.size();
  }
}
