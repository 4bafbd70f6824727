package io.entangled.chains.bitcoin;

import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the verifier's context below a height from stored checkpoints ({@link HeaderHistory},
 * raw headers in {@link Checkpoint#rawHeader()}) and the configured trusted start: the previous
 * header, up to 11 timestamps, the retarget period's start, and the last normal bits.
 */
final class HistoryContext {
  private final BitcoinNetworkParameters params;
  private final TrustedStart start;
  private final BitcoinHeader startHeader;
  private final HeaderHistory history;

  HistoryContext(BitcoinNetworkParameters params, TrustedStart start, HeaderHistory history) {
    this.params = params;
    this.start = start;
    this.startHeader = BitcoinHeader.parse(start.header());
    this.history = history;
  }

  /**
   * A verifier whose tip is the block at {@code tip} (the stored one, or the trusted start).
   *
   * @throws IllegalArgumentException when the history lacks a checkpoint the rules need
   */
  BitcoinHeaderChainVerifier verifierAt(long tip) {
    if (tip == start.height()) {
      return BitcoinHeaderChainVerifier.fromTrustedStart(params, start);
    }
    BitcoinHeader header = header(tip).orElseThrow(() -> missing(tip, "the previous header"));
    List<Long> previous = new ArrayList<>();
    for (long h = tip - 1; h >= Math.max(0, tip - 11); h--) {
      Optional<Long> t = time(h);
      if (t.isEmpty()) {
        break;
      }
      previous.add(0, t.get());
    }
    long knownFrom = start.height() - start.previousTimestamps().size();
    if (previous.size() < Math.min(11, tip - knownFrom)) {
      throw missing(tip - previous.size() - 1, "a timestamp for the median-time-past rule");
    }
    int interval = params.retargetInterval();
    long periodFirst = (tip / interval) * interval;
    long anchor = params.fullPeriodLookback() && periodFirst > 0 ? periodFirst - 1 : periodFirst;
    return BitcoinHeaderChainVerifier.fromTrustedStart(
        params,
        new TrustedStart(
            tip,
            header.serialize(),
            previous,
            time(anchor).orElse(null),
            bits(periodFirst).orElse(null),
            lastNormalBits(tip)));
  }

  private Optional<BitcoinHeader> header(long h) {
    if (h == start.height()) {
      return Optional.of(startHeader);
    }
    if (h < start.height()) {
      return Optional.empty();
    }
    return history
        .at(h)
        .map(
            c -> {
              if (c.rawHeader() == null || c.rawHeader().length != BitcoinHeader.SIZE) {
                throw new IllegalArgumentException(
                    "stored checkpoint at height " + h + " has no 80-byte raw header");
              }
              return BitcoinHeader.parse(c.rawHeader());
            });
  }

  private Optional<Long> time(long h) {
    if (h < start.height()) {
      return startContextTime(h);
    }
    return header(h).map(BitcoinHeader::time);
  }

  /** Times below the start come from its configured previous timestamps or period start. */
  private Optional<Long> startContextTime(long h) {
    List<Long> prev = start.previousTimestamps();
    long first = start.height() - prev.size();
    if (h >= first) {
      return Optional.of(prev.get((int) (h - first)));
    }
    int interval = params.retargetInterval();
    long startPeriodFirst = (start.height() / interval) * interval;
    long startAnchor =
        params.fullPeriodLookback() && startPeriodFirst > 0
            ? startPeriodFirst - 1
            : startPeriodFirst;
    return h == startAnchor ? Optional.ofNullable(start.periodStartTime()) : Optional.empty();
  }

  private Optional<Integer> bits(long h) {
    if (h < start.height()) {
      int interval = params.retargetInterval();
      return h == (start.height() / interval) * interval
          ? Optional.ofNullable(start.periodStartBits())
          : Optional.empty();
    }
    return header(h).map(BitcoinHeader::bits);
  }

  private Integer lastNormalBits(long tip) {
    if (!params.allowMinDifficultyBlocks()) {
      return null;
    }
    int limitBits = params.powLimitBits();
    for (long h = tip; h > start.height(); h--) {
      long height = h;
      int b = bits(h).orElseThrow(() -> missing(height, "a header for the min-difficulty rule"));
      if (h % params.retargetInterval() == 0 || b != limitBits) {
        return b;
      }
    }
    if (start.height() % params.retargetInterval() == 0 || startHeader.bits() != limitBits) {
      return startHeader.bits();
    }
    return start.lastNormalBits();
  }

  private static IllegalArgumentException missing(long height, String what) {
    return new IllegalArgumentException(
        "header history has no checkpoint at height " + height + " (" + what + ")");
  }
}
