package io.entangled.zkvm.stark.proof;

/**
 * The FRI schedule for a largest LDE of size 2^logLdeSize: fold from degree < 2^(logLde − logBlowup)
 * down to < 2^logFinalDegree in committed layers of arity 2^arityBits (the last may be smaller).
 */
public record FriLayout(int logLdeSize, int[] arityBits, int logFinalDegree) {

  public static FriLayout of(StarkParameters p, int logLdeSize) {
    int logDegree = logLdeSize - p.logBlowup();
    int finalDeg = Math.min(p.logFinalDegree(), logDegree);
    int folds = logDegree - finalDeg;
    int layers = (folds + p.arityBits() - 1) / p.arityBits();
    int[] arity = new int[layers];
    for (int l = 0; l < layers; l++) {
      arity[l] = Math.min(p.arityBits(), folds - l * p.arityBits());
    }
    return new FriLayout(logLdeSize, arity, finalDeg);
  }

  public int layerCount() {
    return arityBits.length;
  }

  public int layerArityBits(int layer) {
    return arityBits[layer];
  }

  /** log2 of the evaluation count of layer l (layer 0 is the DEEP composition). */
  public int layerLogSize(int layer) {
    int s = logLdeSize;
    for (int i = 0; i < layer; i++) {
      s -= arityBits[i];
    }
    return s;
  }

  public int finalLogSize() {
    return layerLogSize(arityBits.length);
  }
}
