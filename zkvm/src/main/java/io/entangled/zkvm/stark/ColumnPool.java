package io.entangled.zkvm.stark;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Columns of power-of-two lengths handed back by the prover once a piece no longer needs them, and
 * handed out again for the next piece's traces, extensions and quotients.
 *
 * <p>Why: a run of many segments allocates the same multi-megabyte columns for every segment. Each
 * lives for seconds, so G1 copies it out of the young generation (a copy into regions never touched
 * before, which on this VM costs a page fault per 4 KiB), and the heap grows to what the allocation
 * rate asks for: a cold 9-segment run touched 6.3 GB and spent 5.7 s in GC pauses and 12–15 s of
 * system time. Reused columns are already in the old generation and already touched.
 *
 * <p>Rules: a column handed back must not be used again by whoever handed it back (the prover's
 * proofs are verified before they are returned, so a slip shows as a failed proof, not as a bad
 * one). Columns below {@link #MIN_LENGTH} are not pooled. The pool holds at most its capacity;
 * past it, handed-back columns are left to the garbage collector.
 */
public final class ColumnPool {
  /** Columns shorter than this are cheap to allocate and are never pooled. */
  public static final int MIN_LENGTH = 1 << 14;
  private static final ColumnPool SHARED = new ColumnPool(Runtime.getRuntime().maxMemory() / 4);

  private final long capacityBytes;
  @SuppressWarnings("unchecked")
  private final ArrayDeque<long[]>[] free = new ArrayDeque[32];
  private long heldBytes;
  private long reusedBytes;
  private long allocatedBytes;
  private long droppedBytes;

  public ColumnPool(long capacityBytes) {
    this.capacityBytes = capacityBytes;
    for (int i = 0; i < free.length; i++) {
      free[i] = new ArrayDeque<>();
    }
  }

  /**
   * The pool of this JVM's provers: a quarter of the maximum heap at most, about what one segment of
   * 2^18 cycles works in (an eighth dropped 3.7 GB of columns in a 9-segment run and allocated them
   * again).
   */
  public static ColumnPool shared() {
    return SHARED;
  }

  private static boolean pooled(int length) {
    return length >= MIN_LENGTH && Integer.bitCount(length) == 1;
  }

  /** A column of this length with arbitrary contents (zeros when newly allocated). */
  public long[] take(int length) {
    long[] a = reuse(length);
    return a == null ? new long[length] : a;
  }

  /** A column of this length filled with zeros. */
  public long[] takeZeroed(int length) {
    long[] a = reuse(length);
    if (a == null) {
      return new long[length];
    }
    Arrays.fill(a, 0);
    return a;
  }

  /** {@code width} zeroed columns of {@code height} rows. */
  public long[][] takeZeroed(int width, int height) {
    long[][] t = new long[width][];
    for (int c = 0; c < width; c++) {
      t[c] = takeZeroed(height);
    }
    return t;
  }

  /** A copy of the column. */
  public long[] copyOf(long[] column) {
    long[] a = take(column.length);
    System.arraycopy(column, 0, a, 0, column.length);
    return a;
  }

  private synchronized long[] reuse(int length) {
    if (!pooled(length)) {
      return null;
    }
    long[] a = free[Integer.numberOfTrailingZeros(length)].pollLast();
    if (a != null) {
      heldBytes -= 8L * length;
      reusedBytes += 8L * length;
    } else {
      allocatedBytes += 8L * length;
    }
    return a;
  }

  /** Hands a column back; the caller must not use it again. Null is ignored. */
  public synchronized void give(long[] column) {
    if (column == null || !pooled(column.length)) {
      return;
    }
    long bytes = 8L * column.length;
    if (heldBytes + bytes > capacityBytes) {
      droppedBytes += bytes;
      return;
    }
    ArrayDeque<long[]> q = free[Integer.numberOfTrailingZeros(column.length)];
    for (long[] held : q) {
      if (held == column) {
        throw new IllegalStateException("a column was handed back twice");
      }
    }
    q.addLast(column);
    heldBytes += bytes;
  }

  /** Hands every column back (see {@link #give(long[])}); null tables and columns are ignored. */
  public void give(long[][] columns) {
    if (columns != null) {
      for (long[] c : columns) {
        give(c);
      }
    }
  }

  /** What the pool did so far, for logs: bytes reused, newly allocated, dropped, held now. */
  public synchronized String stats() {
    return String.format("reused %.2f GB, allocated %.2f GB, dropped %.2f GB, holds %.2f GB",
        reusedBytes / 1e9, allocatedBytes / 1e9, droppedBytes / 1e9, heldBytes / 1e9);
  }

  /**
   * Lets the garbage collector have every column the pool holds: a long-running process that
   * proves now and then keeps up to the pool's capacity between proofs otherwise.
   */
  public synchronized void clear() {
    for (ArrayDeque<long[]> q : free) {
      q.clear();
    }
    heldBytes = 0;
  }

  /** Bytes the pool holds now. */
  public synchronized long heldBytes() {
    return heldBytes;
  }
}
