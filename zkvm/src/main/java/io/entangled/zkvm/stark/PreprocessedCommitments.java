package io.entangled.zkvm.stark;

import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.backend.CpuProverBackend;
import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps of preprocessed tables, computed once per (columns, blowup, cap height) and cached, so that a
 * verifier checking many proofs of one AIR (e.g. a range16 table of 2^16 rows) extends and hashes the
 * fixed columns only once.
 */
final class PreprocessedCommitments {
  private static final int MAX_ENTRIES = 256;
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();
  /**
   * The same caps by table object (TableDefs are immutable): a verifier checking proof after proof
   * of one program's AIR then does not even hash the columns again (a Go program's table is ~45 MB).
   */
  private static final int MAX_TABLES = 16;
  private static final Map<TableDef, Map<String, byte[]>> BY_TABLE =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private PreprocessedCommitments() {}

  static byte[] cap(TableDef def, StarkParameters params) {
    String paramsKey = params.logBlowup() + "/" + params.capHeight();
    Map<String, byte[]> known = BY_TABLE.get(def);
    byte[] hit = known == null ? null : known.get(paramsKey);
    if (hit != null) {
      return hit.clone();
    }
    byte[] cap = capByContent(def, params);
    if (BY_TABLE.size() >= MAX_TABLES) {
      BY_TABLE.clear();
    }
    BY_TABLE.computeIfAbsent(def, d -> new ConcurrentHashMap<>()).put(paramsKey, cap.clone());
    return cap;
  }

  private static byte[] capByContent(TableDef def, StarkParameters params) {
    StringBuilder key = new StringBuilder().append(params.logBlowup()).append('/')
        .append(params.capHeight());
    for (long[] col : def.preprocessed()) {
      key.append('/').append(HexFormat.of().formatHex(LeafEncoding.hashValues(col)));
    }
    byte[] cached = CACHE.get(key.toString());
    if (cached != null) {
      return cached.clone();
    }
    CpuProverBackend cpu = new CpuProverBackend();
    MerkleTree tree = cpu.commitRows(cpu.lowDegreeExtend(def.preprocessed(), params.logBlowup()),
        params.capHeight());
    if (CACHE.size() >= MAX_ENTRIES) {
      CACHE.clear();
    }
    CACHE.put(key.toString(), tree.cap());
    return tree.cap();
  }
}
