package io.entangled.chains.bitcoin;

import java.math.BigInteger;

/**
 * Bitcoin's compact target encoding ({@code nBits}): a one-byte size and a 23-bit mantissa with a
 * sign bit, as in Bitcoin Core's {@code arith_uint256::SetCompact / GetCompact}.
 */
public final class CompactTarget {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private CompactTarget() {}

  /** True when the encoding is negative, zero or too large for 256 bits (no valid target). */
  public static boolean isInvalid(int bits) {
    int size = bits >>> 24;
    int word = bits & 0x007fffff;
    boolean negative = word != 0 && (bits & 0x00800000) != 0;
    boolean overflow =
        word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
    return negative || overflow || decodeMagnitude(bits).signum() == 0;
  }

  /** The target as a number; the caller checks {@link #isInvalid} first. */
  public static BigInteger decode(int bits) {
    return decodeMagnitude(bits);
  }

  private static BigInteger decodeMagnitude(int bits) {
    int size = bits >>> 24;
    long word = bits & 0x007fffffL;
    if (size <= 3) {
      return BigInteger.valueOf(word >>> (8 * (3 - size)));
    }
    return BigInteger.valueOf(word).shiftLeft(8 * (size - 3));
  }

  /** The target as four words; the caller checks {@link #isInvalid} first. */
  public static UInt256 decodeWords(int bits) {
    BigInteger v = decodeMagnitude(bits);
    return v.bitLength() > 256 ? UInt256.of(TWO_256.subtract(BigInteger.ONE)) : UInt256.of(v);
  }

  /** The compact encoding of a non-negative target (rounds down, like {@code GetCompact}). */
  public static int encode(BigInteger target) {
    int size = (target.bitLength() + 7) / 8;
    long compact;
    if (size <= 3) {
      compact = target.longValue() << (8 * (3 - size));
    } else {
      compact = target.shiftRight(8 * (size - 3)).longValue();
    }
    if ((compact & 0x00800000L) != 0) {
      compact >>>= 8;
      size++;
    }
    return (int) (compact | ((long) size << 24));
  }

  /** Expected number of hashes for a block at this target: 2^256 / (target + 1); 0 if invalid. */
  public static UInt256 work(int bits) {
    if (isInvalid(bits)) {
      return UInt256.ZERO;
    }
    return UInt256.of(TWO_256.divide(decode(bits).add(BigInteger.ONE)));
  }
}
