package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Testnet rules on synthetic chains mined here: the 20-minute min-difficulty rule (testnet3) and
 * BIP94's retarget base and timewarp rule (testnet4). The networks are testnet3/4 with an easy pow
 * limit so that headers can be mined in a test; the rules are the same data flags.
 */
class MinDifficultyRulesTest {
  private static final int NORMAL = 0x2000ffff;
  private static final BigInteger EASY_LIMIT =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
  private static final long T0 = 1_700_000_000L;
  private static final DoubleSha256 SHA = new DoubleSha256();

  private static byte[] mine(byte[] prevHash, long time, int bits) {
    UInt256 target = CompactTarget.decodeWords(bits);
    for (long nonce = 0; ; nonce++) {
      byte[] h = BitcoinHeader.encode(0x20000000, prevHash, new byte[32], time, bits, nonce);
      if (target.isAtLeastLittleEndian(SHA.hash(h, 0, 80), 0)) {
        return h;
      }
    }
  }

  private static byte[] hash(byte[] header) {
    return SHA.hash(header, 0, 80);
  }

  private static BitcoinNetworkParameters network(
      BitcoinNetworkParameters base, int interval, long timespan, byte[] genesis) {
    return new BitcoinNetworkParameters(
        base.name() + "-easy",
        genesis,
        EASY_LIMIT,
        interval,
        timespan,
        600,
        true,
        false,
        base.enforceBip94(),
        false,
        false,
        PowAlgorithm.DOUBLE_SHA256,
        1,
        1,
        1);
  }

  @Test
  void testnet3TwentyMinuteRule() {
    byte[] g = mine(new byte[32], T0, NORMAL);
    BitcoinNetworkParameters p =
        network(BitcoinNetworkParameters.TESTNET3, 2016, 14 * 24 * 3600, g);
    int limitBits = p.powLimitBits();
    byte[] b1 = mine(hash(g), T0 + 600, NORMAL);
    byte[] minDiff = mine(hash(b1), T0 + 600 + 1201, limitBits);
    byte[] tooSoon = mine(hash(b1), T0 + 600 + 1200, limitBits);
    byte[] afterMin = mine(hash(minDiff), T0 + 600 + 1201 + 600, NORMAL);
    byte[] stillMin = mine(hash(minDiff), T0 + 600 + 1201 + 600, limitBits);

    BitcoinHeaderChainVerifier v = BitcoinHeaderChainVerifier.fromGenesis(p);
    assertThat(v.verifyNext(b1)).isEmpty();
    assertThat(rule(BitcoinHeaderChainVerifier.fromGenesis(p), b1, tooSoon)).contains("bits");
    assertThat(v.verifyNext(minDiff)).isEmpty();
    assertThat(rule(copyAfter(p, b1, minDiff), stillMin)).contains("bits");
    assertThat(v.verifyNext(afterMin)).isEmpty();
  }

  private static BitcoinHeaderChainVerifier copyAfter(BitcoinNetworkParameters p, byte[]... chain) {
    BitcoinHeaderChainVerifier v = BitcoinHeaderChainVerifier.fromGenesis(p);
    for (byte[] h : chain) {
      assertThat(v.verifyNext(h)).isEmpty();
    }
    return v;
  }

  private static Optional<String> rule(BitcoinHeaderChainVerifier v, byte[]... chain) {
    for (byte[] h : chain) {
      Optional<RuleViolation> r = v.verifyNext(h);
      if (r.isPresent()) {
        return Optional.of(r.get().rule());
      }
    }
    return Optional.empty();
  }

  @Test
  void testnet4RetargetsFromThePeriodsFirstBitsAndEnforcesTimewarp() {
    byte[] g = mine(new byte[32], T0, NORMAL);
    BitcoinNetworkParameters p = network(BitcoinNetworkParameters.TESTNET4, 4, 4 * 600, g);
    int limitBits = p.powLimitBits();
    byte[] b1 = mine(hash(g), T0 + 600, NORMAL);
    byte[] b2 = mine(hash(b1), T0 + 1200, NORMAL);
    long t3 = T0 + 1200 + 5000;
    byte[] b3 = mine(hash(b2), t3, limitBits);
    int fromFirst = BitcoinHeaderChainVerifier.retargetBits(p, t3 - T0, NORMAL);
    int fromLast = BitcoinHeaderChainVerifier.retargetBits(p, t3 - T0, limitBits);
    assertThat(fromFirst).isNotEqualTo(fromLast);

    assertThat(rule(copyAfter(p, b1, b2, b3), mine(hash(b3), t3 + 600, fromLast))).contains("bits");
    assertThat(rule(copyAfter(p, b1, b2, b3), mine(hash(b3), t3 - 601, fromFirst)))
        .contains("timewarp");
    assertThat(rule(copyAfter(p, b1, b2, b3), mine(hash(b3), t3 - 600, fromFirst))).isEmpty();
  }

  @Test
  void regtestNeverRetargets() {
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromGenesis(BitcoinNetworkParameters.REGTEST);
    byte[] prev = BitcoinNetworkParameters.REGTEST.genesisHeader();
    long time = BitcoinHeader.parse(prev).time();
    for (int i = 1; i <= 2017; i++) {
      time += 1;
      byte[] h = mine(hash(prev), time, 0x207fffff);
      assertThat(v.verifyNext(h)).as("height %d", i).isEmpty();
      prev = h;
    }
    assertThat(v.height()).isEqualTo(2017);
  }
}
