package io.entangled.zkvm.stark.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A SHA-256 Merkle tree over the rows of a column-major matrix (leaf = {@link LeafEncoding}),
 * internal node = SHA-256(left ‖ right), truncated at a cap of 2^capHeight nodes (cap height 0: the
 * root). Keeps every node for openings.
 */
public final class MerkleTree {
  private static final int HASH = 32;
  private final byte[][] levels;
  private final int logLeaves;
  private final int capHeight;

  /** Bytes of hashes the tree holds. */
  public long bytes() {
    long b = 0;
    for (byte[] level : levels) {
      b += level.length;
    }
    return b;
  }

  /** Builds from already computed levels: levels[0] leaf hashes, last level the cap. */
  public MerkleTree(byte[][] levels, int logLeaves, int capHeight) {
    this.levels = levels;
    this.logLeaves = logLeaves;
    this.capHeight = capHeight;
  }

  /** Commits the rows of columns (all of the same power-of-two length). */
  public static MerkleTree commit(long[][] columns, int capHeight, ForkJoinPool pool) {
    int n = columns[0].length;
    int log = Integer.numberOfTrailingZeros(n);
    int cap = Math.min(capHeight, log);
    byte[][] levels = new byte[log - cap + 1][];
    levels[0] = new byte[n * HASH];
    int chunk = Math.max(1, n / 256);
    run(pool, (n + chunk - 1) / chunk, c -> hashLeaves(columns, levels[0], c * chunk, Math.min(n, (c + 1) * chunk)));
    for (int l = 1; l < levels.length; l++) {
      byte[] below = levels[l - 1];
      int count = n >>> l;
      byte[] level = new byte[count * HASH];
      int ch = Math.max(1, count / 256);
      run(pool, (count + ch - 1) / ch, c -> hashNodes(below, level, c * ch, Math.min(count, (c + 1) * ch)));
      levels[l] = level;
    }
    return new MerkleTree(levels, log, cap);
  }

  private static void run(ForkJoinPool pool, int tasks, java.util.function.IntConsumer body) {
    if (pool == null || tasks == 1) {
      for (int i = 0; i < tasks; i++) {
        body.accept(i);
      }
    } else {
      pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
  }

  private static void hashLeaves(long[][] columns, byte[] out, int from, int to) {
    byte[] scratch = new byte[columns.length * 8];
    MessageDigest d = Sha256.digest();
    for (int r = from; r < to; r++) {
      LeafEncoding.hashRowInto(columns, r, scratch, d, out, r * HASH);
    }
  }

  private static void hashNodes(byte[] below, byte[] out, int from, int to) {
    MessageDigest d = Sha256.digest();
    for (int i = from; i < to; i++) {
      d.reset();
      d.update(below, 2 * i * HASH, 2 * HASH);
      try {
        d.digest(out, i * HASH, HASH);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public int logLeaves() {
    return logLeaves;
  }

  public int capHeight() {
    return capHeight;
  }

  /** The commitment: 2^capHeight nodes of 32 bytes, concatenated. */
  public byte[] cap() {
    return levels[levels.length - 1].clone();
  }

  public byte[] node(int level, int index) {
    byte[] out = new byte[HASH];
    System.arraycopy(levels[level], index * HASH, out, 0, HASH);
    return out;
  }

  /**
   * Sibling hashes proving the given leaves (sorted, distinct): level by level from the leaves, for
   * each index whose sibling is not itself known, the sibling, in increasing index order.
   */
  public List<byte[]> openBatch(int[] sortedIndices) {
    List<byte[]> proof = new ArrayList<>();
    int[] idx = sortedIndices.clone();
    int count = idx.length;
    for (int level = 0; level < levels.length - 1; level++) {
      int next = 0;
      for (int i = 0; i < count; i++) {
        int x = idx[i];
        if ((x & 1) == 0 && i + 1 < count && idx[i + 1] == (x | 1)) {
          i++;
        } else {
          proof.add(node(level, x ^ 1));
        }
        idx[next++] = x >>> 1;
      }
      count = next;
    }
    return proof;
  }
}
