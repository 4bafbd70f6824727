package io.entangled.chains.ethereum;

import io.entangled.chains.ethereum.rlp.Rlp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * An Ethereum execution-layer block header with the fields of every fork so far. Optional fork
 * fields are null when the block predates the fork; which ones are present decides the encoding:
 * London adds {@code baseFeePerGas}, Shanghai {@code withdrawalsRoot}, Cancun {@code blobGasUsed},
 * {@code excessBlobGas} and {@code parentBeaconBlockRoot}, Prague {@code requestsHash}. A later
 * fork's field without the earlier ones is rejected (no such header exists).
 */
public record EthHeader(
    byte[] parentHash,
    byte[] ommersHash,
    byte[] beneficiary,
    byte[] stateRoot,
    byte[] transactionsRoot,
    byte[] receiptsRoot,
    byte[] logsBloom,
    BigInteger difficulty,
    BigInteger number,
    BigInteger gasLimit,
    BigInteger gasUsed,
    BigInteger timestamp,
    byte[] extraData,
    byte[] mixHash,
    byte[] nonce,
    BigInteger baseFeePerGas,
    byte[] withdrawalsRoot,
    BigInteger blobGasUsed,
    BigInteger excessBlobGas,
    byte[] parentBeaconBlockRoot,
    byte[] requestsHash) {

  /** The hard fork whose header layout this header has. */
  public enum Layout { FRONTIER, LONDON, SHANGHAI, CANCUN, PRAGUE }

  public EthHeader {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(timestamp, "timestamp");
    checkForkOrder(baseFeePerGas != null, withdrawalsRoot != null,
        blobGasUsed != null || excessBlobGas != null || parentBeaconBlockRoot != null,
        requestsHash != null);
    if ((blobGasUsed == null) != (excessBlobGas == null)
        || (blobGasUsed == null) != (parentBeaconBlockRoot == null)) {
      throw new MalformedFieldException("blobGasUsed",
          "blobGasUsed, excessBlobGas and parentBeaconBlockRoot must appear together");
    }
  }

  private static void checkForkOrder(boolean london, boolean shanghai, boolean cancun, boolean prague) {
    if (prague && !cancun) {
      throw new MalformedFieldException("requestsHash", "is present without the Cancun fields");
    }
    if (cancun && !shanghai) {
      throw new MalformedFieldException("blobGasUsed", "is present without withdrawalsRoot");
    }
    if (shanghai && !london) {
      throw new MalformedFieldException("withdrawalsRoot", "is present without baseFeePerGas");
    }
  }

  /** The layout chosen by the fork fields present. */
  public Layout layout() {
    if (requestsHash != null) {
      return Layout.PRAGUE;
    }
    if (parentBeaconBlockRoot != null) {
      return Layout.CANCUN;
    }
    if (withdrawalsRoot != null) {
      return Layout.SHANGHAI;
    }
    return baseFeePerGas != null ? Layout.LONDON : Layout.FRONTIER;
  }

  /** The canonical RLP encoding (what the block hash is taken over). */
  public byte[] encode() {
    List<byte[]> items = new ArrayList<>(21);
    items.add(Rlp.encodeBytes(parentHash));
    items.add(Rlp.encodeBytes(ommersHash));
    items.add(Rlp.encodeBytes(beneficiary));
    items.add(Rlp.encodeBytes(stateRoot));
    items.add(Rlp.encodeBytes(transactionsRoot));
    items.add(Rlp.encodeBytes(receiptsRoot));
    items.add(Rlp.encodeBytes(logsBloom));
    items.add(Rlp.encodeBigInteger(difficulty));
    items.add(Rlp.encodeBigInteger(number));
    items.add(Rlp.encodeBigInteger(gasLimit));
    items.add(Rlp.encodeBigInteger(gasUsed));
    items.add(Rlp.encodeBigInteger(timestamp));
    items.add(Rlp.encodeBytes(extraData));
    items.add(Rlp.encodeBytes(mixHash));
    items.add(Rlp.encodeBytes(nonce));
    addForkFields(items);
    return Rlp.encodeList(items);
  }

  private void addForkFields(List<byte[]> items) {
    if (baseFeePerGas != null) {
      items.add(Rlp.encodeBigInteger(baseFeePerGas));
    }
    if (withdrawalsRoot != null) {
      items.add(Rlp.encodeBytes(withdrawalsRoot));
    }
    if (blobGasUsed != null) {
      items.add(Rlp.encodeBigInteger(blobGasUsed));
      items.add(Rlp.encodeBigInteger(excessBlobGas));
      items.add(Rlp.encodeBytes(parentBeaconBlockRoot));
    }
    if (requestsHash != null) {
      items.add(Rlp.encodeBytes(requestsHash));
    }
  }

  /** keccak256 of the encoding: the block hash. */
  public byte[] hash() {
    return Hash.sha3(encode());
  }

  /** The block number as a long. */
  public long height() {
    return number.longValueExact();
  }

  /** The timestamp as a long. */
  public long time() {
    return timestamp.longValueExact();
  }
}
