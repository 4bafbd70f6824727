package io.entangled.chains.spi;

/**
 * One verified block header, as the relayer stores it.
 *
 * @param height block number
 * @param hash block hash, 32 bytes (Bitcoin: the display order, i.e. reversed double-SHA256)
 * @param parentHash the parent's hash, same convention
 * @param stateCommitment what the entangled root commits to for this block: the EVM state root, the
 *     OP-stack output root, or Bitcoin's Merkle root (32 bytes)
 * @param timestamp block time, seconds since the Unix epoch
 * @param rawHeader the header's canonical encoding (RLP for EVM chains, the 80 bytes for Bitcoin)
 */
public record Checkpoint(
    long height,
    byte[] hash,
    byte[] parentHash,
    byte[] stateCommitment,
    long timestamp,
    byte[] rawHeader) {}
