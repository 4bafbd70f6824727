package io.entangled.chains.bitcoin;

import java.util.List;
import java.util.Objects;

/**
 * A checkpoint to start verifying from instead of genesis, with the context the history-dependent
 * rules need. The header itself is trusted, not verified.
 *
 * @param height the header's height
 * @param header its 80 bytes
 * @param previousTimestamps times of the blocks just below it, oldest first, at most 11 (fewer
 *     means the median-time-past rule waits until 11 timestamps are known)
 * @param periodStartTime time of the block the next retarget measures from (the period's first
 *     block; for Litecoin the block before it), or {@code null} when it is the start header itself
 *     or among {@code previousTimestamps}
 * @param periodStartBits {@code nBits} of the period's first block (testnet4 / BIP94 only), or
 *     {@code null} when it is the start header
 * @param lastNormalBits min-difficulty networks: bits of the last block not mined under the
 *     min-difficulty rule, or {@code null} when the start header is such a block
 */
public record TrustedStart(
    long height,
    byte[] header,
    List<Long> previousTimestamps,
    Long periodStartTime,
    Integer periodStartBits,
    Integer lastNormalBits) {

  public TrustedStart {
    if (height < 0) {
      throw new IllegalArgumentException("start height must not be negative, got " + height);
    }
    if (header == null || header.length != BitcoinHeader.SIZE) {
      throw new IllegalArgumentException("start header must be 80 bytes");
    }
    previousTimestamps = List.copyOf(Objects.requireNonNullElse(previousTimestamps, List.of()));
    if (previousTimestamps.size() > 11 || previousTimestamps.size() > height) {
      throw new IllegalArgumentException(
          "start previous timestamps: at most 11 and at most the start height, got "
              + previousTimestamps.size());
    }
    header = header.clone();
  }

  /** A start with only the header (the context it lacks must be derivable or is not needed). */
  public static TrustedStart of(long height, byte[] header) {
    return new TrustedStart(height, header, List.of(), null, null, null);
  }

  @Override
  public byte[] header() {
    return header.clone();
  }
}
