package io.entangled.chains.ethereum.trie;

import io.entangled.chains.ethereum.rlp.RlpItem;

/** Nibble paths and the hex-prefix encoding of trie node paths (Yellow Paper, appendix C). */
final class Nibbles {
  private Nibbles() {}

  /** The key's nibbles, high nibble of each byte first. */
  static byte[] of(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  /** Hex-prefix encoding of {@code nibbles[from..to)} with the leaf flag. */
  static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
    int n = to - from;
    boolean odd = (n & 1) == 1;
    byte[] out = new byte[n / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int i = from;
    if (odd) {
      out[0] = (byte) ((flag << 4) | nibbles[i++]);
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int j = 1; j < out.length; j++) {
      out[j] = (byte) ((nibbles[i] << 4) | nibbles[i + 1]);
      i += 2;
    }
    return out;
  }

  /** A decoded hex-prefix path. */
  record Path(boolean leaf, byte[] nibbles) {}

  /** Decodes a hex-prefix path, rejecting unknown flags and a non-zero pad nibble. */
  static Path decodeHexPrefix(RlpItem encoded) {
    if (encoded.isList() || encoded.length() == 0) {
      throw new InvalidProofException("malformed-node", "node path is not a non-empty string");
    }
    byte[] raw = encoded.bytes();
    int flag = (raw[0] >> 4) & 0x0f;
    if (flag > 3) {
      throw new InvalidProofException("malformed-node", "hex-prefix flag " + flag + " is not 0..3");
    }
    boolean odd = (flag & 1) == 1;
    if (!odd && (raw[0] & 0x0f) != 0) {
      throw new InvalidProofException("malformed-node", "even hex-prefix path with a non-zero pad");
    }
    byte[] all = of(raw);
    int skip = odd ? 1 : 2;
    byte[] path = new byte[all.length - skip];
    System.arraycopy(all, skip, path, 0, path.length);
    return new Path(flag >= 2, path);
  }
}
