package io.entangled.zkvm.stark.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The fixed byte encoding of Merkle leaves: a leaf is SHA-256 of the row's elements in column order,
 * each canonical field element as 8 bytes big-endian.
 */
public final class LeafEncoding {
  private LeafEncoding() {}

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  public static void putLong(byte[] buf, int off, long v) {
    BIG_ENDIAN_LONG.set(buf, off, v);
  }

  /** Hash of row r of column-major data. */
  public static byte[] hashRow(long[][] columns, int row, byte[] scratch, MessageDigest digest) {
    byte[] out = new byte[32];
    hashRowInto(columns, row, scratch, digest, out, 0);
    return out;
  }

  /** Hash of row r of column-major data, written to out at offset. */
  public static void hashRowInto(long[][] columns, int row, byte[] scratch, MessageDigest digest,
      byte[] out, int offset) {
    for (int c = 0; c < columns.length; c++) {
      BIG_ENDIAN_LONG.set(scratch, c * 8, columns[c][row]);
    }
    digest.reset();
    digest.update(scratch, 0, columns.length * 8);
    try {
      digest.digest(out, offset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
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
