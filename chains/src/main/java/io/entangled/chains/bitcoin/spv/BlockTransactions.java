package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.DoubleSha256;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the transaction ids of a serialized block (as {@code getblock HASH 0} returns it, segwit
 * included: a txid hashes the transaction without its witness) and computes the Merkle root.
 */
public final class BlockTransactions {
  private BlockTransactions() {}

  /**
   * The txids (internal byte order) of the block's transactions, in block order.
   *
   * @throws MalformedDataException when the block does not parse or has bytes left over
   */
  public static List<byte[]> txids(byte[] block) {
    ByteReader in = new ByteReader(block);
    in.skip(BitcoinHeader.SIZE, "header");
    long count = in.varInt("transaction count");
    if (count > block.length / 60 + 1) {
      throw new MalformedDataException("transaction count " + count + " exceeds the data");
    }
    DoubleSha256 sha = new DoubleSha256();
    List<byte[]> ids = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      byte[] stripped = strippedTransaction(in, block, "transaction " + i);
      ids.add(sha.hash(stripped, 0, stripped.length));
    }
    if (in.remaining() != 0) {
      throw new MalformedDataException(in.remaining() + " bytes follow the last transaction");
    }
    return ids;
  }

  /** The transaction at the reader's position serialized without witness data. */
  private static byte[] strippedTransaction(ByteReader in, byte[] block, String field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int start = in.position();
    in.skip(4, field + " version");
    out.write(block, start, 4);
    boolean segwit =
        in.remaining() >= 2 && block[in.position()] == 0 && block[in.position() + 1] == 1;
    if (segwit) {
      in.skip(2, field + " marker");
    }
    int bodyStart = in.position();
    long inputs = in.varInt(field + " input count");
    for (long i = 0; i < inputs; i++) {
      in.skip(36, field + " outpoint");
      in.skip(in.varInt(field + " script length"), field + " script");
      in.skip(4, field + " sequence");
    }
    long outputs = in.varInt(field + " output count");
    for (long i = 0; i < outputs; i++) {
      in.skip(8, field + " value");
      in.skip(in.varInt(field + " script length"), field + " script");
    }
    out.write(block, bodyStart, in.position() - bodyStart);
    if (segwit) {
      for (long i = 0; i < inputs; i++) {
        long items = in.varInt(field + " witness count");
        for (long j = 0; j < items; j++) {
          in.skip(in.varInt(field + " witness length"), field + " witness item");
        }
      }
    }
    int lockStart = in.position();
    in.skip(4, field + " lock time");
    out.write(block, lockStart, 4);
    return out.toByteArray();
  }

  /** Bitcoin's Merkle root (odd levels duplicate their last hash) of txids in internal order. */
  public static byte[] merkleRoot(List<byte[]> txids) {
    if (txids.isEmpty()) {
      throw new IllegalArgumentException("a block has at least one transaction");
    }
    DoubleSha256 sha = new DoubleSha256();
    List<byte[]> level = new ArrayList<>(txids);
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i < level.size(); i += 2) {
        byte[] left = level.get(i);
        next.add(sha.hashPair(left, i + 1 < level.size() ? level.get(i + 1) : left));
      }
      level = next;
    }
    return Arrays.copyOf(level.get(0), 32);
  }
}
