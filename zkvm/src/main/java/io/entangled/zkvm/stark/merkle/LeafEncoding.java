package io.entangled.zkvm.stark.merkle;

import java.security.MessageDigest;

/**
 * The fixed byte encoding of Merkle leaves: a leaf is SHA-256 of the row's elements in column order,
 * each canonical field element as 8 bytes big-endian.
 */
public final class LeafEncoding {
  private LeafEncoding() {}

  public static void putLong(byte[] buf, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      buf[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** Hash of row r of column-major data. */
  public static byte[] hashRow(long[][] columns, int row, byte[] scratch, MessageDigest digest) {
    for (int c = 0; c < columns.length; c++) {
      putLong(scratch, c * 8, columns[c][row]);
    }
    digest.reset();
    digest.update(scratch, 0, columns.length * 8);
    return digest.digest();
  }

  /** Hash of a row given as its element values. */
  public static byte[] hashValues(long[] values) {
    byte[] buf = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      putLong(buf, i * 8, values[i]);
    }
    return Sha256.hash(buf);
  }
}
