package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.Bytes;

/**
 * A transaction the proof matched.
 *
 * @param index its position in the block
 * @param txid its id, internal byte order
 */
public record MatchedTransaction(long index, byte[] txid) {

  /** The txid as RPC and explorers print it (reversed hex). */
  public String txidHex() {
    return Bytes.hex(Bytes.reversed(txid));
  }
}
