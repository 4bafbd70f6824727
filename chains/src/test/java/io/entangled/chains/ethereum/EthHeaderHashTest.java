package io.entangled.chains.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.ethereum.rlp.Rlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real block of the test data hashes to its stated hash; tampered headers do not. */
class EthHeaderHashTest {

  static Stream<Arguments> rpcBlocks() {
    List<Arguments> out = new ArrayList<>();
    for (String f : EthTestData.list("execution-apis/eth_getBlockByNumber")) {
      JsonNode result = EthTestData.ioResult("execution-apis/eth_getBlockByNumber/" + f);
      if (result != null && !result.isNull()) {
        out.add(Arguments.of(f, result));
      }
    }
    for (String f : List.of("infura2000004wotxns.json", "alchemy14151203.json", "infura15571241.json")) {
      out.add(Arguments.of(f, EthTestData.json("ethereumjs/" + f)));
    }
    return out.stream();
  }

  static Stream<Arguments> blockchainTestHeaders() {
    List<Arguments> out = new ArrayList<>();
    for (String f : EthTestData.list("ethereum-tests/BlockchainTests")) {
      for (Map.Entry<String, JsonNode> t : EthTestData.json("ethereum-tests/BlockchainTests/" + f).properties()) {
        out.add(Arguments.of(t.getKey() + ":genesis", t.getValue().get("genesisBlockHeader"),
            t.getValue().get("genesisRLP").asText()));
        int i = 1;
        for (JsonNode block : t.getValue().get("blocks")) {
          out.add(Arguments.of(t.getKey() + ":block" + i++, block.get("blockHeader"),
              block.get("rlp").asText()));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rpcBlocks")
  void realBlockHashesToItsHash(String name, JsonNode block) {
    EthHeader header = EthHeaderJson.parse(block);
    assertThat(JsonFields.hex(header.hash())).isEqualTo(block.get("hash").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blockchainTestHeaders")
  void blockchainTestHeaderEncodesAsInTheBlockRlp(String name, JsonNode header, String blockRlp) {
    EthHeader h = EthHeaderJson.parse(header);
    byte[] fromBlock = Rlp.decode(JsonFields.parseData("rlp", blockRlp)).items().get(0).encoded();
    assertThat(h.encode()).isEqualTo(fromBlock);
    assertThat(JsonFields.hex(h.hash())).isEqualTo(header.get("hash").asText());
  }

  @Test
  void coversEveryHeaderLayout() {
    List<EthHeader.Layout> layouts = rpcBlocks()
        .map(a -> EthHeaderJson.parse((JsonNode) a.get()[1]).layout()).distinct().toList();
    assertThat(layouts).containsExactlyInAnyOrder(EthHeader.Layout.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedFields")
  void changedFieldChangesTheHash(String field, String newValue) {
    ObjectNode block = pragueBlock();
    String hash = block.get("hash").asText();
    block.put(field, newValue);
    assertThat(JsonFields.hex(EthHeaderJson.parse(block).hash())).isNotEqualTo(hash);
  }

  static Stream<Arguments> tamperedFields() {
    String h32 = "0x" + "11".repeat(32);
    return Stream.of(
        Arguments.of("parentHash", h32), Arguments.of("stateRoot", h32),
        Arguments.of("timestamp", "0x1c3"), Arguments.of("number", "0x2e"),
        Arguments.of("extraData", "0x01"), Arguments.of("baseFeePerGas", "0x56a9214"),
        Arguments.of("requestsHash", h32), Arguments.of("parentBeaconBlockRoot", h32),
        Arguments.of("blobGasUsed", "0x0"), Arguments.of("withdrawalsRoot", h32));
  }

  @Test
  void droppingTheRequestsHashGivesAnotherHash() {
    ObjectNode block = pragueBlock();
    block.remove("requestsHash");
    EthHeader h = EthHeaderJson.parse(block);
    assertThat(h.layout()).isEqualTo(EthHeader.Layout.CANCUN);
    assertThat(JsonFields.hex(h.hash())).isNotEqualTo(block.get("hash").asText());
  }

  @Test
  void rejectsForkFieldsOutOfOrder() {
    ObjectNode block = pragueBlock();
    block.remove("withdrawalsRoot");
    assertThatThrownBy(() -> EthHeaderJson.parse(block))
        .isInstanceOf(MalformedFieldException.class).hasMessageContaining("blobGasUsed");
  }

  @Test
  void malformedFieldIsNamed() {
    ObjectNode block = pragueBlock();
    block.put("stateRoot", "0x1234");
    assertThatThrownBy(() -> EthHeaderJson.parse(block)).hasMessageContaining("stateRoot");
    block.remove("stateRoot");
    assertThatThrownBy(() -> EthHeaderJson.parse(block)).hasMessageContaining("stateRoot")
        .hasMessageContaining("missing");
    ObjectNode other = pragueBlock();
    other.put("gasUsed", "12");
    assertThatThrownBy(() -> EthHeaderJson.parse(other)).hasMessageContaining("gasUsed");
  }

  static ObjectNode pragueBlock() {
    return (ObjectNode) EthTestData.ioResult("execution-apis/eth_getBlockByNumber/get-block-prague-fork.io");
  }
}
