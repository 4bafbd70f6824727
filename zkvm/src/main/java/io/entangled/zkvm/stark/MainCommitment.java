package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.proof.ProofCodec;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.io.ByteArrayOutputStream;

/**
 * What a piece publishes after phase 1: SHA-256 over "main" ‖ parameters ‖ AIR digest ‖ public
 * values hash ‖ per table (log height, main cap). Pieces' commitments feed {@link BusChallenges}.
 */
public final class MainCommitment {
  private MainCommitment() {}

  public static byte[] digest(StarkParameters params, byte[] airDigest, byte[] publicValuesHash,
      int[] logHeights, byte[][] mainCaps) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("main".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.writeBytes(ProofCodec.parameterBytes(params));
    b.writeBytes(airDigest);
    b.writeBytes(publicValuesHash);
    for (int t = 0; t < logHeights.length; t++) {
      b.write(logHeights[t]);
      b.writeBytes(mainCaps[t]);
    }
    return io.entangled.zkvm.stark.merkle.Sha256.hash(b.toByteArray());
  }

  static byte[] digest(Air air, StarkParameters params, long[] publicValues, int[] logHeights,
      byte[][] mainCaps) {
    return digest(params, air.digest(), ProofCodec.publicValuesHash(publicValues), logHeights,
        mainCaps);
  }
}
