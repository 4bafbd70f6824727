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
  final long[][][] traces;
  final int[] logHeights;
  final long[][][] preLde;
  final MerkleTree[] preTrees;
  final long[][][] mainLde;
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
