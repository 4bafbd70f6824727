package io.entangled.chains.ethereum.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.ethereum.EthTestData;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ethereum/tests RLPTests: one case per vector. */
class RlpOfficialVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> valid() {
    return vectors("ethereum-tests/RLPTests/rlptest.json");
  }

  static Stream<Arguments> invalid() {
    return vectors("ethereum-tests/RLPTests/invalidRLPTest.json");
  }

  static Stream<Arguments> random() {
    return vectors("ethereum-tests/RLPTests/RandomRLPTests/example.json");
  }

  private static Stream<Arguments> vectors(String file) {
    List<Arguments> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : EthTestData.json(file).properties()) {
      out.add(Arguments.of(e.getKey(), e.getValue().get("in"), e.getValue().get("out").asText()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void encodesAndDecodesOfficialVector(String name, JsonNode in, String out) {
    byte[] expected = HEX.parseHex(out.substring(2));
    assertThat(HEX.formatHex(encode(in))).isEqualTo(out.substring(2));
    RlpItem decoded = Rlp.decode(expected);
    assertThat(reencode(decoded)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsOfficialInvalidVector(String name, JsonNode in, String out) {
    assertThat(in.asText()).isEqualTo("INVALID");
    byte[] bytes = HEX.parseHex(out.startsWith("0x") ? out.substring(2) : out);
    assertThatThrownBy(() -> Rlp.decode(bytes)).isInstanceOf(RlpException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("random")
  void decodesOfficialRandomVector(String name, JsonNode in, String out) {
    assertThat(in.asText()).isEqualTo("VALID");
    byte[] bytes = HEX.parseHex(out.substring(2));
    assertThat(reencode(Rlp.decode(bytes))).isEqualTo(bytes);
  }

  private static byte[] encode(JsonNode in) {
    if (in.isArray()) {
      List<byte[]> items = new ArrayList<>();
      in.forEach(i -> items.add(encode(i)));
      return Rlp.encodeList(items);
    }
    if (in.isNumber()) {
      return Rlp.encodeBigInteger(in.bigIntegerValue());
    }
    String s = in.asText();
    if (s.startsWith("#")) {
      return Rlp.encodeBigInteger(new BigInteger(s.substring(1)));
    }
    return Rlp.encodeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Re-encodes a decoded tree from its parts, so the strict decoder's view is checked too. */
  static byte[] reencode(RlpItem item) {
    if (!item.isList()) {
      return Rlp.encodeBytes(item.bytes());
    }
    List<byte[]> items = new ArrayList<>();
    item.items().forEach(i -> items.add(reencode(i)));
    return Rlp.encodeList(items);
  }
}
