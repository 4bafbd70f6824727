package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every retarget in Bitcoin's history (diff-change.csv) and every chainwork.csv row. */
class DifficultyRetargetTest {

  private static Map<Long, BitcoinHeader> boundaryHeaders() {
    Map<Long, BitcoinHeader> m = new HashMap<>();
    for (String[] r : BitcoinTestData.csv("diff-change.csv")) {
      m.put(Long.parseLong(r[0]), BitcoinHeader.parse(Bytes.parseHex("header", r[1])));
    }
    return m;
  }

  static Stream<Arguments> retargets() {
    Map<Long, BitcoinHeader> m = boundaryHeaders();
    List<Arguments> cases = new ArrayList<>();
    for (long next = 2016; m.containsKey(next); next += 2016) {
      cases.add(Arguments.of(next, m.get(next - 2016), m.get(next - 1), m.get(next)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "retarget at {0}")
  @MethodSource("retargets")
  void retargetGivesTheNextPeriodsBits(
      long height, BitcoinHeader first, BitcoinHeader last, BitcoinHeader next) {
    int bits =
        BitcoinHeaderChainVerifier.retargetBits(
            BitcoinNetworkParameters.MAINNET, last.time() - first.time(), last.bits());

    assertThat(Integer.toHexString(bits)).isEqualTo(Integer.toHexString(next.bits()));
  }

  static Stream<Arguments> chainworkRows() {
    return BitcoinTestData.csv("chainwork.csv").stream()
        .map(r -> Arguments.of(Long.parseLong(r[0]), r[1]));
  }

  /**
   * Chainwork from the boundary headers alone: within a mainnet period every block has the period's
   * bits, so the work up to a boundary height is a sum over the rows before it.
   */
  @ParameterizedTest(name = "chainwork at {0}")
  @MethodSource("chainworkRows")
  void chainworkMatchesBitcoinCore(long height, String expectedHex) {
    Map<Long, BitcoinHeader> m = boundaryHeaders();
    UInt256 total = UInt256.ZERO;
    long previous = -1;
    for (long h : m.keySet().stream().sorted().filter(h -> h <= height).toList()) {
      BitcoinHeader header = m.get(h);
      UInt256 work = CompactTarget.work(header.bits());
      total =
          total.add(
              UInt256.of(work.toBigInteger().multiply(java.math.BigInteger.valueOf(h - previous))));
      previous = h;
    }

    assertThat(total.toHex()).isEqualTo(expectedHex.toLowerCase());
  }
}
