package io.entangled.relayer.api;

import java.util.HexFormat;

/** 0x-prefixed lower-case hex, the form hashes take in the API. */
final class Hex {
  private Hex() {}

  static String of(byte[] bytes) {
    return bytes == null ? null : "0x" + HexFormat.of().formatHex(bytes);
  }
}
