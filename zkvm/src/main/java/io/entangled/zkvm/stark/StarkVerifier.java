package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.PointEvaluator;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.backend.FriFolding;
import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.MerkleVerifier;
import io.entangled.zkvm.stark.proof.FriLayout;
import io.entangled.zkvm.stark.proof.ProofCodec;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.stark.proof.StarkProof;
import io.entangled.zkvm.stark.proof.TableProof;
import io.entangled.zkvm.stark.proof.TreeOpening;
import io.entangled.zkvm.stark.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies proofs of an {@link Air}. Never throws on proof bytes: every failure is a rejected
 * {@link VerificationResult} with a reason. Proofs whose conjectured security is below the floor
 * given to the constructor are refused.
 */
public final class StarkVerifier {
  private static final Ext U = new Ext(0, 1);
  private final int minSecurityBits;

  public StarkVerifier(int minSecurityBits) {
    this.minSecurityBits = minSecurityBits;
  }

  /** A self-contained proof: its buses must cancel (plus the verifier's own contributions). */
  public VerificationResult verify(Air air, byte[] proof,
      Function<BusChallenges, Map<Integer, Ext>> verifierBusSums) {
    byte[] commitment;
    try {
      commitment = pieceCommitment(air, proof);
    } catch (RuntimeException e) {
      return VerificationResult.reject("malformed proof: " + e.getMessage());
    }
    return verifyPieces(List.of(air), List.of(proof), new byte[0], verifierBusSums, commitment);
  }

  public VerificationResult verify(Air air, byte[] proof) {
    return verify(air, proof, ch -> Map.of());
  }

  /** As {@link #verify(Air, byte[])}, and the proof's public values must equal the expected ones. */
  public VerificationResult verify(Air air, byte[] proof, long[] expectedPublicValues) {
    try {
      if (!Arrays.equals(ProofCodec.decode(proof, air).publicValues(), expectedPublicValues)) {
        return VerificationResult.reject("publicValues: differ from the expected public values");
      }
    } catch (RuntimeException e) {
      return VerificationResult.reject("malformed proof: " + e.getMessage());
    }
    return verify(air, proof);
  }

  /**
   * Pieces sharing buses: challenges come from all pieces' main commitments (and context); every
   * piece must verify and, per bus, the pieces' sums plus the sums the verifier computes itself from
   * the challenges (e.g. the public-values side of a bus) must be zero.
   */
  public VerificationResult verifyPieces(List<Air> airs, List<byte[]> proofs, byte[] context,
      Function<BusChallenges, Map<Integer, Ext>> verifierBusSums) {
    return verifyPieces(airs, proofs, context, verifierBusSums, null);
  }

  private VerificationResult verifyPieces(List<Air> airs, List<byte[]> proofs, byte[] context,
      Function<BusChallenges, Map<Integer, Ext>> verifierBusSums, byte[] single) {
    if (airs.size() != proofs.size() || proofs.isEmpty()) {
      return VerificationResult.reject("pieces: one AIR per proof, at least one proof");
    }
    List<byte[]> commitments = new ArrayList<>();
    for (int i = 0; i < proofs.size(); i++) {
      try {
        commitments.add(pieceCommitment(airs.get(i), proofs.get(i)));
      } catch (RuntimeException e) {
        return VerificationResult.reject("piece " + i + ": malformed proof: " + e.getMessage());
      }
    }
    BusChallenges bus = single != null ? BusChallenges.single(single)
        : BusChallenges.derive(commitments, context);
    Ext total = Ext.ZERO;
    for (Ext s : verifierBusSums.apply(bus).values()) {
      total = total.add(s);
    }
    for (int i = 0; i < proofs.size(); i++) {
      VerificationResult r = verifyPiece(airs.get(i), proofs.get(i), bus);
      if (!r.accepted()) {
        return VerificationResult.reject(proofs.size() == 1 ? r.reason() : "piece " + i + ": " + r.reason());
      }
      total = total.add(r.logUpSum());
    }
    if (!total.isZero()) {
      return VerificationResult.reject("the LogUp buses do not balance");
    }
    return VerificationResult.accept(total);
  }

  /** The main commitment a piece published in phase 1, read from its proof. */
  public static byte[] pieceCommitment(Air air, byte[] proofBytes) {
    StarkProof p = ProofCodec.decode(proofBytes, air);
    int[] logHeights = p.tables().stream().mapToInt(TableProof::logHeight).toArray();
    byte[][] caps = p.tables().stream().map(TableProof::mainCap).toArray(byte[][]::new);
    return MainCommitment.digest(p.parameters(), p.airDigest(), p.publicValuesHash(), logHeights, caps);
  }

  /** Verifies one piece under given bus challenges; on success returns its sum per bus. */
  public VerificationResult verifyPiece(Air air, byte[] proofBytes, BusChallenges bus) {
    try {
      return new PieceCheck(air, ProofCodec.decode(proofBytes, air), bus).run();
    } catch (ProofCodec.MalformedProofException e) {
      return VerificationResult.reject("malformed proof: " + e.getMessage());
    } catch (RuntimeException e) {
      return VerificationResult.reject("invalid proof: " + e);
    }
  }

  private final class PieceCheck {
    private final Air air;
    private final StarkProof proof;
    private final BusChallenges bus;
    private final StarkParameters params;
    private final int tables;
    private final int[] logHeights;
    private int logMax;
    private byte[][] preCaps;

    PieceCheck(Air air, StarkProof proof, BusChallenges bus) {
      this.air = air;
      this.proof = proof;
      this.bus = bus;
      this.params = proof.parameters();
      this.tables = proof.tables().size();
      this.logHeights = proof.tables().stream().mapToInt(TableProof::logHeight).toArray();
    }

    VerificationResult run() {
      logMax = ProofCodec.maxLog(logHeights) + params.logBlowup();
      int security = params.conjecturedSecurityBits(logMax);
      if (proof.securityBits() != security) {
        return VerificationResult.reject("securityBits: header says " + proof.securityBits()
            + ", parameters give " + security);
      }
      if (security < minSecurityBits) {
        return VerificationResult.reject("security: " + security + " bits is below the floor of "
            + minSecurityBits);
      }
      if (!Arrays.equals(proof.airDigest(), air.digest())) {
        return VerificationResult.reject("airDigest: proof is for another AIR");
      }
      if (!Arrays.equals(proof.publicValuesHash(), ProofCodec.publicValuesHash(proof.publicValues()))) {
        return VerificationResult.reject("publicValuesHash: does not match the public values");
      }
      preCaps = new byte[tables][];
      for (int t = 0; t < tables; t++) {
        TableDef def = air.tables().get(t);
        if (def.fixedHeight() > 0) {
          if (1 << logHeights[t] != def.fixedHeight()) {
            return VerificationResult.reject("logHeight: table " + def.name() + " has a fixed height");
          }
          preCaps[t] = PreprocessedCommitments.cap(def, params);
        }
        if (def.quotientChunks() > 1 << params.logBlowup()) {
          return VerificationResult.reject("parameters: blowup too small for table " + def.name());
        }
      }
      Transcript tr = Protocol.start(params, proof.airDigest(), proof.publicValues(), logHeights,
          preCaps, proof.tables().stream().map(TableProof::mainCap).toArray(byte[][]::new), bus);
      for (TableProof tp : proof.tables()) {
        if (tp.auxCap() != null) {
          tr.absorb(tp.auxCap());
          tr.absorbExt(tp.claimedSums());
        }
      }
      Ext alpha = tr.challengeExt();
      proof.tables().forEach(tp -> tr.absorb(tp.quotientCap()));
      Ext zeta = tr.challengeExt();
      for (TableProof tp : proof.tables()) {
        tr.absorbExt(tp.oodAtZ());
        tr.absorbExt(tp.oodAtNext());
      }
      Ext gamma = tr.challengeExt();
      FriLayout layout = FriLayout.of(params, logMax);
      Ext[] betas = new Ext[layout.layerCount()];
      for (int l = 0; l < betas.length; l++) {
        tr.absorb(proof.friCaps().get(l));
        betas[l] = tr.challengeExt();
      }
      long[] flat = new long[2 * proof.finalPolynomial().length];
      for (int i = 0; i < proof.finalPolynomial().length; i++) {
        flat[2 * i] = proof.finalPolynomial()[i].c0();
        flat[2 * i + 1] = proof.finalPolynomial()[i].c1();
      }
      tr.absorbLongs(flat);
      if (!tr.checkPow(proof.powNonce(), params.grindingBits())) {
        return VerificationResult.reject("powNonce: proof of work not met");
      }
      int[] queries = tr.sampleIndices(params.numQueries(), logMax);
      for (int t = 0; t < tables; t++) {
        String err = checkOod(t, alpha, zeta);
        if (err != null) {
          return VerificationResult.reject(err);
        }
      }
      String err = checkQueries(queries, zeta, gamma, layout, betas);
      if (err != null) {
        return VerificationResult.reject(err);
      }
      Ext sum = Ext.ZERO;
      for (int t = 0; t < tables; t++) {
        for (Ext c : proof.tables().get(t).claimedSums()) {
          sum = sum.add(c);
        }
      }
      return VerificationResult.accept(sum);
    }

    private Ext zFor(int t, Ext zeta) {
      return zeta.pow(1L << (logMax - logHeights[t] - params.logBlowup()));
    }

    private String checkOod(int t, Ext alpha, Ext zeta) {
      TableDef def = air.tables().get(t);
      TableProof tp = proof.tables().get(t);
      int p = def.preprocessedWidth();
      int w = def.mainWidth();
      int a = def.auxWidth();
      Ext[] z = tp.oodAtZ();
      Ext[] nx = tp.oodAtNext();
      PointEvaluator ev = new PointEvaluator(Arrays.copyOfRange(z, p, p + w),
          Arrays.copyOfRange(nx, p, p + w), Arrays.copyOfRange(z, 0, p), Arrays.copyOfRange(nx, 0, p),
          auxValues(z, p + w, a), auxValues(nx, p + w, a), new Ext[] {bus.alpha(), bus.beta()},
          proof.publicValues(), tp.claimedSums());
      Ext[] byKind = {Ext.ZERO, Ext.ZERO, Ext.ZERO, Ext.ZERO};
      Ext power = Ext.ONE;
      for (Constraint c : def.allConstraints()) {
        int k = c.kind().ordinal();
        byKind[k] = byKind[k].add(power.mul(ev.eval(c.expr())));
        power = power.mul(alpha);
      }
      Ext zt = zFor(t, zeta);
      long n = 1L << logHeights[t];
      Ext lastPoint = Ext.of(Goldilocks.inv(Goldilocks.rootOfUnity(logHeights[t])));
      Ext vanishing = zt.pow(n).sub(Ext.ONE);
      Ext dFirst = zt.sub(Ext.ONE);
      Ext dLast = zt.sub(lastPoint);
      if (vanishing.isZero() || dFirst.isZero() || dLast.isZero()) {
        return "out-of-domain point falls on the trace domain of table " + def.name();
      }
      Ext lhs = byKind[0].add(dLast.mul(byKind[1])).div(vanishing)
          .add(byKind[2].div(dFirst)).add(byKind[3].div(dLast));
      Ext q = Ext.ZERO;
      Ext zn = zt.pow(n);
      Ext zc = Ext.ONE;
      int base = p + w + 2 * a;
      for (int c = 0; c < def.quotientChunks(); c++) {
        q = q.add(zc.mul(z[base + 2 * c].add(U.mul(z[base + 2 * c + 1]))));
        zc = zc.mul(zn);
      }
      return lhs.equals(q) ? null
          : "table " + def.name() + ": constraints do not match the quotient at the out-of-domain point";
    }

    private static Ext[] auxValues(Ext[] values, int from, int count) {
      Ext[] out = new Ext[count];
      for (int i = 0; i < count; i++) {
        out[i] = values[from + 2 * i].add(U.mul(values[from + 2 * i + 1]));
      }
      return out;
    }

    private String checkQueries(int[] queries, Ext zeta, Ext gamma, FriLayout layout, Ext[] betas) {
      List<TreeOpening> openings = proof.openings();
      int o = 0;
      long[][][] tableRows = new long[tables][][];
      int[][] tableIdx = new int[tables][];
      for (int t = 0; t < tables; t++) {
        TableDef def = air.tables().get(t);
        TableProof tp = proof.tables().get(t);
        int logM = logHeights[t] + params.logBlowup();
        int[] idx = Protocol.distinctSorted(queries, logM);
        tableIdx[t] = idx;
        List<long[][]> parts = new ArrayList<>();
        if (def.preprocessedWidth() > 0) {
          String e = checkTree(openings.get(o++), preCaps[t], logM, idx, def.name() + " preprocessed");
          if (e != null) {
            return e;
          }
          parts.add(openings.get(o - 1).rows());
        }
        String e = checkTree(openings.get(o++), tp.mainCap(), logM, idx, def.name() + " main");
        if (e != null) {
          return e;
        }
        parts.add(openings.get(o - 1).rows());
        if (def.auxWidth() > 0) {
          e = checkTree(openings.get(o++), tp.auxCap(), logM, idx, def.name() + " aux");
          if (e != null) {
            return e;
          }
          parts.add(openings.get(o - 1).rows());
        }
        e = checkTree(openings.get(o++), tp.quotientCap(), logM, idx, def.name() + " quotient");
        if (e != null) {
          return e;
        }
        parts.add(openings.get(o - 1).rows());
        tableRows[t] = joinRows(parts, idx.length);
      }
      List<int[]> layerIdx = new ArrayList<>();
      int[] q = queries.clone();
      for (int l = 0; l < layout.layerCount(); l++) {
        int logLeaves = layout.layerLogSize(l) - layout.layerArityBits(l);
        int[] idx = Protocol.distinctSorted(q, logLeaves);
        layerIdx.add(idx);
        String e = checkTree(openings.get(o + l), proof.friCaps().get(l), logLeaves, idx, "FRI layer " + l);
        if (e != null) {
          return e;
        }
      }
      Ext[] gammaPowers = Protocol.gammaPowers(gamma, totalOod());
      for (int query : queries) {
        Ext value = deepAt(query, tableRows, tableIdx, zeta, gammaPowers);
        int cur = query;
        for (int l = 0; l < layout.layerCount(); l++) {
          int logL = layout.layerLogSize(l);
          int logLeaves = logL - layout.layerArityBits(l);
          int r = cur & ((1 << logLeaves) - 1);
          int j = cur >>> logLeaves;
          long[] leaf = openings.get(o + l).rows()[Arrays.binarySearch(layerIdx.get(l), r)];
          Ext[] values = new Ext[leaf.length / 2];
          for (int k = 0; k < values.length; k++) {
            values[k] = new Ext(leaf[2 * k], leaf[2 * k + 1]);
          }
          if (!values[j].equals(value)) {
            return "FRI layer " + l + ": value does not match the previous layer at query " + query;
          }
          value = FriFolding.foldLeaf(values, Protocol.point(logL, r), betas[l]);
          cur = r;
        }
        long x = Protocol.point(layout.finalLogSize(), cur);
        Ext expected = Ext.ZERO;
        Ext[] fp = proof.finalPolynomial();
        for (int i = fp.length - 1; i >= 0; i--) {
          expected = expected.mul(x).add(fp[i]);
        }
        if (!expected.equals(value)) {
          return "FRI final polynomial: does not match the folded value at query " + query;
        }
      }
      return null;
    }

    private int totalOod() {
      int total = 0;
      for (TableProof tp : proof.tables()) {
        total += tp.oodAtZ().length + tp.oodAtNext().length;
      }
      return total;
    }

    private Ext deepAt(int query, long[][][] tableRows, int[][] tableIdx, Ext zeta, Ext[] gammaPowers) {
      Ext total = Ext.ZERO;
      int g = 0;
      for (int t = 0; t < tables; t++) {
        TableProof tp = proof.tables().get(t);
        int logM = logHeights[t] + params.logBlowup();
        int i = query & ((1 << logM) - 1);
        long[] row = tableRows[t][Arrays.binarySearch(tableIdx[t], i)];
        Ext z = zFor(t, zeta);
        Ext zNext = z.mul(Goldilocks.rootOfUnity(logHeights[t]));
        Ext y = Ext.of(Protocol.point(logM, i));
        Ext sz = Ext.ZERO;
        for (int j = 0; j < tp.oodAtZ().length; j++) {
          sz = sz.add(gammaPowers[g++].mul(Ext.of(row[j]).sub(tp.oodAtZ()[j])));
        }
        Ext sn = Ext.ZERO;
        for (int j = 0; j < tp.oodAtNext().length; j++) {
          sn = sn.add(gammaPowers[g++].mul(Ext.of(row[j]).sub(tp.oodAtNext()[j])));
        }
        total = total.add(sz.div(y.sub(z))).add(sn.div(y.sub(zNext)));
      }
      return total;
    }

    private static long[][] joinRows(List<long[][]> parts, int count) {
      long[][] out = new long[count][];
      for (int r = 0; r < count; r++) {
        long[] row = new long[0];
        for (long[][] part : parts) {
          long[] add = part[r];
          long[] merged = Arrays.copyOf(row, row.length + add.length);
          System.arraycopy(add, 0, merged, row.length, add.length);
          row = merged;
        }
        out[r] = row;
      }
      return out;
    }

    private String checkTree(TreeOpening opening, byte[] cap, int logLeaves, int[] idx, String what) {
      if (opening.rows().length != idx.length) {
        return "opening of " + what + ": expected " + idx.length + " rows";
      }
      byte[][] leaves = new byte[idx.length][];
      for (int r = 0; r < idx.length; r++) {
        leaves[r] = LeafEncoding.hashValues(opening.rows()[r]);
      }
      return MerkleVerifier.verifyBatch(cap, logLeaves, params.capHeight(), idx, leaves, opening.siblings())
          ? null : "Merkle opening of " + what + " does not match its commitment";
    }
  }
}
