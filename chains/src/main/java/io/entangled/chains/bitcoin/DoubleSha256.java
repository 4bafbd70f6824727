package io.entangled.chains.bitcoin;

import java.security.DigestException;
import java.security.MessageDigest;

/** Double SHA-256 with one reusable digest; not thread-safe (one per verifier or thread). */
public final class DoubleSha256 {
  private final MessageDigest digest = PowAlgorithm.sha256();
  private final byte[] first = new byte[32];

  /** Hashes {@code len} bytes at {@code off} twice into {@code out[0..32)}. */
  public void hash(byte[] in, int off, int len, byte[] out) {
    try {
      digest.update(in, off, len);
      digest.digest(first, 0, 32);
      digest.update(first, 0, 32);
      digest.digest(out, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output buffer too small", e);
    }
  }

  /** Hashes the concatenation of two 32-byte values (a Merkle tree node). */
  public byte[] hashPair(byte[] left, byte[] right) {
    digest.update(left, 0, 32);
    digest.update(right, 0, 32);
    byte[] out = new byte[32];
    try {
      digest.digest(first, 0, 32);
      digest.update(first, 0, 32);
      digest.digest(out, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output buffer too small", e);
    }
    return out;
  }

  /** The double SHA-256 of {@code len} bytes at {@code off}, as a new array. */
  public byte[] hash(byte[] in, int off, int len) {
    byte[] out = new byte[32];
    hash(in, off, len, out);
    return out;
  }
}
