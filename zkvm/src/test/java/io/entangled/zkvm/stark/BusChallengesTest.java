package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive batch sum of tuple inverses agrees with the plain one, tuple by tuple. */
class BusChallengesTest {
  @Test
  void flatTupleSumEqualsTheSumOfSingleTerms() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      BusChallenges bus = new BusChallenges(new Ext(rnd.nextLong() & Long.MAX_VALUE, 3),
          new Ext(rnd.nextLong() & Long.MAX_VALUE, rnd.nextInt(1000)));
      int arity = 1 + rnd.nextInt(4);
      int n = rnd.nextInt(50);
      long[] flat = new long[n * arity];
      List<Ext> dens = new ArrayList<>();
      Ext oneByOne = Ext.ZERO;
      for (int k = 0; k < n; k++) {
        long[] tuple = new long[arity];
        for (int i = 0; i < arity; i++) {
          tuple[i] = Goldilocks.reduce(rnd.nextLong() & Long.MAX_VALUE);
          flat[k * arity + i] = tuple[i];
        }
        dens.add(bus.denominator(7, tuple));
        oneByOne = oneByOne.add(bus.term(7, 1, tuple));
      }
      assertThat(bus.sumOfInverses(7, flat, arity)).isEqualTo(oneByOne)
          .isEqualTo(BusChallenges.sumOfInverses(dens));
    }
  }
}
