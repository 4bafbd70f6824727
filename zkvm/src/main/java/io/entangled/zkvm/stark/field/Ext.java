package io.entangled.zkvm.stark.field;

/**
 * An element c0 + c1·u of the quadratic extension GF(p)[u] / (u^2 - 7). Immutable value for code
 * outside hot loops (verifier, challenges); hot loops use the static pair methods of {@link Ext2}.
 */
public record Ext(long c0, long c1) {
  public static final Ext ZERO = new Ext(0, 0);
  public static final Ext ONE = new Ext(1, 0);

  public static Ext of(long base) {
    return new Ext(base, 0);
  }

  public boolean isZero() {
    return c0 == 0 && c1 == 0;
  }

  public Ext add(Ext o) {
    return new Ext(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
  }

  public Ext sub(Ext o) {
    return new Ext(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
  }

  public Ext neg() {
    return new Ext(Goldilocks.neg(c0), Goldilocks.neg(c1));
  }

  public Ext mul(Ext o) {
    return new Ext(Ext2.mul0(c0, c1, o.c0, o.c1), Ext2.mul1(c0, c1, o.c0, o.c1));
  }

  public Ext mul(long base) {
    return new Ext(Goldilocks.mul(c0, base), Goldilocks.mul(c1, base));
  }

  public Ext square() {
    return mul(this);
  }

  public Ext pow(long e) {
    Ext r = ONE;
    Ext b = this;
    long x = e;
    while (x != 0) {
      if ((x & 1) != 0) {
        r = r.mul(b);
      }
      b = b.square();
      x >>>= 1;
    }
    return r;
  }

  /** Inverse; throws {@link ArithmeticException} for zero. */
  public Ext inv() {
    long norm = Ext2.norm(c0, c1);
    long ni = Goldilocks.inv(norm);
    return new Ext(Goldilocks.mul(c0, ni), Goldilocks.neg(Goldilocks.mul(c1, ni)));
  }

  public Ext div(Ext o) {
    return mul(o.inv());
  }
}
