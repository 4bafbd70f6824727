package io.entangled.zkvm.prover.air;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.elf.LoadedSegment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The preprocessed program table: one row per instruction word of the ELF's executable segments that
 * the AIR covers, with its decoded fields. Prover and verifier both compute it from the ELF, so its
 * commitment (part of the AIR digest) binds a proof to the program. Padding rows have pc 0 and all
 * selectors 0, which no CPU row can match (a CPU row has exactly one selector set).
 */
public final class ProgramTable {
  /** Preprocessed column indices. */
  public static final int PC = 0;
  public static final int SEL = 1;
  public static final int OP = SEL + Kind.COUNT;
  public static final int RS = OP + 1;
  public static final int RT = RS + 1;
  public static final int RD = RT + 1;
  public static final int WR = RD + 1;
  public static final int RD2 = WR + 1;
  public static final int WR2 = RD2 + 1;
  public static final int USE_IMM = WR2 + 1;
  public static final int IMM = USE_IMM + 1;
  public static final int TARGET = IMM + 1;
  public static final int WIDTH = TARGET + 1;

  private final long[][] columns;
  private final Map<Integer, Integer> rowOfPc = new HashMap<>();

  /**
   * Decodes every word of the executable segments; words the AIR does not cover (no family, or a
   * chip op that {@code covered} rejects) are left out.
   */
  public ProgramTable(LoadedProgram program, Predicate<Decoded> covered) {
    Map<Integer, Decoded> decoded = new java.util.TreeMap<>(Integer::compareUnsigned);
    for (LoadedSegment s : program.segments()) {
      if (!s.executable()) {
        continue;
      }
      byte[] d = s.data();
      for (int off = 0; off + 4 <= d.length; off += 4) {
        int word = ((d[off] & 0xff) << 24) | ((d[off + 1] & 0xff) << 16) | ((d[off + 2] & 0xff) << 8)
            | (d[off + 3] & 0xff);
        int pc = s.vaddr() + off;
        Decoded dec = InstructionDecoder.decode(pc, word);
        if (dec != null && covered.test(dec)) {
          decoded.put(pc, dec);
        }
      }
    }
    int height = Math.max(2, Integer.highestOneBit(Math.max(1, decoded.size() - 1)) << 1);
    columns = new long[WIDTH][height];
    int row = 0;
    for (Map.Entry<Integer, Decoded> e : decoded.entrySet()) {
      fill(row, e.getKey(), e.getValue());
      rowOfPc.put(e.getKey(), row++);
    }
  }

  private void fill(int row, int pc, Decoded d) {
    columns[PC][row] = Integer.toUnsignedLong(pc);
    columns[SEL + d.kind().ordinal()][row] = 1;
    columns[OP][row] = d.op() == null ? 0 : d.op().id();
    columns[RS][row] = d.rs();
    columns[RT][row] = d.rt();
    columns[RD][row] = d.rd();
    columns[WR][row] = d.writes() ? 1 : 0;
    columns[RD2][row] = d.rd2();
    columns[WR2][row] = d.writes2() ? 1 : 0;
    columns[USE_IMM][row] = d.useImm() ? 1 : 0;
    columns[IMM][row] = Integer.toUnsignedLong(d.imm());
    columns[TARGET][row] = Integer.toUnsignedLong(d.target());
  }

  /** The preprocessed columns (shared, do not modify). */
  public long[][] columns() {
    return columns;
  }

  public int height() {
    return columns[0].length;
  }

  /** The row of the instruction at pc, or -1 when the AIR does not cover the word there. */
  public int rowOf(int pc) {
    return rowOfPc.getOrDefault(pc, -1);
  }
}
