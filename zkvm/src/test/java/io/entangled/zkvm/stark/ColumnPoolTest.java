package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ColumnPoolTest {
  private static final int N = ColumnPool.MIN_LENGTH;

  @Test
  void reusesAHandedBackColumnAndZeroesItWhenAsked() {
    ColumnPool pool = new ColumnPool(1 << 20);
    long[] a = pool.take(N);
    Arrays.fill(a, 7);
    pool.give(a);
    long[] b = pool.takeZeroed(N);
    assertThat(b).isSameAs(a);
    assertThat(b).containsOnly(0L);
    assertThat(pool.take(N)).isNotSameAs(a);
  }

  @Test
  void refusesAColumnHandedBackTwice() {
    ColumnPool pool = new ColumnPool(1 << 20);
    long[] a = pool.take(N);
    pool.give(a);
    assertThatThrownBy(() -> pool.give(a)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void holdsNoMoreThanItsCapacityAndNoSmallOrOddColumns() {
    ColumnPool pool = new ColumnPool(8L * N);
    pool.give(new long[N]);
    pool.give(new long[N]);
    assertThat(pool.heldBytes()).isEqualTo(8L * N);
    pool.give(new long[N / 2]);
    pool.give(new long[N + 1]);
    assertThat(pool.heldBytes()).isEqualTo(8L * N);
    assertThat(pool.stats()).contains("dropped");
    pool.clear();
    assertThat(pool.heldBytes()).isZero();
  }

  @Test
  void packedTracesUnpackToTheSameValuesInEveryWidth() {
    Random rnd = new Random(5);
    int rows = 2 * N;
    long[][] table = new long[7][rows];
    Arrays.fill(table[0], 3); // constant
    for (int r = 0; r < rows; r++) {
      table[1][r] = rnd.nextInt(256); // bytes
      table[2][r] = rnd.nextInt(1 << 16); // limbs
      table[3][r] = rnd.nextInt() & 0xFFFF_FFFFL; // words, the top bit set in half of them
      table[4][r] = Goldilocks.P - 1 - rnd.nextInt(1000); // full field elements
      table[5][r] = r == rows - 1 ? 255 : 0; // constant but for the last row
      table[6][r] = r == 0 ? 1L << 32 : 1; // one entry wider than a word
    }
    long[][] copy = Arrays.stream(table).map(long[]::clone).toArray(long[][]::new);
    ColumnPool pool = new ColumnPool(1L << 30);
    ForkJoinPool fj = new ForkJoinPool(2);
    PackedTable packed = PackedTable.pack(table, fj, pool);
    assertThat(packed.bytes()).isLessThan(8L * rows * 4);
    // the packed columns went to the pool and may be reused: scribble over them
    for (int k = 0; k < 7; k++) {
      Arrays.fill(pool.take(rows), -1);
    }
    long[][] back = packed.unpack(fj, pool);
    for (int c = 0; c < copy.length; c++) {
      assertThat(back[c]).as("column %d", c).isEqualTo(copy[c]);
    }
    fj.shutdown();
  }
}
