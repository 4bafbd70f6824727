package io.entangled.zkvm.stark.poly;

import io.entangled.zkvm.stark.field.Goldilocks;

/**
 * In-place bit-reversal permutation that also makes every value canonical and optionally scales it.
 * Large arrays are permuted in tiles: the index is split into top, middle and bottom bits of
 * widths t, m, t, and for each pair of middle values (mid, rev(mid)) an 8 × 8 tile is exchanged, so
 * both sides of every swap read and write whole cache lines instead of one element per line.
 */
final class BitReversal {
  private static final int TILE_BITS = 3;
  private static final int TILE = 1 << TILE_BITS;

  private BitReversal() {}

  /** a[i] ↔ a[rev(i)], each value reduced to canonical form and multiplied by scale (1: none). */
  static void permute(long[] a, long scale) {
    int logN = Integer.numberOfTrailingZeros(a.length);
    if (logN < 2 * TILE_BITS) {
      permuteSimple(a, scale);
      return;
    }
    int midBits = logN - 2 * TILE_BITS;
    for (int mid = 0; mid < 1 << midBits; mid++) {
      int rmid = reverse(mid, midBits);
      if (rmid >= mid) {
        swapTiles(a, mid, rmid, midBits, scale);
      }
    }
  }

  private static void swapTiles(long[] a, int mid, int rmid, int midBits, long scale) {
    int hiShift = midBits + TILE_BITS;
    for (int x = 0; x < TILE; x++) {
      int base = (x << hiShift) | (mid << TILE_BITS);
      int rbase = (rmid << TILE_BITS) | reverse(x, TILE_BITS);
      for (int y = 0; y < TILE; y++) {
        int i = base | y;
        int j = (reverse(y, TILE_BITS) << hiShift) | rbase;
        if (i < j || rmid != mid) {
          swap(a, i, j, scale);
        } else if (i == j) {
          a[i] = canonical(a[i], scale);
        }
      }
    }
  }

  private static void permuteSimple(long[] a, long scale) {
    int logN = Integer.numberOfTrailingZeros(a.length);
    for (int i = 0; i < a.length; i++) {
      int j = reverse(i, logN);
      if (i < j) {
        swap(a, i, j, scale);
      } else if (i == j) {
        a[i] = canonical(a[i], scale);
      }
    }
  }

  private static void swap(long[] a, int i, int j, long scale) {
    long t = canonical(a[i], scale);
    a[i] = canonical(a[j], scale);
    a[j] = t;
  }

  private static long canonical(long x, long scale) {
    return scale == 1 ? Goldilocks.reduce(x) : Goldilocks.mul(x, scale);
  }

  /** The low bits of x, reversed. */
  static int reverse(int x, int bits) {
    return bits == 0 ? 0 : Integer.reverse(x) >>> (32 - bits);
  }
}
