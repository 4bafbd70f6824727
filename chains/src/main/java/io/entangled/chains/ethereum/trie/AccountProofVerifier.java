package io.entangled.chains.ethereum.trie;

import io.entangled.chains.ethereum.JsonFields;
import io.entangled.chains.ethereum.rlp.RlpException;
import io.entangled.chains.ethereum.rlp.RlpItem;
import io.entangled.chains.ethereum.rlp.Rlp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Verifies EIP-1186 ({@code eth_getProof}) answers against a block's state root: the account proof
 * (inclusion, or absence of the address), that the proven account equals the claimed fields, and
 * each storage proof against the <em>proven</em> storage root with its claimed value (zero when
 * the slot is proven absent). Stateless and thread-safe.
 */
public final class AccountProofVerifier {

  private AccountProofVerifier() {}

  /**
   * A verified account with the values of its proven slots.
   *
   * @param address the account
   * @param exists false when the proof shows that the state trie has no such account
   * @param account the proven fields ({@link AccountState#EMPTY} for an absent account)
   * @param slots the proven slot values, in the answer's order
   */
  public record VerifiedAccount(byte[] address, boolean exists, AccountState account,
      List<BigInteger> slots) {}

  /**
   * Verifies {@code proof} against {@code stateRoot}.
   *
   * @throws InvalidProofException naming the rule broken
   */
  public static VerifiedAccount verify(byte[] stateRoot, AccountProof proof) {
    Optional<byte[]> leaf = MerklePatriciaProof.verify(stateRoot, Hash.sha3(proof.address()),
        proof.accountProof());
    AccountState account = leaf.map(AccountState::decode).orElse(AccountState.EMPTY);
    if (!account.sameAs(proof.claimed())) {
      throw new InvalidProofException("account-mismatch", "the proof " + (leaf.isPresent()
          ? "holds other account fields than" : "shows no account at " + JsonFields.hex(proof.address())
          + ", contradicting") + " the claimed ones");
    }
    List<BigInteger> values = new ArrayList<>();
    for (AccountProof.StorageProof slot : proof.storageProofs()) {
      values.add(verifySlot(account.storageRoot(), slot));
    }
    return new VerifiedAccount(proof.address(), leaf.isPresent(), account, List.copyOf(values));
  }

  /** The slot's proven value, which must equal the claimed one. */
  public static BigInteger verifySlot(byte[] storageRoot, AccountProof.StorageProof slot) {
    Optional<byte[]> stored = MerklePatriciaProof.verify(storageRoot, Hash.sha3(slot.key()),
        slot.proof());
    BigInteger value = stored.map(AccountProofVerifier::decodeSlotValue).orElse(BigInteger.ZERO);
    if (!value.equals(slot.value())) {
      throw new InvalidProofException("storage-mismatch", "slot " + JsonFields.hex(slot.key())
          + " holds " + value.toString(16) + " by the proof, " + slot.value().toString(16)
          + " is claimed");
    }
    return value;
  }

  private static BigInteger decodeSlotValue(byte[] encoded) {
    try {
      RlpItem item = Rlp.decode(encoded);
      BigInteger v = item.asBigInteger();
      if (v.signum() == 0 || v.bitLength() > 256) {
        throw new RlpException("stored slot value must be 1..32 bytes, non-zero");
      }
      return v;
    } catch (RlpException e) {
      throw new InvalidProofException("malformed-slot", e.getMessage());
    }
  }
}
