package io.entangled.chains.ethereum;

import org.web3j.crypto.Hash;

/** The OP-stack output root, version 0. */
public final class OutputRoot {
  private OutputRoot() {}

  /** {@code keccak256(bytes32(0) ‖ stateRoot ‖ messagePasserStorageRoot ‖ blockHash)}. */
  public static byte[] v0(byte[] stateRoot, byte[] messagePasserStorageRoot, byte[] blockHash) {
    byte[] preimage = new byte[128];
    System.arraycopy(check(stateRoot, "stateRoot"), 0, preimage, 32, 32);
    System.arraycopy(check(messagePasserStorageRoot, "messagePasserStorageRoot"), 0, preimage, 64, 32);
    System.arraycopy(check(blockHash, "blockHash"), 0, preimage, 96, 32);
    return Hash.sha3(preimage);
  }

  private static byte[] check(byte[] value, String name) {
    if (value.length != 32) {
      throw new IllegalArgumentException(name + " must be 32 bytes, got " + value.length);
    }
    return value;
  }
}
