package io.entangled.zkvm.stark.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DEEP kernel (which sums its products unreduced in 192 bits) against the formula evaluated
 * term by term in the extension field, on columns of extreme and random values.
 */
class DeepKernelTest {
  private static final Random RND = new Random(11);

  private static long element(int k) {
    return switch (k % 4) {
      case 0 -> Goldilocks.P - 1 - RND.nextInt(3);
      case 1 -> RND.nextInt(3);
      default -> Goldilocks.reduce(RND.nextLong());
    };
  }

  private static Ext ext() {
    return new Ext(element(RND.nextInt(4)), element(RND.nextInt(4)));
  }

  @Test
  void rowsMatchTheFieldFormula() {
    check(5, 0, 32, 10);
  }

  /** More rows than one pass over the columns takes, from and to off any vector boundary. */
  @Test
  void rowRangeAcrossPassesMatchesTheFieldFormula() {
    check(11, 37, 1237, 2);
  }

  private static void check(int logM, int from, int to, int trials) {
    int m = 1 << logM;
    for (int trial = 0; trial < trials; trial++) {
      int width = 1 + RND.nextInt(300);
      int prefix = RND.nextInt(width + 1);
      long[][] cols = new long[width][m];
      for (int j = 0; j < width; j++) {
        for (int r = 0; r < m; r++) {
          cols[j][r] = element(RND.nextInt(4));
        }
      }
      Ext gamma = ext();
      Ext[] gz = new Ext[width];
      Ext power = Ext.ONE;
      for (int j = 0; j < width; j++) {
        gz[j] = power;
        power = power.mul(gamma);
      }
      Ext[] gn = new Ext[prefix];
      for (int j = 0; j < prefix; j++) {
        gn[j] = gz[j].mul(power);
      }
      Ext constZ = ext();
      Ext constN = ext();
      Ext z = ext();
      Ext zNext = ext();
      long[] out0 = new long[m];
      long[] out1 = new long[m];
      DeepKernel.rows(cols, gz, gn, constZ, constN, z, zNext, logM, from, to, out0, out1);
      long w = Goldilocks.rootOfUnity(logM);
      long x = Goldilocks.mul(Goldilocks.cosetShift(logM), Goldilocks.pow(w, from));
      for (int r = from; r < to; r++) {
        Ext s = constZ.neg();
        Ext t = constN.neg();
        for (int j = 0; j < width; j++) {
          s = s.add(gz[j].mul(cols[j][r]));
          if (j < prefix) {
            t = t.add(gn[j].mul(cols[j][r]));
          }
        }
        Ext y = Ext.of(x);
        Ext expected = s.mul(y.sub(z).inv()).add(t.mul(y.sub(zNext).inv()));
        assertThat(new Ext(out0[r], out1[r])).as("trial %d row %d", trial, r).isEqualTo(expected);
        x = Goldilocks.mul(x, w);
      }
    }
  }
}
