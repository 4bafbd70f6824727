package io.entangled.relayer.ingest;

import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainHead;
import io.entangled.chains.spi.ChainSourceException;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import io.entangled.chains.spi.HeaderVerificationException;
import io.entangled.db.ChainRecord;
import io.entangled.db.ChainRepository;
import io.entangled.db.ChainStatus;
import io.entangled.db.CheckpointRepository;
import io.entangled.db.FinalizedReorgException;
import io.entangled.db.StaleTipException;
import io.entangled.db.StoredCheckpoint;
import io.entangled.relayer.chain.ChainRegistry;
import io.entangled.relayer.config.ChainSettings;
import io.entangled.relayer.metrics.RelayerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one source chain: reads the head, checks the stored tip against the source's canonical
 * chain (reorg detection, walk-back, orphaning), fetches and stores the next verified headers and
 * moves the finalized height. No database transaction is ever open while the adapter talks to the
 * network: every write is one short transaction in the repositories.
 */
public final class ChainIngestor {
  private static final Logger LOG = LoggerFactory.getLogger(ChainIngestor.class);

  private final ChainRegistry registry;
  private final ChainRepository chains;
  private final CheckpointRepository checkpoints;
  private final RelayerMetrics metrics;
  private final Clock clock;

  public ChainIngestor(
      ChainRegistry registry,
      ChainRepository chains,
      CheckpointRepository checkpoints,
      RelayerMetrics metrics,
      Clock clock) {
    this.registry = registry;
    this.chains = chains;
    this.checkpoints = checkpoints;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What one ingest run did, for the job record. */
  public record Outcome(String summary, boolean caughtUp) {}

  /**
   * Ingests batches until caught up with the head or {@code budgetMillis} has passed.
   *
   * @throws ChainSourceException when the source cannot be read (the caller records the failure)
   */
  public Outcome ingest(ChainSettings settings, long budgetMillis) {
    String id = settings.id();
    Optional<ChainRecord> chain = chains.find(id);
    if (chain.isPresent() && chain.get().status() == ChainStatus.HALTED) {
      metrics.halted(id, true);
      return new Outcome("halted: " + chain.get().statusReason(), true);
    }
    metrics.halted(id, false);
    long deadline = clock.millis() + budgetMillis;
    int stored = 0;
    while (true) {
      Step step = step(settings);
      stored += step.stored;
      if (step.halted || step.caughtUp || clock.millis() >= deadline) {
        String summary =
            step.halted
                ? "halted: " + step.note
                : "stored " + stored + " checkpoint(s); " + step.note;
        return new Outcome(summary, step.caughtUp || step.halted);
      }
    }
  }

  private record Step(int stored, boolean caughtUp, boolean halted, String note) {}

  private Step step(ChainSettings settings) {
    String id = settings.id();
    ChainAdapter adapter = registry.adapter(id);
    ChainHead head;
    try {
      head = adapter.head();
    } catch (ChainSourceException e) {
      metrics.sourceError(id);
      chains.setStatus(id, ChainStatus.UNREACHABLE, e.getMessage());
      throw e;
    }
    chains.recordHead(id, head.height(), head.hash(), clock.instant());
    metrics.head(id, head.height());
    long finalTarget = finalTarget(settings, head);

    Optional<StoredCheckpoint> tip = checkpoints.latestCanonical(id);
    if (tip.isPresent() && !sameAsSource(adapter, tip.get())) {
      Optional<Step> halted = handleReorg(settings, adapter, tip.get());
      if (halted.isPresent()) {
        return halted.get();
      }
      tip = checkpoints.latestCanonical(id);
    }
    long from = tip.map(t -> t.height() + 1).orElseGet(() -> startHeight(settings, adapter, finalTarget));
    long to = Math.min(head.height(), from + settings.batchSize() - 1);
    List<StoredCheckpoint> batch = List.of();
    if (from <= to) {
      try {
        batch = toStored(id, adapter.fetchVerified(from, to, history(id)));
      } catch (HeaderVerificationException e) {
        metrics.rejectedHeader(id, e.rule());
        LOG.error("chain {}: rejected header at height {}: {}; nothing stored", id, e.height(),
            e.getMessage());
        throw e;
      }
    }
    long finalized;
    try {
      finalized = checkpoints.append(id, batch, finalTarget);
    } catch (StaleTipException e) {
      LOG.info("chain {}: {}; will re-check on the next step", id, e.getMessage());
      return new Step(0, false, false, "tip moved during fetch");
    }
    if (finalized >= 0) {
      metrics.finalized(id, finalized);
    }
    boolean caughtUp = to >= head.height();
    chains.setStatus(id, caughtUp ? ChainStatus.FOLLOWING : ChainStatus.SYNCING, null);
    if (!batch.isEmpty()) {
      LOG.debug("chain {}: stored heights {}..{}, finalized up to {}", id, from, to, finalized);
    }
    return new Step(batch.size(), caughtUp, false, "head " + head.height() + ", finalized " + finalized);
  }

  /**
   * The stored tip is no longer the source's: walks back to the highest height where both agree
   * and orphans everything above it; if that would orphan a finalized checkpoint, halts (the
   * returned step) instead.
   */
  private Optional<Step> handleReorg(ChainSettings settings, ChainAdapter adapter, StoredCheckpoint tip) {
    String id = settings.id();
    long h = tip.height() - 1;
    while (true) {
      Optional<StoredCheckpoint> stored = checkpoints.canonicalAt(id, h);
      if (stored.isEmpty() || sameAsSource(adapter, stored.get())) {
        break;
      }
      h--;
    }
    long ancestor = h;
    try {
      int orphaned = checkpoints.orphanAbove(id, ancestor);
      metrics.reorg(id);
      LOG.info("chain {}: reorg detected at height {}; common ancestor {}, {} checkpoint(s) orphaned",
          id, tip.height(), ancestor, orphaned);
      return Optional.empty();
    } catch (FinalizedReorgException e) {
      String reason =
          "reorg deeper than finality: the source no longer has the finalized checkpoint at height "
              + e.deepestFinalized() + " (common ancestor " + ancestor + ")";
      chains.halt(id, reason);
      metrics.halted(id, true);
      LOG.error("chain {}: HALTED, {}; ingestion stops until an operator resumes it", id, reason);
      return Optional.of(new Step(0, true, true, reason));
    }
  }

  private static boolean sameAsSource(ChainAdapter adapter, StoredCheckpoint c) {
    Optional<byte[]> source = adapter.canonicalHash(c.height());
    return source.isPresent() && Arrays.equals(source.get(), c.hash());
  }

  private static long finalTarget(ChainSettings settings, ChainHead head) {
    if (settings.spec().useFinalizedTag() && head.sourceFinalized().isPresent()) {
      return head.sourceFinalized().getAsLong();
    }
    return head.height() - settings.spec().confirmations();
  }

  /**
   * Where a chain with nothing stored begins: the configured start height; else the first height
   * the adapter can verify without stored history (Bitcoin's trusted start); else the first final
   * height seen now.
   */
  private static long startHeight(ChainSettings settings, ChainAdapter adapter, long finalTarget) {
    if (settings.startHeight() != null) {
      return settings.startHeight();
    }
    OptionalLong first = adapter.firstVerifiableHeight();
    return first.isPresent() ? first.getAsLong() : Math.max(0, finalTarget);
  }

  private HeaderHistory history(String id) {
    return height ->
        checkpoints
            .canonicalAt(id, height)
            .map(
                c ->
                    new Checkpoint(
                        c.height(),
                        c.hash(),
                        c.parentHash(),
                        c.stateCommitment(),
                        c.blockTime().getEpochSecond(),
                        c.rawHeader()));
  }

  private static List<StoredCheckpoint> toStored(String chain, List<Checkpoint> fetched) {
    return fetched.stream()
        .map(
            c ->
                new StoredCheckpoint(
                    chain,
                    c.height(),
                    c.hash(),
                    c.parentHash(),
                    c.stateCommitment(),
                    Instant.ofEpochSecond(c.timestamp()),
                    c.rawHeader(),
                    false,
                    null,
                    null))
        .toList();
  }
}
