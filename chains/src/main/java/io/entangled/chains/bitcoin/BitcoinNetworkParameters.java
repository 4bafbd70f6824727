package io.entangled.chains.bitcoin;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The consensus rules of one Bitcoin-family network that the header-chain verifier applies, as
 * data. Values come from Bitcoin Core's and Litecoin Core's {@code chainparams.cpp}.
 *
 * <p>Signet: block signatures (the signet challenge in the coinbase) are <em>not</em> checked; only
 * the header rules are. Min-difficulty rule: on networks with {@code allowMinDifficultyBlocks}, a
 * block more than twice the target spacing after its parent may use the pow limit (testnet3's
 * "20-minute rule"); other blocks carry the bits of the last block not mined under that rule.
 *
 * @param name the name used in configuration ({@code mainnet}, {@code litecoin-regtest}, ...)
 * @param genesisHeader the 80-byte genesis header
 * @param powLimit the easiest target allowed
 * @param retargetInterval blocks per difficulty period (2016)
 * @param targetTimespan seconds one period should last (two weeks; Litecoin 3.5 days)
 * @param targetSpacing seconds between blocks (600; Litecoin 150)
 * @param allowMinDifficultyBlocks the testnet min-difficulty rule applies
 * @param noRetargeting regtest: {@code nBits} never changes
 * @param enforceBip94 testnet4: retarget from the period's first block's bits, and the timewarp
 *     rule
 * @param fullPeriodLookback Litecoin: the retarget measures the period from the block before its
 *     first (fixing Bitcoin's off-by-one), except at the first retarget
 * @param shiftOnOverflow Litecoin: the retarget shifts the target right by one bit before the
 *     multiplication when it is within one bit of the pow limit, and back after
 * @param powAlgorithm the proof-of-work hash
 * @param bip34Height height from which {@code version >= 2} (and 3, 4 below) is required
 * @param bip66Height height from which {@code version >= 3}
 * @param bip65Height height from which {@code version >= 4}
 */
public record BitcoinNetworkParameters(
    String name,
    byte[] genesisHeader,
    BigInteger powLimit,
    int retargetInterval,
    long targetTimespan,
    long targetSpacing,
    boolean allowMinDifficultyBlocks,
    boolean noRetargeting,
    boolean enforceBip94,
    boolean fullPeriodLookback,
    boolean shiftOnOverflow,
    PowAlgorithm powAlgorithm,
    long bip34Height,
    long bip66Height,
    long bip65Height) {

  private static final String BTC_MERKLE =
      "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";
  private static final String LTC_MERKLE =
      "97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9";
  private static final BigInteger BTC_LIMIT =
      limit("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  private static final BigInteger REGTEST_LIMIT =
      limit("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  private static final BigInteger LTC_LIMIT =
      limit("00000fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  private static final long TWO_WEEKS = 14 * 24 * 60 * 60;
  private static final long THREE_AND_HALF_DAYS = 302_400;

  /** Bitcoin mainnet. */
  public static final BitcoinNetworkParameters MAINNET =
      new BitcoinNetworkParameters(
          "mainnet",
          genesis(BTC_MERKLE, 1231006505, 0x1d00ffff, 2083236893),
          BTC_LIMIT,
          2016,
          TWO_WEEKS,
          600,
          false,
          false,
          false,
          false,
          false,
          PowAlgorithm.DOUBLE_SHA256,
          227_931,
          363_725,
          388_381);

  /** Bitcoin testnet3 (20-minute min-difficulty rule). */
  public static final BitcoinNetworkParameters TESTNET3 =
      new BitcoinNetworkParameters(
          "testnet3",
          genesis(BTC_MERKLE, 1296688602, 0x1d00ffff, 414098458),
          BTC_LIMIT,
          2016,
          TWO_WEEKS,
          600,
          true,
          false,
          false,
          false,
          false,
          PowAlgorithm.DOUBLE_SHA256,
          21_111,
          330_776,
          581_885);

  /** Bitcoin testnet4 (BIP94). */
  public static final BitcoinNetworkParameters TESTNET4 =
      new BitcoinNetworkParameters(
          "testnet4",
          genesis(
              "7aa0a7ae1e223414cb807e40cd57e667b718e42aaf9306db9102fe28912b7b4e",
              1714777860,
              0x1d00ffff,
              393743547),
          BTC_LIMIT,
          2016,
          TWO_WEEKS,
          600,
          true,
          false,
          true,
          false,
          false,
          PowAlgorithm.DOUBLE_SHA256,
          1,
          1,
          1);

  /** Bitcoin's default signet (block signatures not checked). */
  public static final BitcoinNetworkParameters SIGNET =
      new BitcoinNetworkParameters(
          "signet",
          genesis(BTC_MERKLE, 1598918400, 0x1e0377ae, 52613770),
          limit("00000377ae000000000000000000000000000000000000000000000000000000"),
          2016,
          TWO_WEEKS,
          600,
          false,
          false,
          false,
          false,
          false,
          PowAlgorithm.DOUBLE_SHA256,
          1,
          1,
          1);

  /** Bitcoin regtest (no retarget). */
  public static final BitcoinNetworkParameters REGTEST =
      new BitcoinNetworkParameters(
          "regtest",
          genesis(BTC_MERKLE, 1296688602, 0x207fffff, 2),
          REGTEST_LIMIT,
          2016,
          TWO_WEEKS,
          600,
          true,
          true,
          false,
          false,
          false,
          PowAlgorithm.DOUBLE_SHA256,
          1,
          1,
          1);

  /** Litecoin mainnet (scrypt, 3.5-day retarget, 2.5-minute blocks). */
  public static final BitcoinNetworkParameters LITECOIN =
      new BitcoinNetworkParameters(
          "litecoin",
          genesis(LTC_MERKLE, 1317972665, 0x1e0ffff0, 2084524493),
          LTC_LIMIT,
          2016,
          THREE_AND_HALF_DAYS,
          150,
          false,
          false,
          false,
          true,
          true,
          PowAlgorithm.SCRYPT,
          710_000,
          811_879,
          918_684);

  /** Litecoin regtest (scrypt, no retarget), as run by {@code litecoind -regtest}. */
  public static final BitcoinNetworkParameters LITECOIN_REGTEST =
      new BitcoinNetworkParameters(
          "litecoin-regtest",
          genesis(LTC_MERKLE, 1296688602, 0x207fffff, 0),
          REGTEST_LIMIT,
          2016,
          THREE_AND_HALF_DAYS,
          150,
          true,
          true,
          false,
          true,
          true,
          PowAlgorithm.SCRYPT,
          500,
          1251,
          1351);

  /** Every network known by name. */
  public static final List<BitcoinNetworkParameters> ALL =
      List.of(MAINNET, TESTNET3, TESTNET4, SIGNET, REGTEST, LITECOIN, LITECOIN_REGTEST);

  public BitcoinNetworkParameters {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(powAlgorithm, "powAlgorithm");
    if (genesisHeader == null || genesisHeader.length != BitcoinHeader.SIZE) {
      throw new IllegalArgumentException("genesisHeader must be 80 bytes");
    }
    if (powLimit == null || powLimit.signum() <= 0 || powLimit.bitLength() > 256) {
      throw new IllegalArgumentException("powLimit must be in 1..2^256-1");
    }
    if (retargetInterval <= 0 || targetTimespan <= 0 || targetSpacing <= 0) {
      throw new IllegalArgumentException(
          "retarget interval, timespan and spacing must be positive");
    }
    genesisHeader = genesisHeader.clone();
  }

  /** The network called {@code name} (case-insensitive); {@code testnet} means testnet3. */
  public static BitcoinNetworkParameters byName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    String wanted = n.equals("testnet") ? "testnet3" : n.equals("main") ? "mainnet" : n;
    return ALL.stream()
        .filter(p -> p.name.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "network '"
                        + name
                        + "' is not one of "
                        + ALL.stream().map(BitcoinNetworkParameters::name).toList()));
  }

  /** The pow limit's compact encoding (what min-difficulty blocks carry). */
  public int powLimitBits() {
    return CompactTarget.encode(powLimit);
  }

  @Override
  public byte[] genesisHeader() {
    return genesisHeader.clone();
  }

  /** The minimum block version at {@code height} (BIP34, BIP66, BIP65). */
  public int minimumVersion(long height) {
    if (height >= bip65Height) {
      return 4;
    }
    if (height >= bip66Height) {
      return 3;
    }
    return height >= bip34Height ? 2 : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitcoinNetworkParameters p
        && p.name.equals(name)
        && Arrays.equals(p.genesisHeader, genesisHeader);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "BitcoinNetworkParameters[" + name + "]";
  }

  private static BigInteger limit(String hex) {
    return new BigInteger(hex, 16);
  }

  private static byte[] genesis(String merkleDisplayHex, long time, int bits, long nonce) {
    return BitcoinHeader.encode(
        1, new byte[32], Bytes.parseDisplayHash("merkle", merkleDisplayHex), time, bits, nonce);
  }
}
