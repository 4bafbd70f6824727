package io.entangled.chains.bitcoin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/** The proof-of-work hash of a Bitcoin-family chain. The block hash is always double-SHA256. */
public enum PowAlgorithm {
  /** Bitcoin: the PoW hash is the block hash. */
  DOUBLE_SHA256,
  /** Litecoin: scrypt(header, header, N=1024, r=1, p=1, 32 bytes). */
  SCRYPT;

  /** A SHA-256 digest through the JDK provider (uses the CPU's SHA instructions where present). */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Writes the PoW hash of the 80-byte header at {@code off} into {@code out} (32 bytes), given its
   * already computed block hash {@code blockHash} (internal byte order).
   */
  void powHash(byte[] header, int off, byte[] blockHash, byte[] out) {
    if (this == DOUBLE_SHA256) {
      System.arraycopy(blockHash, 0, out, 0, 32);
      return;
    }
    byte[] h = off == 0 && header.length == 80 ? header : Arrays.copyOfRange(header, off, off + 80);
    System.arraycopy(SCrypt.generate(h, h, 1024, 1, 1, 32), 0, out, 0, 32);
  }
}
