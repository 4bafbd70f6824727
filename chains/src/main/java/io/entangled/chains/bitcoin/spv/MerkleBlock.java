package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A BIP37 {@code merkleblock} as Bitcoin Core's {@code gettxoutproof} returns it: the block header,
 * the block's transaction count, and a partial Merkle tree (hashes in depth-first order and flag
 * bits, least significant bit first).
 *
 * @param header the 80-byte header
 * @param totalTransactions transactions in the block, as the proof claims
 * @param hashes the tree's hashes, internal byte order
 * @param flags the flag bytes
 */
public record MerkleBlock(
    byte[] header, long totalTransactions, List<byte[]> hashes, byte[] flags) {

  public MerkleBlock {
    header = header.clone();
    hashes = hashes.stream().map(byte[]::clone).toList();
    flags = flags.clone();
  }

  /**
   * Parses the serialized merkleblock; nothing may follow it.
   *
   * @throws MalformedDataException naming the field that is truncated or malformed
   */
  public static MerkleBlock parse(byte[] data) {
    ByteReader in = new ByteReader(data);
    byte[] header = in.bytes(BitcoinHeader.SIZE, "header");
    long total = in.uint32("transaction count");
    long hashCount = in.varInt("hash count");
    if (hashCount > in.remaining() / 32) {
      throw new MalformedDataException("hash count " + hashCount + " exceeds the data");
    }
    List<byte[]> hashes = new ArrayList<>((int) hashCount);
    for (long i = 0; i < hashCount; i++) {
      hashes.add(in.bytes(32, "hash " + i));
    }
    long flagBytes = in.varInt("flag byte count");
    if (flagBytes > in.remaining()) {
      throw new MalformedDataException("flag byte count " + flagBytes + " exceeds the data");
    }
    byte[] flags = in.bytes((int) flagBytes, "flags");
    if (in.remaining() != 0) {
      throw new MalformedDataException(in.remaining() + " bytes follow the merkleblock");
    }
    return new MerkleBlock(header, total, hashes, flags);
  }

  /** Serializes it again (for building and tampering with proofs). */
  public byte[] serialize() {
    int hashVar = varIntSize(hashes.size());
    int flagVar = varIntSize(flags.length);
    byte[] out = new byte[80 + 4 + hashVar + 32 * hashes.size() + flagVar + flags.length];
    System.arraycopy(header, 0, out, 0, 80);
    Bytes.putIntLe(out, 80, (int) totalTransactions);
    int pos = writeVarInt(out, 84, hashes.size());
    for (byte[] h : hashes) {
      System.arraycopy(h, 0, out, pos, 32);
      pos += 32;
    }
    pos = writeVarInt(out, pos, flags.length);
    System.arraycopy(flags, 0, out, pos, flags.length);
    return out;
  }

  private static int varIntSize(long n) {
    return n < 0xfd ? 1 : n <= 0xffff ? 3 : 5;
  }

  private static int writeVarInt(byte[] out, int pos, long n) {
    if (n < 0xfd) {
      out[pos] = (byte) n;
      return pos + 1;
    }
    if (n <= 0xffff) {
      out[pos] = (byte) 0xfd;
      out[pos + 1] = (byte) n;
      out[pos + 2] = (byte) (n >>> 8);
      return pos + 3;
    }
    out[pos] = (byte) 0xfe;
    Bytes.putIntLe(out, pos + 1, (int) n);
    return pos + 5;
  }

  @Override
  public byte[] header() {
    return header.clone();
  }

  @Override
  public byte[] flags() {
    return flags.clone();
  }
}
