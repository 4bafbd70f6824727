package io.entangled.chains.ethereum.trie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.ethereum.EthTestData;
import io.entangled.chains.ethereum.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Hash;

/**
 * ethereum/tests TrieTests, one case per vector: the root of the trie holding the final key/value
 * set (later entries replace earlier ones, a null value deletes). Not run:
 * {@code trietestnextprev.json}, which tests iteration order (next/prev key), not roots.
 */
class TrieOfficialVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> vectors() {
    List<Arguments> out = new ArrayList<>();
    addFile(out, "trietest.json", false);
    addFile(out, "trieanyorder.json", false);
    addFile(out, "trietest_secureTrie.json", true);
    addFile(out, "trieanyorder_secureTrie.json", true);
    addFile(out, "hex_encoded_securetrie_test.json", true);
    return out.stream();
  }

  private static void addFile(List<Arguments> out, String file, boolean secure) {
    for (Map.Entry<String, JsonNode> e : EthTestData.json("ethereum-tests/TrieTests/" + file).properties()) {
      out.add(Arguments.of(file + ":" + e.getKey(), e.getValue().get("in"),
          e.getValue().get("root").asText(), secure));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void computesOfficialRoot(String name, JsonNode in, String root, boolean secure) {
    Map<String, byte[]> state = new LinkedHashMap<>();
    if (in.isArray()) {
      in.forEach(pair -> apply(state, pair.get(0), pair.get(1)));
    } else {
      in.properties().forEach(e -> apply(state, EthTestData.JSON.getNodeFactory().textNode(e.getKey()),
          e.getValue()));
    }
    Map<byte[], byte[]> entries = new TreeMap<>(java.util.Arrays::compare);
    state.forEach((k, v) -> {
      byte[] key = HEX.parseHex(k);
      entries.put(secure ? Hash.sha3(key) : key, v);
    });
    assertThat(JsonFields.hex(TrieRoot.of(entries))).isEqualTo(root);
  }

  private static void apply(Map<String, byte[]> state, JsonNode key, JsonNode value) {
    String k = HEX.formatHex(bytes(key));
    if (value == null || value.isNull()) {
      state.remove(k);
    } else {
      state.put(k, bytes(value));
    }
  }

  /** Strings starting with 0x are hex, others are their UTF-8 bytes. */
  private static byte[] bytes(JsonNode node) {
    String s = node.asText();
    return s.startsWith("0x") ? HEX.parseHex(s.substring(2)) : s.getBytes(StandardCharsets.UTF_8);
  }
}
