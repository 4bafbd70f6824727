package io.entangled.chains.ethereum.rlp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded RLP item: a byte string or a list of items. Strings keep a view into the decoded
 * array (no copy until {@link #bytes()}); lists hold their already-validated children.
 */
public final class RlpItem {
  private final byte[] source;
  private final int offset;
  private final int length;
  private final int encodedOffset;
  private final int encodedLength;
  private final List<RlpItem> children;

  RlpItem(byte[] source, int offset, int length, int encodedOffset, int encodedLength,
      List<RlpItem> children) {
    this.source = source;
    this.offset = offset;
    this.length = length;
    this.encodedOffset = encodedOffset;
    this.encodedLength = encodedLength;
    this.children = children;
  }

  /** True for a list, false for a byte string. */
  public boolean isList() {
    return children != null;
  }

  /** The list's items. */
  public List<RlpItem> items() {
    if (children == null) {
      throw new RlpException("expected an RLP list, found a string of " + length + " bytes");
    }
    return children;
  }

  /** A copy of the string's bytes. */
  public byte[] bytes() {
    requireString();
    return Arrays.copyOfRange(source, offset, offset + length);
  }

  /** The string's length in bytes (the payload length for a list). */
  public int length() {
    return length;
  }

  /** True for the empty string {@code 0x80}. */
  public boolean isEmptyString() {
    return children == null && length == 0;
  }

  /** A copy of this item's complete encoding (prefix and payload). */
  public byte[] encoded() {
    return Arrays.copyOfRange(source, encodedOffset, encodedOffset + encodedLength);
  }

  /** The encoding's length in bytes. */
  public int encodedLength() {
    return encodedLength;
  }

  /** True when the string equals {@code other} byte for byte. */
  public boolean contentEquals(byte[] other) {
    return children == null
        && Arrays.equals(source, offset, offset + length, other, 0, other.length);
  }

  /** The string as a canonical unsigned integer (no leading zero byte). */
  public BigInteger asBigInteger() {
    requireCanonicalScalar();
    return length == 0 ? BigInteger.ZERO : new BigInteger(1, bytes());
  }

  /** The string as a canonical unsigned integer of at most 63 bits. */
  public long asLong() {
    requireCanonicalScalar();
    if (length > 8 || (length == 8 && source[offset] < 0)) {
      throw new RlpException("integer of " + length + " bytes does not fit in 63 bits");
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (source[offset + i] & 0xff);
    }
    return value;
  }

  /** The string's byte at {@code index}. */
  byte byteAt(int index) {
    return source[offset + index];
  }

  private void requireString() {
    if (children != null) {
      throw new RlpException("expected an RLP string, found a list of " + children.size() + " items");
    }
  }

  private void requireCanonicalScalar() {
    requireString();
    if (length > 0 && source[offset] == 0) {
      throw new RlpException("integer has a leading zero byte");
    }
  }
}
