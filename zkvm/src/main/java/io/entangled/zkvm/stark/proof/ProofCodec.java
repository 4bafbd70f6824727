package io.entangled.zkvm.stark.proof;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Binary proof format version 1, big-endian throughout; byte layout in zkvm/docs/STARK.md. */
public final class ProofCodec {
  public static final byte[] MAGIC = {'E', 'S', 'T', 'K'};
  public static final int VERSION = 2;

  private ProofCodec() {}

  /** SHA-256(u32be count ‖ u64be values...), the stable hash of the public values. */
  public static byte[] publicValuesHash(long[] values) {
    byte[] buf = new byte[4 + 8 * values.length];
    buf[0] = (byte) (values.length >>> 24);
    buf[1] = (byte) (values.length >>> 16);
    buf[2] = (byte) (values.length >>> 8);
    buf[3] = (byte) values.length;
    for (int i = 0; i < values.length; i++) {
      LeafEncoding.putLong(buf, 4 + 8 * i, values[i]);
    }
    return Sha256.hash(buf);
  }

  /** The parameter bytes as they appear in the header (also absorbed by the transcript). */
  public static byte[] parameterBytes(StarkParameters p) {
    return new byte[] {(byte) p.logBlowup(), (byte) p.arityBits(), (byte) p.logFinalDegree(),
        (byte) (p.numQueries() >>> 8), (byte) p.numQueries(), (byte) p.grindingBits(),
        (byte) p.capHeight()};
  }

  public static byte[] encode(StarkProof proof) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.write(MAGIC);
      out.writeShort(VERSION);
      out.write(parameterBytes(proof.parameters()));
      out.writeShort(proof.securityBits());
      out.write(proof.airDigest());
      out.write(proof.publicValuesHash());
      out.writeInt(proof.publicValues().length);
      for (long v : proof.publicValues()) {
        out.writeLong(v);
      }
      out.writeByte(proof.tables().size());
      for (TableProof t : proof.tables()) {
        out.writeByte(t.logHeight());
      }
      for (TableProof t : proof.tables()) {
        out.write(t.mainCap());
        if (t.auxCap() != null) {
          out.write(t.auxCap());
          writeExt(out, t.claimedSums());
        }
      }
      for (TableProof t : proof.tables()) {
        out.write(t.quotientCap());
      }
      for (TableProof t : proof.tables()) {
        writeExt(out, t.oodAtZ());
        writeExt(out, t.oodAtNext());
      }
      for (byte[] cap : proof.friCaps()) {
        out.write(cap);
      }
      writeExt(out, proof.finalPolynomial());
      out.writeLong(proof.powNonce());
      for (TreeOpening o : proof.openings()) {
        out.writeShort(o.rows().length);
        for (long[] row : o.rows()) {
          for (long v : row) {
            out.writeLong(v);
          }
        }
        out.writeInt(o.siblings().size());
        for (byte[] s : o.siblings()) {
          out.write(s);
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeExt(DataOutputStream out, Ext[] values) throws IOException {
    for (Ext e : values) {
      out.writeLong(e.c0());
      out.writeLong(e.c1());
    }
  }

  /**
   * Parses a proof for the given AIR; every size not written in the proof follows from the AIR and
   * the parameters. Throws {@link MalformedProofException} naming the field on bad bytes.
   */
  public static StarkProof decode(byte[] data, Air air) {
    ProofReader in = new ProofReader(data);
    byte[] magic = in.bytes(4, "magic");
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new MalformedProofException("magic: not a STARK proof");
    }
    int version = in.u16("version");
    if (version != VERSION) {
      throw new MalformedProofException("version: unsupported " + version);
    }
    StarkParameters params;
    try {
      params = new StarkParameters(in.u8("logBlowup"), in.u8("arityBits"), in.u8("logFinalDegree"),
          in.u16("numQueries"), in.u8("grindingBits"), in.u8("capHeight"));
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException("parameters: " + e.getMessage());
    }
    int security = in.u16("securityBits");
    byte[] airDigest = in.bytes(32, "airDigest");
    byte[] pvHash = in.bytes(32, "publicValuesHash");
    int pvCount = in.u32("publicValueCount");
    if (pvCount != air.publicValueCount()) {
      throw new MalformedProofException("publicValueCount: expected " + air.publicValueCount());
    }
    long[] pv = new long[pvCount];
    for (int i = 0; i < pvCount; i++) {
      pv[i] = in.felt("publicValues");
    }
    int tableCount = in.u8("tableCount");
    if (tableCount != air.tables().size()) {
      throw new MalformedProofException("tableCount: expected " + air.tables().size());
    }
    int[] logHeights = new int[tableCount];
    for (int t = 0; t < tableCount; t++) {
      logHeights[t] = in.u8("logHeight");
      if (logHeights[t] < 1 || logHeights[t] + params.logBlowup() > 28) {
        throw new MalformedProofException("logHeight: out of range " + logHeights[t]);
      }
    }
    byte[][] mainCaps = new byte[tableCount][];
    byte[][] auxCaps = new byte[tableCount][];
    Ext[][] claimed = new Ext[tableCount][];
    for (int t = 0; t < tableCount; t++) {
      TableDef def = air.tables().get(t);
      int capBytes = capBytes(params, logHeights[t] + params.logBlowup());
      mainCaps[t] = in.bytes(capBytes, "mainCap");
      if (def.auxWidth() > 0) {
        auxCaps[t] = in.bytes(capBytes, "auxCap");
        claimed[t] = in.ext(def.claimedSumCount(), "claimedSums");
      } else {
        claimed[t] = new Ext[0];
      }
    }
    byte[][] quotientCaps = new byte[tableCount][];
    for (int t = 0; t < tableCount; t++) {
      quotientCaps[t] = in.bytes(capBytes(params, logHeights[t] + params.logBlowup()), "quotientCap");
    }
    List<TableProof> tables = new ArrayList<>();
    for (int t = 0; t < tableCount; t++) {
      TableDef def = air.tables().get(t);
      int rowCols = def.preprocessedWidth() + def.mainWidth() + 2 * def.auxWidth();
      Ext[] atZ = in.ext(rowCols + 2 * def.quotientChunks(), "oodAtZ");
      Ext[] atNext = in.ext(rowCols, "oodAtNext");
      tables.add(new TableProof(logHeights[t], mainCaps[t], auxCaps[t], claimed[t], quotientCaps[t],
          atZ, atNext));
    }
    FriLayout fri = FriLayout.of(params, maxLog(logHeights) + params.logBlowup());
    List<byte[]> friCaps = new ArrayList<>();
    for (int l = 0; l < fri.layerCount(); l++) {
      friCaps.add(in.bytes(capBytes(params, fri.layerLogSize(l) - fri.layerArityBits(l)), "friCap"));
    }
    Ext[] finalPoly = in.ext(1 << fri.logFinalDegree(), "finalPolynomial");
    long nonce = in.u64("powNonce");
    List<TreeOpening> openings = new ArrayList<>();
    for (int t = 0; t < tableCount; t++) {
      TableDef def = air.tables().get(t);
      if (def.preprocessedWidth() > 0) {
        openings.add(readOpening(in, def.preprocessedWidth(), params.numQueries()));
      }
      openings.add(readOpening(in, def.mainWidth(), params.numQueries()));
      if (def.auxWidth() > 0) {
        openings.add(readOpening(in, 2 * def.auxWidth(), params.numQueries()));
      }
      openings.add(readOpening(in, 2 * def.quotientChunks(), params.numQueries()));
    }
    for (int l = 0; l < fri.layerCount(); l++) {
      openings.add(readOpening(in, 2 << fri.layerArityBits(l), params.numQueries()));
    }
    if (in.remaining() != 0) {
      throw new MalformedProofException("trailing bytes: " + in.remaining());
    }
    return new StarkProof(params, security, airDigest, pvHash, pv, tables, friCaps, finalPoly, nonce,
        openings);
  }

  private static TreeOpening readOpening(ProofReader in, int width, int maxRows) {
    int rows = in.u16("openingRowCount");
    if (rows < 1 || rows > maxRows) {
      throw new MalformedProofException("openingRowCount: " + rows);
    }
    long[][] values = new long[rows][width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        values[r][c] = in.felt("openingRow");
      }
    }
    int siblings = in.u32("siblingCount");
    if (siblings < 0 || siblings > rows * 32) {
      throw new MalformedProofException("siblingCount: " + siblings);
    }
    List<byte[]> nodes = new ArrayList<>(siblings);
    for (int i = 0; i < siblings; i++) {
      nodes.add(in.bytes(32, "sibling"));
    }
    return new TreeOpening(values, nodes);
  }

  public static int capBytes(StarkParameters p, int logLeaves) {
    return 32 << Math.min(p.capHeight(), logLeaves);
  }

  public static int maxLog(int[] logs) {
    int m = 0;
    for (int l : logs) {
      m = Math.max(m, l);
    }
    return m;
  }

  /** Thrown while parsing: names the field that could not be read. */
  public static final class MalformedProofException extends RuntimeException {
    public MalformedProofException(String message) {
      super(message);
    }
  }

  private static final class ProofReader {
    private final byte[] data;
    private int pos;

    ProofReader(byte[] data) {
      this.data = data;
    }

    int remaining() {
      return data.length - pos;
    }

    byte[] bytes(int n, String field) {
      if (n < 0 || remaining() < n) {
        throw new MalformedProofException(field + ": truncated proof");
      }
      byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    int u8(String field) {
      return bytes(1, field)[0] & 0xFF;
    }

    int u16(String field) {
      byte[] b = bytes(2, field);
      return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    int u32(String field) {
      byte[] b = bytes(4, field);
      return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    long u64(String field) {
      byte[] b = bytes(8, field);
      return io.entangled.zkvm.stark.transcript.Transcript.readLong(b, 0);
    }

    long felt(String field) {
      long v = u64(field);
      if (!Goldilocks.isCanonical(v)) {
        throw new MalformedProofException(field + ": non-canonical field element");
      }
      return v;
    }

    Ext[] ext(int count, String field) {
      Ext[] out = new Ext[count];
      for (int i = 0; i < count; i++) {
        long c0 = felt(field);
        out[i] = new Ext(c0, felt(field));
      }
      return out;
    }
  }
}
