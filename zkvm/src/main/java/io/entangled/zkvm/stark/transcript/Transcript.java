package io.entangled.zkvm.stark.transcript;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Fiat–Shamir transcript as a SHA-256 hash chain over a 32-byte state (see STARK.md):
 *
 * <ul>
 *   <li>start: state = SHA-256(ASCII domain separator)
 *   <li>absorb(d): state = SHA-256(0x00 ‖ state ‖ u32be(len d) ‖ d)
 *   <li>squeeze: state = SHA-256(0x01 ‖ state); the 32 new state bytes are the output
 *   <li>field element: first 8 bytes of a squeeze, big-endian, squeezing again while ≥ p
 *   <li>proof of work: nonce valid iff SHA-256(0x02 ‖ state ‖ u64be(nonce)) starts with the given
 *       number of zero bits; the nonce is then absorbed as 8 bytes big-endian
 * </ul>
 */
public final class Transcript {
  private byte[] state;

  public Transcript(String domainSeparator) {
    state = Sha256.hash(domainSeparator.getBytes(StandardCharsets.US_ASCII));
  }

  private Transcript(byte[] state) {
    this.state = state;
  }

  public Transcript copy() {
    return new Transcript(state.clone());
  }

  public byte[] state() {
    return state.clone();
  }

  public void absorb(byte[] data) {
    MessageDigest d = Sha256.digest();
    d.update((byte) 0);
    d.update(state);
    byte[] len = new byte[4];
    len[0] = (byte) (data.length >>> 24);
    len[1] = (byte) (data.length >>> 16);
    len[2] = (byte) (data.length >>> 8);
    len[3] = (byte) data.length;
    d.update(len);
    d.update(data);
    state = d.digest();
  }

  public void absorbLongs(long... values) {
    byte[] buf = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      LeafEncoding.putLong(buf, i * 8, values[i]);
    }
    absorb(buf);
  }

  public void absorbExt(Ext... values) {
    long[] flat = new long[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      flat[2 * i] = values[i].c0();
      flat[2 * i + 1] = values[i].c1();
    }
    absorbLongs(flat);
  }

  public byte[] squeeze() {
    MessageDigest d = Sha256.digest();
    d.update((byte) 1);
    d.update(state);
    state = d.digest();
    return state.clone();
  }

  public long challengeBase() {
    while (true) {
      long v = readLong(squeeze(), 0);
      if (Goldilocks.isCanonical(v)) {
        return v;
      }
    }
  }

  public Ext challengeExt() {
    long c0 = challengeBase();
    return new Ext(c0, challengeBase());
  }

  /** count indices in [0, 2^logSize), four per squeeze (8 bytes each, big-endian, masked). */
  public int[] sampleIndices(int count, int logSize) {
    int[] out = new int[count];
    long mask = (1L << logSize) - 1;
    byte[] block = null;
    for (int i = 0; i < count; i++) {
      if (i % 4 == 0) {
        block = squeeze();
      }
      out[i] = (int) (readLong(block, (i % 4) * 8) & mask);
    }
    return out;
  }

  /** Finds the smallest nonce meeting the proof-of-work, absorbs it and returns it. */
  public long grind(int bits) {
    long nonce = 0;
    while (!powValid(nonce, bits)) {
      nonce++;
    }
    absorbLongs(nonce);
    return nonce;
  }

  /** Checks a nonce and absorbs it; returns whether it met the proof-of-work. */
  public boolean checkPow(long nonce, int bits) {
    boolean ok = powValid(nonce, bits);
    absorbLongs(nonce);
    return ok;
  }

  private boolean powValid(long nonce, int bits) {
    if (bits == 0) {
      return true;
    }
    MessageDigest d = Sha256.digest();
    d.update((byte) 2);
    d.update(state);
    byte[] n = new byte[8];
    LeafEncoding.putLong(n, 0, nonce);
    d.update(n);
    long head = readLong(d.digest(), 0);
    return Long.numberOfLeadingZeros(head) >= bits;
  }

  public static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }
}
