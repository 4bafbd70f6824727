package io.entangled.zkvm.stark.fri;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.ProvingException;
import io.entangled.zkvm.stark.backend.ProverBackend;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import io.entangled.zkvm.stark.proof.FriLayout;
import io.entangled.zkvm.stark.proof.TreeOpening;
import io.entangled.zkvm.stark.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * FRI commit phase over the DEEP composition (extension values on the largest LDE coset) and the
 * query phase. Layer leaf r of a layer of size L and arity a holds the a values at r + j·L/a.
 */
public final class FriProver {
  private final FriLayout layout;
  private final List<MerkleTree> trees = new ArrayList<>();
  private final List<long[][]> leafColumns = new ArrayList<>();
  private final List<byte[]> caps = new ArrayList<>();
  private Ext[] finalPolynomial;

  public FriProver(FriLayout layout) {
    this.layout = layout;
  }

  /** Commits all layers, absorbing each cap and drawing its β, then absorbs the final polynomial. */
  public void commit(long[] c0, long[] c1, Transcript transcript, ProverBackend backend, int capHeight,
      boolean checkDegree, ForkJoinPool pool) {
    long[] v0 = c0;
    long[] v1 = c1;
    long shift = Goldilocks.cosetShift(layout.logLdeSize());
    for (int l = 0; l < layout.layerCount(); l++) {
      int arity = 1 << layout.layerArityBits(l);
      long[][] cols = leafColumns(v0, v1, arity);
      MerkleTree tree = backend.commitRows(cols, capHeight);
      trees.add(tree);
      leafColumns.add(cols);
      caps.add(tree.cap());
      transcript.absorb(tree.cap());
      Ext beta = transcript.challengeExt();
      for (int k = 0; k < layout.layerArityBits(l); k++) {
        long[][] folded = backend.friFold(v0, v1, shift, beta);
        if (v0 != c0) {
          ColumnPool.shared().give(v0);
          ColumnPool.shared().give(v1);
        }
        v0 = folded[0];
        v1 = folded[1];
        shift = Goldilocks.mul(shift, shift);
        beta = beta.square();
      }
    }
    long[][] coeffs = backend.interpolateCoset(new long[][] {v0, v1}, shift);
    if (v0 != c0) {
      ColumnPool.shared().give(v0);
      ColumnPool.shared().give(v1);
    }
    int degree = 1 << layout.logFinalDegree();
    for (int i = degree; checkDegree && i < coeffs[0].length; i++) {
      if (coeffs[0][i] != 0 || coeffs[1][i] != 0) {
        throw new ProvingException("FRI final polynomial exceeds its degree bound");
      }
    }
    finalPolynomial = new Ext[degree];
    long[] flat = new long[2 * degree];
    for (int i = 0; i < degree; i++) {
      finalPolynomial[i] = new Ext(coeffs[0][i], coeffs[1][i]);
      flat[2 * i] = coeffs[0][i];
      flat[2 * i + 1] = coeffs[1][i];
    }
    ColumnPool.shared().give(coeffs);
    transcript.absorbLongs(flat);
  }

  private static long[][] leafColumns(long[] v0, long[] v1, int arity) {
    int rows = v0.length / arity;
    long[][] cols = new long[2 * arity][];
    for (int j = 0; j < arity; j++) {
      cols[2 * j] = ColumnPool.shared().take(rows);
      cols[2 * j + 1] = ColumnPool.shared().take(rows);
      System.arraycopy(v0, j * rows, cols[2 * j], 0, rows);
      System.arraycopy(v1, j * rows, cols[2 * j + 1], 0, rows);
    }
    return cols;
  }

  public List<byte[]> caps() {
    return caps;
  }

  public Ext[] finalPolynomial() {
    return finalPolynomial;
  }

  /** Openings of every layer for queries into the largest domain. */
  public List<TreeOpening> open(int[] queries) {
    List<TreeOpening> out = new ArrayList<>();
    int[] q = queries.clone();
    for (int l = 0; l < trees.size(); l++) {
      int logLeaves = layout.layerLogSize(l) - layout.layerArityBits(l);
      for (int i = 0; i < q.length; i++) {
        q[i] &= (1 << logLeaves) - 1;
      }
      int[] idx = java.util.Arrays.stream(q).distinct().sorted().toArray();
      long[][] cols = leafColumns.get(l);
      long[][] rows = new long[idx.length][cols.length];
      for (int r = 0; r < idx.length; r++) {
        for (int c = 0; c < cols.length; c++) {
          rows[r][c] = cols[c][idx[r]];
        }
      }
      out.add(new TreeOpening(rows, trees.get(l).openBatch(idx)));
    }
    return out;
  }

  /** Hands the layers' columns to {@link ColumnPool#shared()}: call after {@link #open}, once. */
  public void release() {
    for (long[][] cols : leafColumns) {
      ColumnPool.shared().give(cols);
    }
    leafColumns.clear();
  }
}
