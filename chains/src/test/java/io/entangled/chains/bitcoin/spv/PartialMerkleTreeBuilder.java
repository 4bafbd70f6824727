package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.DoubleSha256;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Test helper: builds a BIP37 partial Merkle tree for chosen leaves (the sender's side). */
final class PartialMerkleTreeBuilder {
  private final List<byte[]> txids;
  private final BitSet matches;
  private final DoubleSha256 sha = new DoubleSha256();
  private final List<byte[]> hashes = new ArrayList<>();
  private final List<Boolean> bits = new ArrayList<>();

  PartialMerkleTreeBuilder(List<byte[]> txids, BitSet matches) {
    this.txids = txids;
    this.matches = matches;
  }

  MerkleBlock build(byte[] header) {
    int height = 0;
    while (width(height) > 1) {
      height++;
    }
    walk(height, 0);
    byte[] flags = new byte[(bits.size() + 7) / 8];
    for (int i = 0; i < bits.size(); i++) {
      if (bits.get(i)) {
        flags[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return new MerkleBlock(header, txids.size(), hashes, flags);
  }

  private int width(int height) {
    return (txids.size() + (1 << height) - 1) >> height;
  }

  private byte[] hash(int height, int pos) {
    if (height == 0) {
      return txids.get(pos);
    }
    byte[] left = hash(height - 1, pos * 2);
    byte[] right = pos * 2 + 1 < width(height - 1) ? hash(height - 1, pos * 2 + 1) : left;
    return sha.hashPair(left, right);
  }

  private void walk(int height, int pos) {
    boolean parentOfMatch = false;
    for (int p = pos << height; p < (pos + 1) << height && p < txids.size(); p++) {
      parentOfMatch |= matches.get(p);
    }
    bits.add(parentOfMatch);
    if (height == 0 || !parentOfMatch) {
      hashes.add(hash(height, pos));
    } else {
      walk(height - 1, pos * 2);
      if (pos * 2 + 1 < width(height - 1)) {
        walk(height - 1, pos * 2 + 1);
      }
    }
  }
}
