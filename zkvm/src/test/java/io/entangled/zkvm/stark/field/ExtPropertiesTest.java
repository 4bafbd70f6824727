package io.entangled.zkvm.stark.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ExtPropertiesTest {
  static final BigInteger P = GoldilocksPropertiesTest.P;
  static final BigInteger W = BigInteger.valueOf(7);

  static Ext ext(long a, long b) {
    return new Ext(GoldilocksPropertiesTest.canon(a), GoldilocksPropertiesTest.canon(b));
  }

  static BigInteger big(long x) {
    return GoldilocksPropertiesTest.big(x);
  }

  @Property
  void mulMatchesBigInteger(@ForAll long a0, @ForAll long a1, @ForAll long b0, @ForAll long b1) {
    Ext a = ext(a0, a1);
    Ext b = ext(b0, b1);
    Ext c = a.mul(b);
    BigInteger r0 = big(a.c0()).multiply(big(b.c0())).add(W.multiply(big(a.c1())).multiply(big(b.c1()))).mod(P);
    BigInteger r1 = big(a.c0()).multiply(big(b.c1())).add(big(a.c1()).multiply(big(b.c0()))).mod(P);
    assertThat(big(c.c0())).isEqualTo(r0);
    assertThat(big(c.c1())).isEqualTo(r1);
  }

  @Property
  void addAndSubMatchBigInteger(@ForAll long a0, @ForAll long a1, @ForAll long b0, @ForAll long b1) {
    Ext a = ext(a0, a1);
    Ext b = ext(b0, b1);
    assertThat(big(a.add(b).c1())).isEqualTo(big(a.c1()).add(big(b.c1())).mod(P));
    assertThat(big(a.sub(b).c0())).isEqualTo(big(a.c0()).subtract(big(b.c0())).mod(P));
  }

  @Property
  void inverseTimesElementIsOne(@ForAll long a0, @ForAll long a1) {
    Ext a = ext(a0, a1);
    if (a.isZero()) {
      return;
    }
    assertThat(a.mul(a.inv())).isEqualTo(Ext.ONE);
  }

  @Property
  void batchInverseMatchesSingleInverses(@ForAll long a0, @ForAll long a1, @ForAll long b0) {
    Ext[] xs = {ext(a0, a1 | 1), ext(b0, 3), ext(1, 0)};
    long[] in0 = new long[3];
    long[] in1 = new long[3];
    for (int i = 0; i < 3; i++) {
      in0[i] = xs[i].c0();
      in1[i] = xs[i].c1();
    }
    long[] o0 = new long[3];
    long[] o1 = new long[3];
    Ext2.batchInverse(in0, in1, o0, o1, 0, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(new Ext(o0[i], o1[i])).isEqualTo(xs[i].inv());
    }
  }
}
