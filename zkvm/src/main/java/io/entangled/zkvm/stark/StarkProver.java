package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.backend.ProverBackend;
import io.entangled.zkvm.stark.backend.ProverBackends;
import io.entangled.zkvm.stark.backend.ProverPool;
import io.entangled.zkvm.stark.backend.QuotientInputs;
import io.entangled.zkvm.stark.backend.WarmUp;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Ext2;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.fri.FriProver;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import io.entangled.zkvm.stark.proof.FriLayout;
import io.entangled.zkvm.stark.proof.ProofCodec;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.stark.proof.StarkProof;
import io.entangled.zkvm.stark.proof.TableProof;
import io.entangled.zkvm.stark.proof.TreeOpening;
import io.entangled.zkvm.stark.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that traces satisfy an {@link Air}. One call ({@link #prove}) for a self-contained proof,
 * or two phases for pieces sharing buses: {@link #commitMain} per piece, then {@link #finish} with
 * {@link BusChallenges} derived from every piece's commitment.
 */
public final class StarkProver {
  private static final Logger LOG = LoggerFactory.getLogger(StarkProver.class);
  private final StarkParameters params;
  private final ProverBackend backend;
  private final ForkJoinPool pool;
  private final boolean checkConstraints;
  private final ColumnPool columns = ColumnPool.shared();

  public StarkProver(StarkParameters params) {
    this(params, ProverBackends.best(), ProverPool.defaultPool(), true);
  }

  /**
   * checkConstraints false lets a prover emit a proof for a bad witness (for soundness tests: the
   * verifier must reject it).
   */
  public StarkProver(StarkParameters params, ProverBackend backend, ForkJoinPool pool,
      boolean checkConstraints) {
    this.params = params;
    this.backend = backend;
    this.pool = pool;
    this.checkConstraints = checkConstraints;
    WarmUp.startOnce();
  }

  /** Proves a single piece: bus sums must cancel within it. Traces: one long[column][row] per table. */
  public byte[] prove(Air air, List<long[][]> traces, long[] publicValues) {
    MainPhase main = commitMain(air, traces, publicValues);
    return finish(main, BusChallenges.single(main.commitment()));
  }

  /** Phase 1: checks shapes, extends and commits preprocessed and main traces. */
  public MainPhase commitMain(Air air, List<long[][]> traces, long[] publicValues) {
    if (publicValues.length != air.publicValueCount() || traces.size() != air.tables().size()) {
      throw new ProvingException("expected " + air.tables().size() + " traces and "
          + air.publicValueCount() + " public values");
    }
    int tables = traces.size();
    int[] logHeights = new int[tables];
    long[][][] preLde = new long[tables][][];
    MerkleTree[] preTrees = new MerkleTree[tables];
    long[][][] mainLde = new long[tables][][];
    MerkleTree[] mainTrees = new MerkleTree[tables];
    for (int t = 0; t < tables; t++) {
      TableDef def = air.tables().get(t);
      logHeights[t] = checkShape(def, traces.get(t));
      PreExtension pre = preprocessedExtension(def);
      preLde[t] = pre.lde();
      preTrees[t] = pre.tree();
      mainLde[t] = backend.lowDegreeExtend(traces.get(t), params.logBlowup());
      mainTrees[t] = backend.commitRows(mainLde[t], params.capHeight());
    }
    byte[][] mainCaps = new byte[tables][];
    for (int t = 0; t < tables; t++) {
      mainCaps[t] = mainTrees[t].cap();
    }
    byte[] commitment = MainCommitment.digest(air, params, publicValues, logHeights, mainCaps);
    return new MainPhase(air, publicValues.clone(), traces.toArray(long[][][]::new), logHeights,
        preLde, preTrees, mainLde, mainTrees, commitment);
  }

  /**
   * Keeps a piece's main traces packed until {@link #finish} (which unpacks them), each column in
   * the fewest bytes its values need: what a piece of a run of many segments holds while the other
   * pieces are committed shrinks to a sixth (MIPS segments). The piece takes the traces over: their
   * columns go to {@link ColumnPool#shared()}, so the caller must not use them again.
   */
  public void packTraces(MainPhase mp) {
    mp.packTraces(pool);
  }

  /** A preprocessed table's low-degree extension and Merkle tree (read-only once built). */
  private record PreExtension(long[][] lde, MerkleTree tree, long bytes) {}

  /** Extensions of recent preprocessed tables by table object and parameters, to a byte budget. */
  private static final Map<TableDef, Map<String, PreExtension>> PRE_CACHE = new IdentityHashMap<>();
  private static final long PRE_CACHE_BYTES = 1L << 30;
  private static long preCacheBytes;

  /**
   * The extension of a table's fixed columns: the same for every piece of an AIR (a Go program's
   * table is 2^19 rows), so it is computed once and shared by the pieces of a run and the runs of a
   * program instead of once per piece and phase.
   */
  private PreExtension preprocessedExtension(TableDef def) {
    String key = params.logBlowup() + "/" + params.capHeight();
    synchronized (PRE_CACHE) {
      PreExtension hit = PRE_CACHE.getOrDefault(def, Map.of()).get(key);
      if (hit != null) {
        return hit;
      }
    }
    long[][] lde = backend.lowDegreeExtend(def.preprocessed(), params.logBlowup());
    MerkleTree tree = def.preprocessedWidth() == 0 ? null
        : backend.commitRows(lde, params.capHeight());
    long bytes = (tree == null ? 0 : tree.bytes());
    for (long[] col : lde) {
      bytes += 8L * col.length;
    }
    PreExtension pre = new PreExtension(lde, tree, bytes);
    if (def.preprocessedWidth() > 0) {
      synchronized (PRE_CACHE) {
        if (preCacheBytes + bytes > PRE_CACHE_BYTES) {
          PRE_CACHE.clear();
          preCacheBytes = 0;
        }
        if (bytes <= PRE_CACHE_BYTES) {
          PRE_CACHE.computeIfAbsent(def, d -> new HashMap<>()).put(key, pre);
          preCacheBytes += bytes;
        }
      }
    }
    return pre;
  }

  private void restoreExtensions(MainPhase mp) {
    int tables = mp.traces.length;
    MerkleTree[] keptTrees = mp.mainTrees;
    mp.preLde = new long[tables][][];
    mp.mainLde = new long[tables][][];
    mp.preTrees = new MerkleTree[tables];
    mp.mainTrees = new MerkleTree[tables];
    byte[][] caps = mp.mainCaps();
    for (int t = 0; t < tables; t++) {
      TableDef def = mp.air.tables().get(t);
      PreExtension pre = preprocessedExtension(def);
      mp.preLde[t] = pre.lde();
      mp.preTrees[t] = pre.tree();
      mp.mainLde[t] = backend.lowDegreeExtend(mp.traces[t], params.logBlowup());
      if (keptTrees != null) {
        // the extension is deterministic, so the kept tree commits to exactly these rows (a
        // backend that is not would make proofs that fail verification, not wrong ones)
        mp.mainTrees[t] = keptTrees[t];
        continue;
      }
      mp.mainTrees[t] = backend.commitRows(mp.mainLde[t], params.capHeight());
      if (!java.util.Arrays.equals(mp.mainTrees[t].cap(), caps[t])) {
        throw new ProvingException("table " + def.name()
            + ": the recomputed commitment differs from phase 1's");
      }
    }
  }

  private static int checkShape(TableDef def, long[][] trace) {
    if (trace.length != def.mainWidth() || trace.length == 0) {
      throw new ProvingException("table " + def.name() + ": expected " + def.mainWidth()
          + " main columns (at least one)");
    }
    int n = trace[0].length;
    if (n < 2 || Integer.bitCount(n) != 1 || (def.fixedHeight() > 0 && n != def.fixedHeight())) {
      throw new ProvingException("table " + def.name() + ": height " + n
          + " must be a power of two >= 2" + (def.fixedHeight() > 0 ? " equal to " + def.fixedHeight() : ""));
    }
    for (long[] col : trace) {
      if (col.length != n) {
        throw new ProvingException("table " + def.name() + ": columns of different heights");
      }
      for (long v : col) {
        if (!Goldilocks.isCanonical(v)) {
          throw new ProvingException("table " + def.name() + ": non-canonical field element");
        }
      }
    }
    return Integer.numberOfTrailingZeros(n);
  }

  /** Phase 2: aux columns, quotient, DEEP and FRI; returns the serialized proof. */
  public byte[] finish(MainPhase mp, BusChallenges bus) {
    if (mp.finished()) {
      throw new IllegalStateException("this main phase has been finished already");
    }
    long start = System.nanoTime();
    mp.traces(pool);
    if (mp.mainLde == null) {
      restoreExtensions(mp);
    }
    Transcript tr = Protocol.start(params, mp.air.digest(), mp.publicValues, mp.logHeights,
        mp.preCaps(), mp.mainCaps(), bus);
    Phase2 p = new Phase2(mp, bus.asArray());
    p.commitAux(tr);
    p.commitQuotients(tr, tr.challengeExt());
    Ext zeta = tr.challengeExt();
    p.openOutOfDomain(tr, zeta);
    Ext gamma = tr.challengeExt();
    long[][] deep = p.deepComposition(zeta, gamma);
    FriProver fri = new FriProver(FriLayout.of(params, p.logMax));
    fri.commit(deep[0], deep[1], tr, backend, params.capHeight(), checkConstraints, pool);
    columns.give(deep);
    long nonce = tr.grind(params.grindingBits());
    int[] queries = tr.sampleIndices(params.numQueries(), p.logMax);
    List<TreeOpening> openings = p.openings(queries);
    openings.addAll(fri.open(queries));
    fri.release();
    StarkProof proof = new StarkProof(params, params.conjecturedSecurityBits(p.logMax),
        mp.air.digest(), ProofCodec.publicValuesHash(mp.publicValues), mp.publicValues,
        p.tableProofs(), fri.caps(), fri.finalPolynomial(), nonce, openings);
    byte[] bytes = ProofCodec.encode(proof);
    p.release();
    mp.releaseExtensions();
    mp.releaseTraces();
    LOG.debug("proved {} ({} tables, LDE 2^{}) in {} ms, {} bytes", mp.air.name(),
        mp.logHeights.length, p.logMax, (System.nanoTime() - start) / 1_000_000, bytes.length);
    return bytes;
  }

  /** Per-table state of phase 2. */
  private final class Phase2 {
    private final MainPhase mp;
    private final Air air;
    private final Ext[] challenges;
    private final int tables;
    private final int logMax;
    private final long[][][] auxTrace;
    private final long[][][] auxLde;
    private final MerkleTree[] auxTrees;
    private final Ext[][] claimed;
    private final long[][][] quotCoeffs;
    private final long[][][] quotLde;
    private final MerkleTree[] quotTrees;
    private final Ext[][] atZ;
    private final Ext[][] atNext;

    Phase2(MainPhase mp, Ext[] challenges) {
      this.mp = mp;
      this.air = mp.air;
      this.challenges = challenges;
      this.tables = mp.logHeights.length;
      this.logMax = ProofCodec.maxLog(mp.logHeights) + params.logBlowup();
      auxTrace = new long[tables][][];
      auxLde = new long[tables][][];
      auxTrees = new MerkleTree[tables];
      claimed = new Ext[tables][];
      quotCoeffs = new long[tables][][];
      quotLde = new long[tables][][];
      quotTrees = new MerkleTree[tables];
      atZ = new Ext[tables][];
      atNext = new Ext[tables][];
    }

    private int logM(int t) {
      return mp.logHeights[t] + params.logBlowup();
    }

    private Ext zFor(int t, Ext zeta) {
      return zeta.pow(1L << (logMax - logM(t)));
    }

    void commitAux(Transcript tr) {
      for (int t = 0; t < tables; t++) {
        TableDef def = air.tables().get(t);
        claimed[t] = new Ext[0];
        auxTrace[t] = new long[0][];
        auxLde[t] = new long[0][];
        if (def.auxWidth() > 0) {
          long[][] aux = logUpColumns(def, mp.traces[t], challenges, mp.publicValues);
          int last = aux[0].length - 1;
          auxTrace[t] = aux;
          claimed[t] = new Ext[] {new Ext(aux[aux.length - 2][last], aux[aux.length - 1][last])};
          auxLde[t] = backend.lowDegreeExtend(aux, params.logBlowup());
          auxTrees[t] = backend.commitRows(auxLde[t], params.capHeight());
          tr.absorb(auxTrees[t].cap());
          tr.absorbExt(claimed[t]);
        }
      }
    }

    void commitQuotients(Transcript tr, Ext alpha) {
      for (int t = 0; t < tables; t++) {
        quotCoeffs[t] = quotientChunks(air.tables().get(t), mp, t, auxLde[t], challenges, claimed[t], alpha);
        quotLde[t] = backend.evaluateOnCoset(quotCoeffs[t], 1 << logM(t), Goldilocks.cosetShift(logM(t)));
        quotTrees[t] = backend.commitRows(quotLde[t], params.capHeight());
        tr.absorb(quotTrees[t].cap());
      }
    }

    void openOutOfDomain(Transcript tr, Ext zeta) {
      for (int t = 0; t < tables; t++) {
        TableDef def = air.tables().get(t);
        Ext z = zFor(t, zeta);
        long[][] rows = concat(def.preprocessed(), mp.traces[t], auxTrace[t]);
        Ext[][] values = backend.valuesAtAndNext(rows, mp.logHeights[t], z);
        atZ[t] = concatExt(values[0], evalAll(quotCoeffs[t], z));
        atNext[t] = values[1];
        tr.absorbExt(atZ[t]);
        tr.absorbExt(atNext[t]);
      }
    }

    long[][] deepComposition(Ext zeta, Ext gamma) {
      long[] deep0 = columns.takeZeroed(1 << logMax);
      long[] deep1 = columns.takeZeroed(1 << logMax);
      int gammaIndex = 0;
      for (int t = 0; t < tables; t++) {
        long[][] cols = concat(mp.preLde[t], mp.mainLde[t], auxLde[t], quotLde[t]);
        gammaIndex = addDeep(cols, atZ[t], atNext[t], zFor(t, zeta), mp.logHeights[t], logM(t), gamma,
            gammaIndex, deep0, deep1);
      }
      return new long[][] {deep0, deep1};
    }

    List<TreeOpening> openings(int[] queries) {
      List<TreeOpening> openings = new ArrayList<>();
      for (int t = 0; t < tables; t++) {
        TableDef def = air.tables().get(t);
        int[] idx = Protocol.distinctSorted(queries, logM(t));
        if (def.preprocessedWidth() > 0) {
          openings.add(open(mp.preLde[t], mp.preTrees[t], idx));
        }
        openings.add(open(mp.mainLde[t], mp.mainTrees[t], idx));
        if (def.auxWidth() > 0) {
          openings.add(open(auxLde[t], auxTrees[t], idx));
        }
        openings.add(open(quotLde[t], quotTrees[t], idx));
      }
      return openings;
    }

    /** Hands this phase's columns to the pool (after the proof is encoded). */
    void release() {
      for (int t = 0; t < tables; t++) {
        columns.give(auxTrace[t]);
        columns.give(auxLde[t]);
        columns.give(quotCoeffs[t]);
        columns.give(quotLde[t]);
      }
    }

    List<TableProof> tableProofs() {
      List<TableProof> out = new ArrayList<>();
      for (int t = 0; t < tables; t++) {
        out.add(new TableProof(mp.logHeights[t], mp.mainTrees[t].cap(),
            auxTrees[t] == null ? null : auxTrees[t].cap(), claimed[t], quotTrees[t].cap(), atZ[t],
            atNext[t]));
      }
      return out;
    }
  }

  private long[][] logUpColumns(TableDef def, long[][] main, Ext[] challenges, long[] publics) {
    try {
      return backend.logUpColumns(def, main, def.preprocessed(), challenges, publics);
    } catch (RuntimeException e) {
      if (e instanceof ArithmeticException || e.getCause() instanceof ArithmeticException) {
        throw new ProvingException("LogUp denominator vanished in table " + def.name());
      }
      throw e;
    }
  }

  private long[][] quotientChunks(TableDef def, MainPhase mp, int t, long[][] auxLde, Ext[] challenges,
      Ext[] claimed, Ext alpha) {
    int logN = mp.logHeights[t];
    int chunks = def.quotientChunks();
    if (chunks > (1 << params.logBlowup())) {
      throw new ProvingException("table " + def.name() + " needs " + chunks
          + " quotient chunks; raise the blowup (constraint degree too high)");
    }
    long[][] q = backend.evaluateQuotient(new QuotientInputs(def.allConstraints(), mp.mainLde[t],
        mp.preLde[t], auxLde, logN, params.logBlowup(), challenges, mp.publicValues, claimed, alpha));
    int logM = logN + params.logBlowup();
    long[][] coeffs = backend.interpolateCoset(q, Goldilocks.cosetShift(logM));
    columns.give(q);
    int n = 1 << logN;
    for (int i = chunks * n; checkConstraints && i < coeffs[0].length; i++) {
      if (coeffs[0][i] != 0 || coeffs[1][i] != 0) {
        throw new ProvingException("table " + def.name() + ": constraints not satisfied by the trace");
      }
    }
    long[][] out = new long[2 * chunks][];
    for (int c = 0; c < chunks; c++) {
      for (int k = 0; k < 2; k++) {
        out[2 * c + k] = columns.take(n);
        System.arraycopy(coeffs[k], c * n, out[2 * c + k], 0, n);
      }
    }
    columns.give(coeffs);
    return out;
  }

  private Ext[] evalAll(long[][] coeffs, Ext z) {
    return pool.submit(() -> IntStream.range(0, coeffs.length).parallel()
        .mapToObj(c -> horner(coeffs[c], z)).toArray(Ext[]::new)).join();
  }

  static Ext horner(long[] coeffs, Ext z) {
    long r0 = 0;
    long r1 = 0;
    for (int i = coeffs.length - 1; i >= 0; i--) {
      long n0 = Goldilocks.add(Ext2.mul0(r0, r1, z.c0(), z.c1()), coeffs[i]);
      r1 = Ext2.mul1(r0, r1, z.c0(), z.c1());
      r0 = n0;
    }
    return new Ext(r0, r1);
  }

  /** Adds this table's DEEP quotient, lifted to the largest domain, into deep0/deep1. */
  private int addDeep(long[][] cols, Ext[] atZ, Ext[] atNext, Ext z, int logN, int logM, Ext gamma,
      int gammaIndex, long[] deep0, long[] deep1) {
    Ext[] powers = Protocol.gammaPowers(gamma, gammaIndex + atZ.length + atNext.length);
    Ext[] gz = java.util.Arrays.copyOfRange(powers, gammaIndex, gammaIndex + atZ.length);
    Ext[] gn = java.util.Arrays.copyOfRange(powers, gammaIndex + atZ.length, powers.length);
    Ext constZ = Ext.ZERO;
    for (int j = 0; j < gz.length; j++) {
      constZ = constZ.add(gz[j].mul(atZ[j]));
    }
    Ext constN = Ext.ZERO;
    for (int j = 0; j < gn.length; j++) {
      constN = constN.add(gn[j].mul(atNext[j]));
    }
    Ext zNext = z.mul(Goldilocks.rootOfUnity(logN));
    int m = 1 << logM;
    long[][] d = backend.deepQuotient(cols, gz, gn, constZ, constN, z, zNext, logM);
    long[] d0 = d[0];
    long[] d1 = d[1];
    int mask = m - 1;
    for (int i = 0; i < deep0.length; i++) {
      deep0[i] = Goldilocks.add(deep0[i], d0[i & mask]);
      deep1[i] = Goldilocks.add(deep1[i], d1[i & mask]);
    }
    columns.give(d);
    return powers.length;
  }

  private static TreeOpening open(long[][] lde, MerkleTree tree, int[] idx) {
    long[][] rows = new long[idx.length][lde.length];
    for (int r = 0; r < idx.length; r++) {
      for (int c = 0; c < lde.length; c++) {
        rows[r][c] = lde[c][idx[r]];
      }
    }
    return new TreeOpening(rows, tree.openBatch(idx));
  }

  static long[][] concat(long[][]... parts) {
    List<long[]> all = new ArrayList<>();
    for (long[][] p : parts) {
      all.addAll(List.of(p));
    }
    return all.toArray(long[][]::new);
  }

  private static Ext[] concatExt(Ext[] a, Ext[] b) {
    Ext[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
