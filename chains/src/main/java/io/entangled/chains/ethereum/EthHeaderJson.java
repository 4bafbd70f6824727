package io.entangled.chains.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Map;

/**
 * Reads an {@link EthHeader} from JSON: an {@code eth_getBlockByNumber} result (JSON-RPC field
 * names) or a {@code blockHeader} of the ethereum/tests {@code BlockchainTests}, whose fields are
 * named differently ({@code uncleHash}, {@code coinbase}, {@code bloom}, {@code transactionsTrie},
 * {@code receiptTrie}).
 */
public final class EthHeaderJson {
  private static final Map<String, String> TEST_FILE_NAMES = Map.of(
      "sha3Uncles", "uncleHash",
      "miner", "coinbase",
      "logsBloom", "bloom",
      "transactionsRoot", "transactionsTrie",
      "receiptsRoot", "receiptTrie");

  private final JsonNode json;

  private EthHeaderJson(JsonNode json) {
    this.json = json;
  }

  /** Parses the header fields of {@code block}. */
  public static EthHeader parse(JsonNode block) {
    if (block == null || !block.isObject()) {
      throw new MalformedFieldException("result", "is not a block object");
    }
    return new EthHeaderJson(block).header();
  }

  /** The {@code hash} field the source claims for this block. */
  public static byte[] claimedHash(JsonNode block) {
    return JsonFields.data(block, "hash", 32);
  }

  private EthHeader header() {
    return new EthHeader(
        data("parentHash", 32), data("sha3Uncles", 32), data("miner", 20),
        data("stateRoot", 32), data("transactionsRoot", 32), data("receiptsRoot", 32),
        data("logsBloom", 256), quantity("difficulty"), quantity("number"),
        quantity("gasLimit"), quantity("gasUsed"), quantity("timestamp"),
        data("extraData", -1), data("mixHash", 32), data("nonce", 8),
        optionalQuantity("baseFeePerGas"), optionalData("withdrawalsRoot"),
        optionalQuantity("blobGasUsed"), optionalQuantity("excessBlobGas"),
        optionalData("parentBeaconBlockRoot"), optionalData("requestsHash"));
  }

  private String name(String rpcName) {
    String alt = TEST_FILE_NAMES.get(rpcName);
    return alt != null && !JsonFields.has(json, rpcName) && JsonFields.has(json, alt) ? alt : rpcName;
  }

  private byte[] data(String field, int size) {
    return JsonFields.data(json, name(field), size);
  }

  private BigInteger quantity(String field) {
    return JsonFields.quantity(json, name(field));
  }

  private BigInteger optionalQuantity(String field) {
    return JsonFields.has(json, field) ? JsonFields.quantity(json, field) : null;
  }

  private byte[] optionalData(String field) {
    return JsonFields.has(json, field) ? JsonFields.data(json, field, 32) : null;
  }
}
