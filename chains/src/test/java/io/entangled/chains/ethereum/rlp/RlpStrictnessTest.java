package io.entangled.chains.ethereum.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Canonical-form rules beyond the official vectors, and a round-trip property. */
class RlpStrictnessTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rejectsTrailingBytes() {
    assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("00ff")))
        .isInstanceOf(RlpException.class);
    assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("c0c0"))).hasMessageContaining("trailing");
  }

  @Test
  void rejectsSingleByteWrappedAsString() {
    assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("817f"))).hasMessageContaining("single byte");
  }

  @Test
  void rejectsShortStringInLongForm() {
    assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("b801" + "61")))
        .hasMessageContaining("short form");
  }

  @Test
  void rejectsLengthWithLeadingZero() {
    byte[] data = new byte[3 + 56];
    data[0] = (byte) 0xb9;
    data[1] = 0;
    data[2] = 56;
    assertThatThrownBy(() -> Rlp.decode(data)).hasMessageContaining("leading zero");
  }

  @Test
  void rejectsListWhosePayloadOverrunsIt() {
    assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("c28300"))).isInstanceOf(RlpException.class);
  }

  @Test
  void refusesAbsurdNestingInsteadOfOverflowingTheStack() {
    int depth = 100_000;
    byte[] data = new byte[depth];
    java.util.Arrays.fill(data, (byte) 0xc1);
    data[depth - 1] = (byte) 0xc0;
    // each 0xc1 claims one byte of payload: malformed beyond the first levels, or refused by depth
    assertThatThrownBy(() -> Rlp.decode(data)).isInstanceOf(RlpException.class);
    byte[] nested = Rlp.encodeList(List.of());
    for (int i = 0; i < Rlp.MAX_DEPTH + 1; i++) {
      nested = Rlp.encodeList(List.of(nested));
    }
    byte[] deep = nested;
    assertThatThrownBy(() -> Rlp.decode(deep)).hasMessageContaining("nested deeper");
  }

  @Test
  void integersWithLeadingZerosAreRejected() {
    assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("820001")).asBigInteger())
        .hasMessageContaining("leading zero");
    assertThat(Rlp.decode(HEX.parseHex("820100")).asLong()).isEqualTo(256);
  }

  @Property(tries = 300)
  void decodeInvertsEncode(@ForAll("trees") Object tree) {
    byte[] encoded = encode(tree);
    assertThat(RlpOfficialVectorsTest.reencode(Rlp.decode(encoded))).isEqualTo(encoded);
  }

  @Property(tries = 300)
  void integersRoundTrip(@ForAll("unsigned") BigInteger value) {
    assertThat(Rlp.decode(Rlp.encodeBigInteger(value)).asBigInteger()).isEqualTo(value);
  }

  @Provide
  Arbitrary<BigInteger> unsigned() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(256));
  }

  @Provide
  Arbitrary<Object> trees() {
    return tree(3);
  }

  /** Byte strings (up to 70 bytes, so both length forms) and lists nested up to {@code depth}. */
  private static Arbitrary<Object> tree(int depth) {
    Arbitrary<Object> leaf = Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(b -> b);
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.oneOf(leaf, tree(depth - 1).list().ofMaxSize(4).map(l -> l));
  }

  @SuppressWarnings("unchecked")
  private static byte[] encode(Object tree) {
    if (tree instanceof byte[] b) {
      return Rlp.encodeBytes(b);
    }
    List<byte[]> items = new ArrayList<>();
    for (Object o : (List<Object>) tree) {
      items.add(encode(o));
    }
    return Rlp.encodeList(items);
  }
}
