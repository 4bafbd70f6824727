package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import java.util.concurrent.ForkJoinPool;

/**
 * The state of a piece after phase 1 (main traces committed), kept by the prover until the bus
 * challenges are known. {@link #commitment()} is what the piece publishes.
 */
public final class MainPhase {
  final Air air;
  final long[] publicValues;
  long[][][] traces;
  /** The traces while packed ({@link #packTraces}); null otherwise. */
  private PackedTable[] packed;
  /** Whether {@link #traces} were unpacked here (and may go back to the pool). */
  private boolean ownsTraces;
  final int[] logHeights;
  long[][][] preLde;
  MerkleTree[] preTrees;
  long[][][] mainLde;
  MerkleTree[] mainTrees;
  private final byte[][] mainCaps;
  private final byte[][] preCaps;
  private final byte[] commitment;

  MainPhase(Air air, long[] publicValues, long[][][] traces, int[] logHeights, long[][][] preLde,
      MerkleTree[] preTrees, long[][][] mainLde, MerkleTree[] mainTrees, byte[] commitment) {
    this.air = air;
    this.publicValues = publicValues;
    this.traces = traces;
    this.logHeights = logHeights;
    this.preLde = preLde;
    this.preTrees = preTrees;
    this.mainLde = mainLde;
    this.mainTrees = mainTrees;
    this.commitment = commitment;
    this.mainCaps = new byte[mainTrees.length][];
    this.preCaps = new byte[preTrees.length][];
    for (int t = 0; t < mainTrees.length; t++) {
      mainCaps[t] = mainTrees[t].cap();
      preCaps[t] = preTrees[t] == null ? null : preTrees[t].cap();
    }
  }

  /**
   * Drops the low-degree extensions but keeps the main traces' Merkle trees (64 bytes an extension
   * row, leaf and inner node, against 8 bytes a column: about a tenth of a MIPS segment's
   * extension): {@link StarkProver#finish} extends the traces again but does not hash them again.
   * For runs of many segments held in one process; the columns go to {@link ColumnPool#shared()}.
   */
  public void releaseLowDegreeExtensions() {
    if (mainLde != null) {
      for (long[][] table : mainLde) {
        ColumnPool.shared().give(table);
      }
    }
    preLde = null;
    mainLde = null;
  }

  /**
   * Drops the low-degree extensions and the Merkle trees, keeping the traces and the trees' caps:
   * what a piece holds between the phases shrinks to its main traces, and {@link
   * StarkProver#finish} extends and commits the traces again (deterministically, to the same caps).
   * For runs of many segments held in one process. The extensions' columns go to {@link
   * ColumnPool#shared()}.
   */
  public void releaseExtensions() {
    releaseLowDegreeExtensions();
    preTrees = null;
    mainTrees = null;
  }

  /** Bytes the low-degree extensions and Merkle trees hold ({@link #releaseExtensions} frees them). */
  public long extensionBytes() {
    long bytes = 0;
    for (long[][][] ldes : new long[][][][] {preLde, mainLde}) {
      if (ldes != null) {
        for (long[][] table : ldes) {
          if (table != null) {
            for (long[] col : table) {
              bytes += 8L * col.length;
            }
          }
        }
      }
    }
    for (MerkleTree[] trees : new MerkleTree[][] {preTrees, mainTrees}) {
      if (trees != null) {
        for (MerkleTree t : trees) {
          bytes += t == null ? 0 : t.bytes();
        }
      }
    }
    return bytes;
  }

  /** See {@link StarkProver#packTraces}. */
  void packTraces(ForkJoinPool pool) {
    if (traces != null) {
      packed = new PackedTable[traces.length];
      for (int t = 0; t < traces.length; t++) {
        packed[t] = PackedTable.pack(traces[t], pool, ColumnPool.shared());
      }
      traces = null;
    }
  }

  /** The main traces, unpacked (into columns of the pool) if {@link #packTraces} packed them. */
  long[][][] traces(ForkJoinPool pool) {
    if (traces == null && packed != null) {
      long[][][] t = new long[packed.length][][];
      for (int i = 0; i < t.length; i++) {
        t[i] = packed[i].unpack(pool, ColumnPool.shared());
      }
      traces = t;
      packed = null;
      ownsTraces = true;
    }
    return traces;
  }

  /** Drops the traces; hands them to the pool when they were unpacked into its columns. */
  void releaseTraces() {
    if (ownsTraces) {
      for (long[][] t : traces) {
        ColumnPool.shared().give(t);
      }
    }
    traces = null;
    ownsTraces = false;
  }

  /** Bytes the main traces' Merkle trees hold. */
  public long mainTreeBytes() {
    long bytes = 0;
    for (MerkleTree t : mainTrees == null ? new MerkleTree[0] : mainTrees) {
      bytes += t == null ? 0 : t.bytes();
    }
    return bytes;
  }

  /** Whether {@link StarkProver#finish} has consumed this phase (it can be finished once). */
  public boolean finished() {
    return traces == null && packed == null;
  }

  /** The piece's main commitment digest ({@link MainCommitment}). */
  public byte[] commitment() {
    return commitment.clone();
  }

  byte[][] mainCaps() {
    byte[][] caps = new byte[mainCaps.length][];
    for (int t = 0; t < caps.length; t++) {
      caps[t] = mainCaps[t].clone();
    }
    return caps;
  }

  byte[][] preCaps() {
    byte[][] caps = new byte[preCaps.length][];
    for (int t = 0; t < caps.length; t++) {
      caps[t] = preCaps[t] == null ? null : preCaps[t].clone();
    }
    return caps;
  }
}
