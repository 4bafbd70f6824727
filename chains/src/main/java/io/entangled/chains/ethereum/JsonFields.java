package io.entangled.chains.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.HexFormat;

/** Reads hex fields of Ethereum JSON (JSON-RPC quantities and data) with errors naming the field. */
public final class JsonFields {
  private static final HexFormat HEX = HexFormat.of();

  private JsonFields() {}

  /** The field's text, which must be a {@code 0x}-prefixed hex string. */
  public static String hexText(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw new MalformedFieldException(field, "is missing");
    }
    if (!node.isTextual() || !node.asText().startsWith("0x")) {
      throw new MalformedFieldException(field, "is not a 0x-prefixed hex string");
    }
    return node.asText();
  }

  /** Data of exactly {@code size} bytes (any size when negative). */
  public static byte[] data(JsonNode parent, String field, int size) {
    byte[] value = parseData(field, hexText(parent, field));
    if (size >= 0 && value.length != size) {
      throw new MalformedFieldException(field, "has " + value.length + " bytes, expected " + size);
    }
    return value;
  }

  /** A {@code 0x} hex string of even length as bytes. */
  public static byte[] parseData(String field, String text) {
    String digits = text.substring(2);
    if ((digits.length() & 1) == 1) {
      throw new MalformedFieldException(field, "has an odd number of hex digits");
    }
    try {
      return HEX.parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new MalformedFieldException(field, "is not hex");
    }
  }

  /** An unsigned quantity (leading zeros tolerated, as test files write them). */
  public static BigInteger quantity(JsonNode parent, String field) {
    return parseQuantity(field, hexText(parent, field));
  }

  /** Parses an unsigned {@code 0x} quantity. */
  public static BigInteger parseQuantity(String field, String text) {
    String digits = text.substring(2);
    if (digits.isEmpty() || digits.length() > 64) {
      throw new MalformedFieldException(field, "is not a quantity of 1..64 hex digits");
    }
    try {
      return new BigInteger(digits, 16);
    } catch (NumberFormatException e) {
      throw new MalformedFieldException(field, "is not hex");
    }
  }

  /** A quantity that fits in 63 bits. */
  public static long longQuantity(JsonNode parent, String field) {
    BigInteger v = quantity(parent, field);
    if (v.bitLength() > 63) {
      throw new MalformedFieldException(field, "does not fit in 63 bits");
    }
    return v.longValue();
  }

  /** Whether the field is present and not null. */
  public static boolean has(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node != null && !node.isNull();
  }

  /** {@code 0x}-prefixed lower-case hex. */
  public static String hex(byte[] data) {
    return "0x" + HEX.formatHex(data);
  }
}
