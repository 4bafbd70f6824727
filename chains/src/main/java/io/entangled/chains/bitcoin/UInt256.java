package io.entangled.chains.bitcoin;

import java.math.BigInteger;

/**
 * An unsigned 256-bit number as four 64-bit words, for the hot path of header verification
 * (comparing a hash with a target, adding up chainwork) without {@link BigInteger}.
 */
public final class UInt256 implements Comparable<UInt256> {
  private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Zero. */
  public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);

  final long w0;
  final long w1;
  final long w2;
  final long w3;

  UInt256(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** The value of a non-negative {@code value} below 2^256. */
  public static UInt256 of(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value out of the 256-bit unsigned range: " + value);
    }
    return new UInt256(
        value.and(MASK64).longValue(),
        value.shiftRight(64).and(MASK64).longValue(),
        value.shiftRight(128).and(MASK64).longValue(),
        value.shiftRight(192).and(MASK64).longValue());
  }

  /** Reads 32 bytes at {@code off} as a little-endian number (how Bitcoin compares hashes). */
  public static UInt256 fromLittleEndian(byte[] bytes, int off) {
    return new UInt256(
        Bytes.longLe(bytes, off),
        Bytes.longLe(bytes, off + 8),
        Bytes.longLe(bytes, off + 16),
        Bytes.longLe(bytes, off + 24));
  }

  /** True when the 32 little-endian bytes at {@code off} are at most this value. */
  public boolean isAtLeastLittleEndian(byte[] bytes, int off) {
    int c = Long.compareUnsigned(Bytes.longLe(bytes, off + 24), w3);
    if (c != 0) {
      return c < 0;
    }
    c = Long.compareUnsigned(Bytes.longLe(bytes, off + 16), w2);
    if (c != 0) {
      return c < 0;
    }
    c = Long.compareUnsigned(Bytes.longLe(bytes, off + 8), w1);
    if (c != 0) {
      return c < 0;
    }
    return Long.compareUnsigned(Bytes.longLe(bytes, off), w0) <= 0;
  }

  /** {@code this + other}, wrapping at 2^256 (chainwork never gets near it). */
  public UInt256 add(UInt256 other) {
    long r0 = w0 + other.w0;
    long c0 = Long.compareUnsigned(r0, w0) < 0 ? 1 : 0;
    long r1 = w1 + other.w1 + c0;
    long c1 = carry(w1, other.w1, c0, r1);
    long r2 = w2 + other.w2 + c1;
    long c2 = carry(w2, other.w2, c1, r2);
    return new UInt256(r0, r1, r2, w3 + other.w3 + c2);
  }

  private static long carry(long a, long b, long carryIn, long sum) {
    return (Long.compareUnsigned(sum, a) < 0 || (carryIn == 1 && sum == a)) ? 1 : 0;
  }

  /** The value as a {@link BigInteger}. */
  public BigInteger toBigInteger() {
    BigInteger v = BigInteger.ZERO;
    for (long w : new long[] {w3, w2, w1, w0}) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(w)));
    }
    return v;
  }

  /** 64 lower-case hex digits, big-endian (as Bitcoin Core prints chainwork). */
  public String toHex() {
    return String.format("%016x%016x%016x%016x", w3, w2, w1, w0);
  }

  @Override
  public int compareTo(UInt256 o) {
    int c = Long.compareUnsigned(w3, o.w3);
    if (c == 0) {
      c = Long.compareUnsigned(w2, o.w2);
    }
    if (c == 0) {
      c = Long.compareUnsigned(w1, o.w1);
    }
    return c == 0 ? Long.compareUnsigned(w0, o.w0) : c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UInt256 u && compareTo(u) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(w0 ^ w1 ^ w2 ^ w3);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
