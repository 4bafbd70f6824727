package io.entangled.zkvm.stark.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.math.BigInteger;
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
    int logM = 5;
    int m = 1 << logM;
    for (int trial = 0; trial < 10; trial++) {
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
      DeepKernel.rows(cols, gz, gn, constZ, constN, z, zNext, logM, 0, m, out0, out1);
      long w = Goldilocks.rootOfUnity(logM);
      long x = Goldilocks.cosetShift(logM);
      for (int r = 0; r < m; r++) {
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

  @Test
  void foldReducesA192BitSum() {
    BigInteger p = BigInteger.valueOf(Goldilocks.P).add(BigInteger.ONE.shiftLeft(64)).mod(
        BigInteger.ONE.shiftLeft(64));
    for (int k = 0; k < 1000; k++) {
      long top = RND.nextInt(1 << 12);
      long hi = k % 3 == 0 ? -1L : RND.nextLong();
      long lo = k % 5 == 0 ? -1L : RND.nextLong();
      BigInteger v = BigInteger.valueOf(top).shiftLeft(128)
          .add(new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64))
          .add(new BigInteger(Long.toUnsignedString(lo)));
      assertThat(DeepKernel.fold(top, hi, lo)).isEqualTo(v.mod(p).longValue());
    }
  }
}
