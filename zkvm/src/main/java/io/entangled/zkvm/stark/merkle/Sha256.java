package io.entangled.zkvm.stark.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 through the JDK (CPU SHA instructions), one cloned digest per thread. */
public final class Sha256 {
  private static final MessageDigest PROTOTYPE = create();
  private static final ThreadLocal<MessageDigest> LOCAL = ThreadLocal.withInitial(Sha256::copy);

  private Sha256() {}

  /** A digest owned by the calling thread (reset before use). */
  public static MessageDigest digest() {
    MessageDigest d = LOCAL.get();
    d.reset();
    return d;
  }

  public static byte[] hash(byte[] data) {
    return digest().digest(data);
  }

  /** SHA-256(left ‖ right). */
  public static byte[] compress(byte[] left, byte[] right) {
    MessageDigest d = digest();
    d.update(left);
    d.update(right);
    return d.digest();
  }

  private static MessageDigest copy() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return create();
    }
  }

  private static MessageDigest create() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
