package io.entangled.chains.bitcoin;

import java.util.Arrays;

/**
 * A parsed 80-byte block header. Hashes are kept in internal byte order (as serialized); {@link
 * #hashHex()} and friends give the display order that RPC and explorers print.
 *
 * @param version block version
 * @param prevHash parent's hash, internal order
 * @param merkleRoot Merkle root of the transactions, internal order
 * @param time block time, seconds since the Unix epoch (unsigned 32-bit)
 * @param bits compact target
 * @param nonce nonce (unsigned 32-bit)
 * @param hash double-SHA256 of the 80 bytes, internal order
 */
public record BitcoinHeader(
    int version, byte[] prevHash, byte[] merkleRoot, long time, int bits, long nonce, byte[] hash) {

  /** Serialized size. */
  public static final int SIZE = 80;

  /**
   * Parses the 80 bytes at {@code off}.
   *
   * @throws IllegalArgumentException when fewer than 80 bytes are there
   */
  public static BitcoinHeader parse(byte[] raw, int off) {
    if (raw == null || off < 0 || raw.length - off < SIZE) {
      throw new IllegalArgumentException("a block header is 80 bytes");
    }
    return new BitcoinHeader(
        Bytes.intLe(raw, off),
        Arrays.copyOfRange(raw, off + 4, off + 36),
        Arrays.copyOfRange(raw, off + 36, off + 68),
        Integer.toUnsignedLong(Bytes.intLe(raw, off + 68)),
        Bytes.intLe(raw, off + 72),
        Integer.toUnsignedLong(Bytes.intLe(raw, off + 76)),
        new DoubleSha256().hash(raw, off, SIZE));
  }

  /**
   * Parses exactly 80 bytes.
   *
   * @throws IllegalArgumentException when {@code raw} is not 80 bytes long
   */
  public static BitcoinHeader parse(byte[] raw) {
    if (raw == null || raw.length != SIZE) {
      throw new IllegalArgumentException(
          "a block header is 80 bytes, got " + (raw == null ? 0 : raw.length));
    }
    return parse(raw, 0);
  }

  /** Serializes header fields (hashes in internal order). */
  public static byte[] encode(
      int version, byte[] prevHash, byte[] merkleRoot, long time, int bits, long nonce) {
    byte[] out = new byte[SIZE];
    Bytes.putIntLe(out, 0, version);
    System.arraycopy(prevHash, 0, out, 4, 32);
    System.arraycopy(merkleRoot, 0, out, 36, 32);
    Bytes.putIntLe(out, 68, (int) time);
    Bytes.putIntLe(out, 72, bits);
    Bytes.putIntLe(out, 76, (int) nonce);
    return out;
  }

  /** The 80 bytes again. */
  public byte[] serialize() {
    return encode(version, prevHash, merkleRoot, time, bits, nonce);
  }

  /** Block hash in display order (reversed), as hex. */
  public String hashHex() {
    return Bytes.hex(Bytes.reversed(hash));
  }

  /** Parent hash in display order, as hex. */
  public String prevHashHex() {
    return Bytes.hex(Bytes.reversed(prevHash));
  }

  /** Merkle root in display order, as hex. */
  public String merkleRootHex() {
    return Bytes.hex(Bytes.reversed(merkleRoot));
  }
}
