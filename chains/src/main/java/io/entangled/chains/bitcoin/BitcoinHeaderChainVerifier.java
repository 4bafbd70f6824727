package io.entangled.chains.bitcoin;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a Bitcoin-family header chain one header at a time by the consensus rules of a {@link
 * BitcoinNetworkParameters}, keeping only the context the rules need: the tip hash and bits, the
 * last 11 timestamps, the retarget period's start and the chainwork.
 *
 * <p>Rules, in the order they are checked (cheap contextual rules first, so that a header tampered
 * in one field is reported by the rule about that field): {@code prev-hash-link}, {@code bits} (the
 * expected {@code nBits}: retarget every interval from the period's timespan clamped to ¼…4×, with
 * Bitcoin's historical off-by-one, or the network's variant), {@code median-time-past}, {@code
 * timewarp} (BIP94), {@code version} (BIP34/66/65), {@code pow-limit} and {@code pow}. A context
 * the rules need but the start did not give is reported as {@code missing-context}. Not checked:
 * the two-hour future-time limit (it depends on the local clock, not on the chain) and signet block
 * signatures.
 *
 * <p>Not thread-safe; one instance follows one chain.
 */
public final class BitcoinHeaderChainVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(BitcoinHeaderChainVerifier.class);
  private static final int MTP_WINDOW = 11;
  private static final long MAX_TIMEWARP = 600;

  private final BitcoinNetworkParameters params;
  private final UInt256 powLimit;
  private final int powLimitBits;
  private final int interval;
  private final DoubleSha256 sha = new DoubleSha256();
  private byte[] nextHash = new byte[32];
  private final byte[] powHash = new byte[32];
  private final long[] times = new long[MTP_WINDOW];
  private final long[] sortScratch = new long[MTP_WINDOW];

  private byte[] tipHash = new byte[32];
  private long height;
  private int lastBits;
  private long lastTime;
  private int timeCount;
  private int timePos;
  private long knownTimesFrom;
  private long anchorTime = -1;

  /** 0 (no valid target encodes as 0) means unknown. */
  private int anchorBits;

  private int lastNormalBits;
  private UInt256 chainwork = UInt256.ZERO;
  private int cachedBits;
  private UInt256 cachedTarget;
  private UInt256 cachedWork;

  private BitcoinHeaderChainVerifier(BitcoinNetworkParameters params) {
    this.params = params;
    this.powLimit = UInt256.of(params.powLimit());
    this.powLimitBits = params.powLimitBits();
    this.interval = params.retargetInterval();
  }

  /** A verifier whose tip is the network's genesis block (height 0, trusted). */
  public static BitcoinHeaderChainVerifier fromGenesis(BitcoinNetworkParameters params) {
    return fromTrustedStart(params, TrustedStart.of(0, params.genesisHeader()));
  }

  /**
   * A verifier whose tip is {@code start} (trusted, not verified).
   *
   * @throws IllegalArgumentException when a start at height 0 is not the network's genesis
   */
  public static BitcoinHeaderChainVerifier fromTrustedStart(
      BitcoinNetworkParameters params, TrustedStart start) {
    byte[] raw = start.header();
    if (start.height() == 0 && !Arrays.equals(raw, params.genesisHeader())) {
      throw new IllegalArgumentException(
          "a start at height 0 must be the " + params.name() + " genesis header");
    }
    BitcoinHeaderChainVerifier v = new BitcoinHeaderChainVerifier(params);
    v.initFrom(start, BitcoinHeader.parse(raw));
    return v;
  }

  private void initFrom(TrustedStart start, BitcoinHeader header) {
    height = start.height();
    tipHash = header.hash().clone();
    lastBits = header.bits();
    List<Long> prev = start.previousTimestamps();
    knownTimesFrom = height - prev.size();
    prev.forEach(this::pushTime);
    pushTime(header.time());
    chainwork = CompactTarget.work(header.bits());
    initAnchor(start, header);
    lastNormalBits =
        isNormalBlock(height, header.bits()) ? header.bits() : orUnknown(start.lastNormalBits());
  }

  private void initAnchor(TrustedStart start, BitcoinHeader header) {
    long anchorHeight = anchorHeightFor(nextRetargetAbove(height));
    anchorBits = height % interval == 0 ? header.bits() : orUnknown(start.periodStartBits());
    if (anchorHeight == height) {
      anchorTime = header.time();
    } else if (anchorHeight < height && anchorHeight >= knownTimesFrom) {
      anchorTime = start.previousTimestamps().get((int) (anchorHeight - knownTimesFrom));
    } else if (start.periodStartTime() != null) {
      anchorTime = start.periodStartTime();
    }
  }

  private static int orUnknown(Integer bits) {
    return bits == null ? 0 : bits;
  }

  private long nextRetargetAbove(long h) {
    return (h / interval + 1) * interval;
  }

  /** Height of the block whose time the retarget at {@code retargetHeight} measures from. */
  private long anchorHeightFor(long retargetHeight) {
    long first = retargetHeight - interval;
    return params.fullPeriodLookback() && first > 0 ? first - 1 : first;
  }

  private boolean isNormalBlock(long h, int bits) {
    return h % interval == 0 || bits != powLimitBits;
  }

  /**
   * Verifies {@code count} consecutive headers of 80 bytes starting at {@code off}; stops at the
   * first that breaks a rule. The verifier's tip is then the last valid header.
   */
  public Optional<RuleViolation> verify(byte[] headers, int off, int count) {
    if (count < 0 || off < 0 || headers.length - off < (long) count * BitcoinHeader.SIZE) {
      throw new IllegalArgumentException("headers: need " + count + " x 80 bytes");
    }
    for (int i = 0; i < count; i++) {
      RuleViolation v = check(headers, off + i * BitcoinHeader.SIZE);
      if (v != null) {
        LOG.debug("{}", v);
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Verifies one header as the child of the current tip and, if valid, makes it the tip. */
  public Optional<RuleViolation> verifyNext(byte[] header) {
    if (header.length != BitcoinHeader.SIZE) {
      throw new IllegalArgumentException("a block header is 80 bytes, got " + header.length);
    }
    return Optional.ofNullable(check(header, 0));
  }

  private RuleViolation check(byte[] buf, int off) {
    long h = height + 1;
    if (!Arrays.equals(buf, off + 4, off + 36, tipHash, 0, 32)) {
      return new RuleViolation(
          "prev-hash-link",
          h,
          "parent hash "
              + Bytes.hex(Bytes.reversed(buf, off + 4, 32))
              + " is not the tip "
              + Bytes.hex(Bytes.reversed(tipHash)));
    }
    int bits = Bytes.intLe(buf, off + 72);
    long time = Integer.toUnsignedLong(Bytes.intLe(buf, off + 68));
    RuleViolation v = checkContext(h, bits, time, Bytes.intLe(buf, off));
    if (v == null) {
      v = checkPow(buf, off, h, bits);
    }
    if (v == null) {
      accept(h, bits, time);
    }
    return v;
  }

  private RuleViolation checkContext(long h, int bits, long time, int version) {
    boolean retarget = h % interval == 0;
    if (retarget && !params.noRetargeting() && anchorTime < 0) {
      return new RuleViolation(
          "missing-context",
          h,
          "the retarget needs the period start time, which the trusted start did not give");
    }
    int expected = expectedBits(h, time, retarget);
    if (expected == 0) {
      return new RuleViolation(
          "missing-context",
          h,
          "the expected nBits needs context the trusted start did not give (last normal or"
              + " period-start bits)");
    }
    if (bits != expected) {
      return new RuleViolation(
          "bits", h, String.format("nBits 0x%08x, expected 0x%08x", bits, expected));
    }
    if (mtpApplies(h)) {
      long median = medianTimePast();
      if (time <= median) {
        return new RuleViolation(
            "median-time-past",
            h,
            "time " + time + " is not above the median of the previous 11 (" + median + ")");
      }
    }
    if (params.enforceBip94() && retarget && time < lastTime - MAX_TIMEWARP) {
      return new RuleViolation(
          "timewarp",
          h,
          "time " + time + " more than 600 s before the previous block's " + lastTime);
    }
    if (version < params.minimumVersion(h)) {
      return new RuleViolation(
          "version",
          h,
          "version " + version + " below " + params.minimumVersion(h) + " required here");
    }
    return null;
  }

  /** The nBits block {@code h} must carry; 0 when the context to tell is missing. */
  private int expectedBits(long h, long time, boolean retarget) {
    if (!retarget) {
      if (params.allowMinDifficultyBlocks()) {
        return time > lastTime + 2 * params.targetSpacing() ? powLimitBits : lastNormalBits;
      }
      return lastBits;
    }
    if (params.noRetargeting()) {
      return lastBits;
    }
    if (params.enforceBip94() && anchorBits == 0) {
      return 0;
    }
    return retargetBits(
        params, lastTime - anchorTime, params.enforceBip94() ? anchorBits : lastBits);
  }

  /**
   * The retarget: the base target scaled by the period's actual timespan (clamped to ¼…4× of the
   * target timespan), capped at the pow limit. Runs once per period, so {@link BigInteger} is fine.
   */
  public static int retargetBits(
      BitcoinNetworkParameters params, long actualTimespan, int baseBits) {
    long timespan = params.targetTimespan();
    long actual = Math.min(Math.max(actualTimespan, timespan / 4), timespan * 4);
    BigInteger target = CompactTarget.decode(baseBits);
    boolean shift =
        params.shiftOnOverflow() && target.bitLength() > params.powLimit().bitLength() - 1;
    if (shift) {
      target = target.shiftRight(1);
    }
    target = target.multiply(BigInteger.valueOf(actual)).divide(BigInteger.valueOf(timespan));
    if (shift) {
      target = target.shiftLeft(1);
    }
    return CompactTarget.encode(target.min(params.powLimit()));
  }

  private RuleViolation checkPow(byte[] buf, int off, long h, int bits) {
    if (bits != cachedBits || cachedTarget == null) {
      if (CompactTarget.isInvalid(bits)
          || CompactTarget.decode(bits).compareTo(params.powLimit()) > 0) {
        return new RuleViolation(
            "pow-limit",
            h,
            String.format("nBits 0x%08x is no valid target below the pow limit", bits));
      }
      cachedBits = bits;
      cachedTarget = CompactTarget.decodeWords(bits);
      cachedWork = CompactTarget.work(bits);
    }
    sha.hash(buf, off, BitcoinHeader.SIZE, nextHash);
    params.powAlgorithm().powHash(buf, off, nextHash, powHash);
    if (!cachedTarget.isAtLeastLittleEndian(powHash, 0)) {
      return new RuleViolation(
          "pow",
          h,
          "proof-of-work hash "
              + Bytes.hex(Bytes.reversed(powHash))
              + " above the target of nBits "
              + String.format("0x%08x", bits));
    }
    return null;
  }

  private void accept(long h, int bits, long time) {
    if (h % interval == 0) {
      anchorTime = params.fullPeriodLookback() && h > 0 ? lastTime : time;
      anchorBits = bits;
    }
    if (isNormalBlock(h, bits)) {
      lastNormalBits = bits;
    }
    byte[] previous = tipHash;
    tipHash = nextHash;
    nextHash = previous;
    height = h;
    lastBits = bits;
    pushTime(time);
    chainwork = chainwork.add(cachedWork);
  }

  private void pushTime(long time) {
    times[timePos] = time;
    timePos = (timePos + 1) % MTP_WINDOW;
    timeCount = Math.min(timeCount + 1, MTP_WINDOW);
    lastTime = time;
  }

  /** The rule applies when all of the previous 11 timestamps (or all since genesis) are known. */
  private boolean mtpApplies(long h) {
    return knownTimesFrom <= Math.max(0, h - MTP_WINDOW);
  }

  private long medianTimePast() {
    int n = timeCount;
    System.arraycopy(times, 0, sortScratch, 0, n);
    for (int i = 1; i < n; i++) {
      long x = sortScratch[i];
      int j = i - 1;
      while (j >= 0 && sortScratch[j] > x) {
        sortScratch[j + 1] = sortScratch[j];
        j--;
      }
      sortScratch[j + 1] = x;
    }
    return sortScratch[n / 2];
  }

  /**
   * The name of the trusted-start context this verifier lacks and will need at a later header
   * ({@code period-start-time}, {@code period-start-bits}, {@code last-normal-bits}), or empty.
   */
  public Optional<String> missingContext() {
    if (!params.noRetargeting() && anchorTime < 0) {
      return Optional.of("period-start-time");
    }
    if (params.enforceBip94() && anchorBits == 0) {
      return Optional.of("period-start-bits");
    }
    if (params.allowMinDifficultyBlocks() && lastNormalBits == 0) {
      return Optional.of("last-normal-bits");
    }
    return Optional.empty();
  }

  /** Height of the tip. */
  public long height() {
    return height;
  }

  /** The tip's hash, internal byte order. */
  public byte[] tipHash() {
    return tipHash.clone();
  }

  /** The tip's hash, display order hex. */
  public String tipHashHex() {
    return Bytes.hex(Bytes.reversed(tipHash));
  }

  /** The tip's {@code nBits}. */
  public int tipBits() {
    return lastBits;
  }

  /**
   * Cumulative work of the start header and every header verified since (from genesis: Bitcoin
   * Core's {@code chainwork}).
   */
  public UInt256 chainwork() {
    return chainwork;
  }

  /** The network's rules. */
  public BitcoinNetworkParameters params() {
    return params;
  }
}
