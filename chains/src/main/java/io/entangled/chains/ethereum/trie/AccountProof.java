package io.entangled.chains.ethereum.trie;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.ethereum.JsonFields;
import io.entangled.chains.ethereum.MalformedFieldException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code eth_getProof} answer (EIP-1186): the account's claimed fields with the state-trie
 * proof, and the storage proofs for the requested slots.
 *
 * @param address the 20-byte account address
 * @param claimed the account fields as the source states them
 * @param accountProof state-trie nodes, root first
 * @param storageProofs one entry per requested slot
 */
public record AccountProof(byte[] address, AccountState claimed, List<byte[]> accountProof,
    List<StorageProof> storageProofs) {

  /**
   * One slot.
   *
   * @param key the 32-byte slot (left-padded from the answer's possibly shorter key)
   * @param value the claimed value
   * @param proof storage-trie nodes, root first
   */
  public record StorageProof(byte[] key, BigInteger value, List<byte[]> proof) {}

  /** Parses an {@code eth_getProof} result object. */
  public static AccountProof fromJson(JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new MalformedFieldException("result", "is not an eth_getProof object");
    }
    AccountState claimed = new AccountState(
        JsonFields.quantity(result, "nonce"), JsonFields.quantity(result, "balance"),
        JsonFields.data(result, "storageHash", 32), codeHash(result));
    List<StorageProof> slots = new ArrayList<>();
    JsonNode storage = result.get("storageProof");
    if (storage != null && !storage.isNull()) {
      if (!storage.isArray()) {
        throw new MalformedFieldException("storageProof", "is not an array");
      }
      for (JsonNode s : storage) {
        slots.add(new StorageProof(slotKey(s), JsonFields.quantity(s, "value"),
            nodes(s, "proof")));
      }
    }
    return new AccountProof(JsonFields.data(result, "address", 20), claimed,
        nodes(result, "accountProof"), List.copyOf(slots));
  }

  /** Some clients answer a zero code hash for an absent account; read it as the empty code. */
  private static byte[] codeHash(JsonNode result) {
    byte[] hash = JsonFields.data(result, "codeHash", 32);
    return java.util.Arrays.equals(hash, new byte[32]) ? AccountState.EMPTY_CODE_HASH : hash;
  }

  private static byte[] slotKey(JsonNode s) {
    BigInteger key = JsonFields.quantity(s, "key");
    if (key.bitLength() > 256) {
      throw new MalformedFieldException("key", "is longer than 32 bytes");
    }
    byte[] raw = key.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static List<byte[]> nodes(JsonNode parent, String field) {
    JsonNode array = parent.get(field);
    if (array == null || !array.isArray()) {
      throw new MalformedFieldException(field, "is missing or not an array");
    }
    List<byte[]> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (!n.isTextual() || !n.asText().startsWith("0x")) {
        throw new MalformedFieldException(field, "holds an item that is not 0x-prefixed hex");
      }
      out.add(JsonFields.parseData(field, n.asText()));
    }
    return List.copyOf(out);
  }
}
