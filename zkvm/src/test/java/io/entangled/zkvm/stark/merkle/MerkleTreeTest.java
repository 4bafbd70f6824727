package io.entangled.zkvm.stark.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  static long[][] matrix(int log, int width) {
    long[][] cols = new long[width][1 << log];
    for (int c = 0; c < width; c++) {
      for (int r = 0; r < cols[c].length; r++) {
        cols[c][r] = r * 31L + c;
      }
    }
    return cols;
  }

  static long[] row(long[][] cols, int r) {
    long[] out = new long[cols.length];
    for (int c = 0; c < cols.length; c++) {
      out[c] = cols[c][r];
    }
    return out;
  }

  @Test
  void rootOfTwoLeavesIsHashOfLeafHashes() {
    long[][] cols = matrix(1, 2);
    MerkleTree t = MerkleTree.commit(cols, 0, null);
    byte[] expected = Sha256.compress(LeafEncoding.hashValues(row(cols, 0)), LeafEncoding.hashValues(row(cols, 1)));
    assertThat(t.cap()).isEqualTo(expected);
  }

  @Property(tries = 60)
  void batchOpeningsVerifyAndTamperedOnesFail(@ForAll @IntRange(min = 0, max = 8) int log,
      @ForAll @IntRange(min = 0, max = 3) int cap, @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 255) Integer> picks) {
    long[][] cols = matrix(log, 3);
    MerkleTree tree = MerkleTree.commit(cols, cap, null);
    TreeSet<Integer> set = new TreeSet<>();
    picks.forEach(p -> set.add(p & ((1 << log) - 1)));
    int[] idx = set.stream().mapToInt(Integer::intValue).toArray();
    byte[][] leaves = new byte[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      leaves[i] = LeafEncoding.hashValues(row(cols, idx[i]));
    }
    List<byte[]> proof = tree.openBatch(idx);
    assertThat(MerkleVerifier.verifyBatch(tree.cap(), log, cap, idx, leaves, proof)).isTrue();
    leaves[0] = LeafEncoding.hashValues(new long[] {1, 2, 3});
    assertThat(MerkleVerifier.verifyBatch(tree.cap(), log, cap, idx, leaves, proof)).isFalse();
  }

  @Test
  void siblingsAreDeduplicatedAndExtraNodesRejected() {
    long[][] cols = matrix(4, 1);
    MerkleTree tree = MerkleTree.commit(cols, 0, null);
    int[] idx = {2, 3};
    List<byte[]> proof = tree.openBatch(idx);
    assertThat(proof).hasSize(3);
    byte[][] leaves = {LeafEncoding.hashValues(row(cols, 2)), LeafEncoding.hashValues(row(cols, 3))};
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(new byte[32]);
    assertThat(MerkleVerifier.verifyBatch(tree.cap(), 4, 0, idx, leaves, longer)).isFalse();
    assertThat(MerkleVerifier.verifyBatch(tree.cap(), 4, 0, idx, leaves, proof)).isTrue();
  }
}
