package io.entangled.chains.ethereum.rlp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Strict RLP (Ethereum Yellow Paper, appendix B). {@link #decode} accepts only the canonical
 * encoding: a single byte below 0x80 is never wrapped, a length below 56 is never written in the
 * long form, lengths have no leading zero byte, every item fits its parent exactly and nothing
 * follows the top-level item. The encoders produce that same canonical form.
 */
public final class Rlp {
  private static final int SHORT_LIMIT = 55;
  private static final byte[] EMPTY = new byte[0];
  /** Deeper lists are refused rather than risking the stack (Ethereum data nests a few levels). */
  public static final int MAX_DEPTH = 256;

  private Rlp() {}

  /** Decodes exactly one item that spans all of {@code data}. */
  public static RlpItem decode(byte[] data) {
    if (data.length == 0) {
      throw new RlpException("no data");
    }
    RlpItem item = decodeAt(data, 0, data.length, 0);
    if (item.encodedLength() != data.length) {
      throw new RlpException((data.length - item.encodedLength()) + " trailing bytes after the item");
    }
    return item;
  }

  private static RlpItem decodeAt(byte[] data, int pos, int end, int depth) {
    int prefix = data[pos] & 0xff;
    if (prefix < 0x80) {
      return new RlpItem(data, pos, 1, pos, 1, null);
    }
    if (prefix <= 0xb7) {
      int len = prefix - 0x80;
      checkFits(pos + 1, len, end);
      if (len == 1 && (data[pos + 1] & 0xff) < 0x80) {
        throw new RlpException("single byte below 0x80 must not have a string prefix");
      }
      return new RlpItem(data, pos + 1, len, pos, 1 + len, null);
    }
    if (prefix <= 0xbf) {
      int lenOfLen = prefix - 0xb7;
      int len = readLongLength(data, pos + 1, lenOfLen, end);
      checkFits(pos + 1 + lenOfLen, len, end);
      return new RlpItem(data, pos + 1 + lenOfLen, len, pos, 1 + lenOfLen + len, null);
    }
    if (prefix <= 0xf7) {
      int len = prefix - 0xc0;
      return decodeList(data, pos, 1, len, end, depth);
    }
    int lenOfLen = prefix - 0xf7;
    int len = readLongLength(data, pos + 1, lenOfLen, end);
    return decodeList(data, pos, 1 + lenOfLen, len, end, depth);
  }

  private static RlpItem decodeList(byte[] data, int pos, int headerLen, int len, int end, int depth) {
    if (depth >= MAX_DEPTH) {
      throw new RlpException("lists nested deeper than " + MAX_DEPTH);
    }
    int start = pos + headerLen;
    checkFits(start, len, end);
    int listEnd = start + len;
    List<RlpItem> items = new ArrayList<>();
    int p = start;
    while (p < listEnd) {
      RlpItem child = decodeAt(data, p, listEnd, depth + 1);
      items.add(child);
      p += child.encodedLength();
    }
    return new RlpItem(data, start, len, pos, headerLen + len, Collections.unmodifiableList(items));
  }

  private static int readLongLength(byte[] data, int pos, int lenOfLen, int end) {
    if (pos + lenOfLen > end) {
      throw new RlpException("length of length " + lenOfLen + " runs past the end");
    }
    if (data[pos] == 0) {
      throw new RlpException("length has a leading zero byte");
    }
    long len = 0;
    for (int i = 0; i < lenOfLen; i++) {
      len = (len << 8) | (data[pos + i] & 0xff);
      if (len > Integer.MAX_VALUE) {
        throw new RlpException("length does not fit in 31 bits");
      }
    }
    if (len <= SHORT_LIMIT) {
      throw new RlpException("length " + len + " must use the short form");
    }
    return (int) len;
  }

  private static void checkFits(int start, int len, int end) {
    if ((long) start + len > end) {
      throw new RlpException("item of " + len + " bytes runs past the end of its container");
    }
  }

  /** The encoding of a byte string. */
  public static byte[] encodeBytes(byte[] value) {
    if (value.length == 1 && (value[0] & 0xff) < 0x80) {
      return new byte[] {value[0]};
    }
    return withPrefix(0x80, value);
  }

  /** The encoding of an unsigned integer (minimal big-endian bytes, zero is the empty string). */
  public static byte[] encodeBigInteger(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned, got " + value);
    }
    if (value.signum() == 0) {
      return encodeBytes(EMPTY);
    }
    byte[] raw = value.toByteArray();
    if (raw[0] == 0) {
      raw = java.util.Arrays.copyOfRange(raw, 1, raw.length);
    }
    return encodeBytes(raw);
  }

  /** The encoding of a non-negative long. */
  public static byte[] encodeLong(long value) {
    return encodeBigInteger(BigInteger.valueOf(value));
  }

  /** A list of already-encoded items. */
  public static byte[] encodeList(List<byte[]> encodedItems) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (byte[] item : encodedItems) {
      payload.writeBytes(item);
    }
    return withPrefix(0xc0, payload.toByteArray());
  }

  private static byte[] withPrefix(int base, byte[] payload) {
    int len = payload.length;
    if (len <= SHORT_LIMIT) {
      byte[] out = new byte[1 + len];
      out[0] = (byte) (base + len);
      System.arraycopy(payload, 0, out, 1, len);
      return out;
    }
    int lenOfLen = (Integer.SIZE - Integer.numberOfLeadingZeros(len) + 7) / 8;
    byte[] out = new byte[1 + lenOfLen + len];
    out[0] = (byte) (base + SHORT_LIMIT + lenOfLen);
    for (int i = 0; i < lenOfLen; i++) {
      out[lenOfLen - i] = (byte) (len >>> (8 * i));
    }
    System.arraycopy(payload, 0, out, 1 + lenOfLen, len);
    return out;
  }
}
