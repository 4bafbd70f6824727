package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.proof.ProofCodec;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.stark.transcript.Transcript;

/** Steps shared by prover and verifier so that both absorb exactly the same bytes. */
final class Protocol {
  static final String DOMAIN = "entangled-stark-v1/piece";

  private Protocol() {}

  static Transcript start(StarkParameters params, byte[] airDigest, long[] publicValues,
      int[] logHeights, byte[][] preCaps, byte[][] mainCaps, BusChallenges bus) {
    Transcript t = new Transcript(DOMAIN);
    t.absorb(ProofCodec.parameterBytes(params));
    t.absorb(airDigest);
    t.absorbLongs(publicValues.length);
    t.absorbLongs(publicValues);
    for (int i = 0; i < logHeights.length; i++) {
      t.absorbLongs(logHeights[i]);
      t.absorb(preCaps[i] == null ? new byte[0] : preCaps[i]);
      t.absorb(mainCaps[i]);
    }
    t.absorbExt(bus.alpha(), bus.beta());
    return t;
  }

  static int logLde(int logHeight, StarkParameters p) {
    return logHeight + p.logBlowup();
  }

  /** The point of LDE row i of a table whose LDE has size 2^logM. */
  static long point(int logM, int i) {
    return Goldilocks.mul(Goldilocks.cosetShift(logM), Goldilocks.pow(Goldilocks.rootOfUnity(logM), i));
  }

  static Ext[] gammaPowers(Ext gamma, int count) {
    Ext[] out = new Ext[count];
    Ext g = Ext.ONE;
    for (int i = 0; i < count; i++) {
      out[i] = g;
      g = g.mul(gamma);
    }
    return out;
  }

  static int[] distinctSorted(int[] queries, int logSize) {
    return java.util.Arrays.stream(queries).map(q -> q & ((1 << logSize) - 1)).distinct().sorted()
        .toArray();
  }

  static byte[] airDigest(Air air) {
    return air.digest();
  }
}
