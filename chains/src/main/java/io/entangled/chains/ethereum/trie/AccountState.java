package io.entangled.chains.ethereum.trie;

import io.entangled.chains.ethereum.rlp.Rlp;
import io.entangled.chains.ethereum.rlp.RlpException;
import io.entangled.chains.ethereum.rlp.RlpItem;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An account as the state trie stores it: {@code rlp([nonce, balance, storageRoot, codeHash])}.
 *
 * @param nonce the account nonce
 * @param balance the balance in wei
 * @param storageRoot root of the account's storage trie (the empty trie root when it has none)
 * @param codeHash keccak256 of the code (of the empty string when it has none)
 */
public record AccountState(BigInteger nonce, BigInteger balance, byte[] storageRoot, byte[] codeHash) {
  /** keccak256 of the empty string: the code hash of an account without code. */
  public static final byte[] EMPTY_CODE_HASH =
      HexFormat.of().parseHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

  /** What an absent account reads as. */
  public static final AccountState EMPTY = new AccountState(BigInteger.ZERO, BigInteger.ZERO,
      MerklePatriciaProof.EMPTY_TRIE_ROOT, EMPTY_CODE_HASH);

  /** Decodes the state trie's value, strictly. */
  public static AccountState decode(byte[] encoded) {
    try {
      List<RlpItem> items = Rlp.decode(encoded).items();
      if (items.size() != 4) {
        throw new RlpException("account has " + items.size() + " fields, not 4");
      }
      byte[] storageRoot = items.get(2).bytes();
      byte[] codeHash = items.get(3).bytes();
      if (storageRoot.length != 32 || codeHash.length != 32) {
        throw new RlpException("storage root and code hash must be 32 bytes");
      }
      return new AccountState(items.get(0).asBigInteger(), items.get(1).asBigInteger(),
          storageRoot, codeHash);
    } catch (RlpException e) {
      throw new InvalidProofException("malformed-account", e.getMessage());
    }
  }

  /** Field-by-field equality (records compare arrays by identity). */
  public boolean sameAs(AccountState other) {
    return nonce.equals(other.nonce) && balance.equals(other.balance)
        && Arrays.equals(storageRoot, other.storageRoot) && Arrays.equals(codeHash, other.codeHash);
  }
}
