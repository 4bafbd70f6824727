package io.entangled.chains.bitcoin;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Little-endian field access and hash byte-order helpers shared by the Bitcoin code. */
public final class Bytes {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final HexFormat HEX = HexFormat.of();

  private Bytes() {}

  /** The little-endian 32-bit word at {@code off}. */
  public static int intLe(byte[] b, int off) {
    return (int) INT_LE.get(b, off);
  }

  /** The little-endian 64-bit word at {@code off}. */
  public static long longLe(byte[] b, int off) {
    return (long) LONG_LE.get(b, off);
  }

  /** Writes a little-endian 32-bit word at {@code off}. */
  public static void putIntLe(byte[] b, int off, int v) {
    INT_LE.set(b, off, v);
  }

  /** A reversed copy of {@code len} bytes at {@code off} (internal order to display order). */
  public static byte[] reversed(byte[] b, int off, int len) {
    byte[] r = new byte[len];
    for (int i = 0; i < len; i++) {
      r[i] = b[off + len - 1 - i];
    }
    return r;
  }

  /** A reversed copy of the whole array. */
  public static byte[] reversed(byte[] b) {
    return reversed(b, 0, b.length);
  }

  /** Lower-case hex. */
  public static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /**
   * Parses hex, naming {@code field} in the error.
   *
   * @throws IllegalArgumentException when {@code hex} is not an even number of hex digits
   */
  public static byte[] parseHex(String field, String hex) {
    String s = hex == null ? "" : hex.strip();
    if (s.length() % 2 != 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(field + " must be an even number of hex digits");
    }
    return HEX.parseHex(s);
  }

  /** A 32-byte hash given in display hex (as RPC prints it) in internal byte order. */
  public static byte[] parseDisplayHash(String field, String hex) {
    byte[] b = parseHex(field, hex);
    if (b.length != 32) {
      throw new IllegalArgumentException(
          field + " must be 32 bytes (64 hex digits), got " + b.length);
    }
    return reversed(b);
  }
}
