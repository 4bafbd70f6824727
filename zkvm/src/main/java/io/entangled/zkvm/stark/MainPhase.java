package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.merkle.MerkleTree;

/**
 * The state of a piece after phase 1 (main traces committed), kept by the prover until the bus
 * challenges are known. {@link #commitment()} is what the piece publishes.
 */
public final class MainPhase {
  final Air air;
  final long[] publicValues;
  long[][][] traces;
  final int[] logHeights;
  long[][][] preLde;
  final MerkleTree[] preTrees;
  long[][][] mainLde;
  final MerkleTree[] mainTrees;
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
  }

  /**
   * Drops the low-degree extensions, keeping the traces and the Merkle trees: what a piece holds
   * between the phases shrinks by the blowup factor, and {@link StarkProver#finish} extends the
   * traces again (one more LDE per column). For runs of many segments held in one process.
   */
  public void releaseExtensions() {
    preLde = null;
    mainLde = null;
  }

  /** Whether {@link StarkProver#finish} has consumed this phase (it can be finished once). */
  public boolean finished() {
    return traces == null;
  }

  /** The piece's main commitment digest ({@link MainCommitment}). */
  public byte[] commitment() {
    return commitment.clone();
  }

  byte[][] mainCaps() {
    byte[][] caps = new byte[mainTrees.length][];
    for (int t = 0; t < caps.length; t++) {
      caps[t] = mainTrees[t].cap();
    }
    return caps;
  }

  byte[][] preCaps() {
    byte[][] caps = new byte[preTrees.length][];
    for (int t = 0; t < caps.length; t++) {
      caps[t] = preTrees[t] == null ? null : preTrees[t].cap();
    }
    return caps;
  }
}
