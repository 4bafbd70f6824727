package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any single flipped bit anywhere in the real mainnet headers is caught at that header. */
class HeaderTamperPropertyTest {
  private static final byte[] HEADERS = BitcoinTestData.mainnetHeaders();
  private static final int WINDOW = 2100;

  @Property(tries = 300)
  void anyFlippedBitIsRejectedAtItsHeader(
      @ForAll @IntRange(min = 1, max = WINDOW - 2) int index,
      @ForAll @IntRange(min = 0, max = 80 * 8 - 1) int bit) {
    byte[] headers = Arrays.copyOf(HEADERS, WINDOW * 80);
    headers[index * 80 + bit / 8] ^= (byte) (1 << (bit % 8));
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromTrustedStart(
            BitcoinNetworkParameters.MAINNET,
            TrustedStart.of(BitcoinTestData.FIRST_HEIGHT, BitcoinTestData.header(HEADERS, 0)));

    Optional<RuleViolation> r = v.verify(headers, 80, WINDOW - 1);

    assertThat(r).isPresent();
    assertThat(r.get().height()).isEqualTo(BitcoinTestData.FIRST_HEIGHT + index);
  }
}
