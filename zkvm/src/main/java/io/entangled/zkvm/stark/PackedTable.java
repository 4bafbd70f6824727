package io.entangled.zkvm.stark;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A table's main trace while a piece waits for its bus challenges: every column in the fewest bytes
 * per entry its values need (none for a constant column, else 1, 2, 4 or 8). A MIPS segment's
 * traces are mostly bits, bytes and limbs: 231 MB as {@code long[][]} pack into 39 MB (sha256-c,
 * 2^18 cycles), so a run of many segments holds all of them at a sixth of the heap.
 */
final class PackedTable {
  private final int rows;
  /** Per column: a Long (every entry equal), or a byte[], short[], int[] or long[] of rows. */
  private final Object[] columns;

  private PackedTable(int rows, Object[] columns) {
    this.rows = rows;
    this.columns = columns;
  }

  /** Packs the table; its columns that are not kept as they are go to the column pool. */
  static PackedTable pack(long[][] table, ForkJoinPool pool, ColumnPool columnPool) {
    int rows = table.length == 0 ? 0 : table[0].length;
    Object[] cols = new Object[table.length];
    pool.submit(() -> IntStream.range(0, table.length).parallel().forEach(c -> {
      cols[c] = packColumn(table[c]);
      if (cols[c] != table[c]) {
        columnPool.give(table[c]);
      }
    })).join();
    return new PackedTable(rows, cols);
  }

  /** The table, in columns taken from the pool (or kept as they were). */
  long[][] unpack(ForkJoinPool pool, ColumnPool columnPool) {
    long[][] out = new long[columns.length][];
    pool.submit(() -> IntStream.range(0, columns.length).parallel()
        .forEach(c -> out[c] = unpackColumn(columns[c], rows, columnPool))).join();
    return out;
  }

  private static Object packColumn(long[] col) {
    long first = col.length == 0 ? 0 : col[0];
    long bits = 0;
    boolean constant = true;
    for (long v : col) {
      bits |= v;
      constant &= v == first;
    }
    if (constant) {
      return first;
    }
    int n = col.length;
    if ((bits >>> 8) == 0) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) col[i];
      }
      return b;
    }
    if ((bits >>> 16) == 0) {
      short[] s = new short[n];
      for (int i = 0; i < n; i++) {
        s[i] = (short) col[i];
      }
      return s;
    }
    if ((bits >>> 32) == 0) {
      int[] w = new int[n];
      for (int i = 0; i < n; i++) {
        w[i] = (int) col[i];
      }
      return w;
    }
    return col;
  }

  private static long[] unpackColumn(Object packed, int rows, ColumnPool columnPool) {
    if (packed instanceof long[] wide) {
      return wide;
    }
    long[] col = columnPool.take(rows);
    switch (packed) {
      case Long v -> java.util.Arrays.fill(col, v);
      case byte[] b -> {
        for (int i = 0; i < rows; i++) {
          col[i] = b[i] & 0xFFL;
        }
      }
      case short[] s -> {
        for (int i = 0; i < rows; i++) {
          col[i] = s[i] & 0xFFFFL;
        }
      }
      case int[] w -> {
        for (int i = 0; i < rows; i++) {
          col[i] = w[i] & 0xFFFF_FFFFL;
        }
      }
      default -> throw new IllegalStateException("not a packed column: " + packed.getClass());
    }
    return col;
  }

  /** Bytes the packed columns hold. */
  long bytes() {
    long b = 0;
    for (Object c : columns) {
      b += switch (c) {
        case byte[] x -> x.length;
        case short[] x -> 2L * x.length;
        case int[] x -> 4L * x.length;
        case long[] x -> 8L * x.length;
        default -> 8;
      };
    }
    return b;
  }
}
