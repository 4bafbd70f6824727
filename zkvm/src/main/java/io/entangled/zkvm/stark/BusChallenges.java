package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.transcript.Transcript;
import java.util.List;

/**
 * The LogUp challenges α (challenge 0) and β (challenge 1), drawn from a transcript of the main-trace
 * commitments of every piece sharing the buses, in order, plus optional context bytes (e.g. a
 * program commitment).
 */
public record BusChallenges(Ext alpha, Ext beta) {

  public static BusChallenges derive(List<byte[]> pieceCommitments, byte[] context) {
    Transcript t = new Transcript("entangled-stark-v1/logup");
    t.absorb(context);
    t.absorbLongs(pieceCommitments.size());
    pieceCommitments.forEach(t::absorb);
    Ext alpha = t.challengeExt();
    return new BusChallenges(alpha, t.challengeExt());
  }

  /** For a proof that is its own only piece. */
  public static BusChallenges single(byte[] commitment) {
    return derive(List.of(commitment), new byte[0]);
  }

  /**
   * The LogUp term multiplicity / (α − h) of a tuple, h = bus + Σ_j β^(j+1)·values[j]: what a
   * verifier adds (negated, for the receiving side) for bus contributions it computes itself.
   */
  public Ext term(int bus, long multiplicity, long... values) {
    return denominator(bus, values).inv().mul(multiplicity);
  }

  /** α − h of a tuple: the denominator of its LogUp term. */
  public Ext denominator(int bus, long... values) {
    Ext h = Ext.of(bus);
    Ext power = beta;
    for (long v : values) {
      h = h.add(power.mul(v));
      power = power.mul(beta);
    }
    return alpha.sub(h);
  }

  /**
   * Σ 1/d over many denominators with one inversion (Montgomery's batch trick): the verifier's own
   * contribution of many tuples of multiplicity 1 (an initial memory image, public values).
   */
  public static Ext sumOfInverses(List<Ext> denominators) {
    if (denominators.isEmpty()) {
      return Ext.ZERO;
    }
    Ext[] prefix = new Ext[denominators.size()];
    Ext acc = Ext.ONE;
    for (int i = 0; i < denominators.size(); i++) {
      prefix[i] = acc;
      acc = acc.mul(denominators.get(i));
    }
    Ext inv = acc.inv();
    Ext sum = Ext.ZERO;
    for (int i = denominators.size() - 1; i >= 0; i--) {
      sum = sum.add(inv.mul(prefix[i]));
      inv = inv.mul(denominators.get(i));
    }
    return sum;
  }

  Ext[] asArray() {
    return new Ext[] {alpha, beta};
  }
}
