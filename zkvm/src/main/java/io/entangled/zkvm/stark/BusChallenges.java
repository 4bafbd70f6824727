package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
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
   * Σ 1/(α − h(tuple)) over n tuples of {@code arity} values stored one after another in {@code
   * flat}: {@link #sumOfInverses(List)} of their {@link #denominator}s, in primitive arithmetic
   * (for the verifier's large contributions, such as a program's initial memory image).
   */
  public Ext sumOfInverses(int bus, long[] flat, int arity) {
    int n = flat.length / arity;
    if (n == 0) {
      return Ext.ZERO;
    }
    long[] pw0 = new long[arity];
    long[] pw1 = new long[arity];
    Ext power = beta;
    for (int i = 0; i < arity; i++) {
      pw0[i] = power.c0();
      pw1[i] = power.c1();
      power = power.mul(beta);
    }
    long[] d0 = new long[n];
    long[] d1 = new long[n];
    long[] p0 = new long[n];
    long[] p1 = new long[n];
    long acc0 = 1;
    long acc1 = 0;
    for (int k = 0; k < n; k++) {
      long h0 = bus;
      long h1 = 0;
      for (int i = 0; i < arity; i++) {
        long v = flat[k * arity + i];
        h0 = Goldilocks.add(h0, Goldilocks.mul(pw0[i], v));
        h1 = Goldilocks.add(h1, Goldilocks.mul(pw1[i], v));
      }
      long e0 = Goldilocks.sub(alpha.c0(), h0);
      long e1 = Goldilocks.sub(alpha.c1(), h1);
      d0[k] = e0;
      d1[k] = e1;
      p0[k] = acc0;
      p1[k] = acc1;
      long t = Ext2.mul0(acc0, acc1, e0, e1);
      acc1 = Ext2.mul1(acc0, acc1, e0, e1);
      acc0 = t;
    }
    Ext inv = new Ext(acc0, acc1).inv();
    long i0 = inv.c0();
    long i1 = inv.c1();
    long s0 = 0;
    long s1 = 0;
    for (int k = n - 1; k >= 0; k--) {
      s0 = Goldilocks.add(s0, Ext2.mul0(i0, i1, p0[k], p1[k]));
      s1 = Goldilocks.add(s1, Ext2.mul1(i0, i1, p0[k], p1[k]));
      long t = Ext2.mul0(i0, i1, d0[k], d1[k]);
      i1 = Ext2.mul1(i0, i1, d0[k], d1[k]);
      i0 = t;
    }
    return new Ext(s0, s1);
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
