package io.entangled.chains.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.ethereum.trie.AccountProof;
import io.entangled.chains.ethereum.trie.AccountProofVerifier;
import io.entangled.chains.ethereum.trie.InvalidProofException;
import io.entangled.chains.spi.ChainAdapter;
import io.entangled.chains.spi.ChainHead;
import io.entangled.chains.spi.ChainSourceException;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderHistory;
import io.entangled.chains.spi.HeaderVerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;

/**
 * Follows an EVM chain ({@code ethereum}) or an OP-stack L2 ({@code optimism}) over JSON-RPC and
 * verifies every header it hands over: the hash recomputed from the fields (every fork's layout),
 * the number asked for, and the parent links inside the batch and to the stored checkpoint below.
 * For {@code optimism} the state commitment is the output root
 * {@code keccak256(bytes32(0) ‖ stateRoot ‖ messagePasserStorageRoot ‖ blockHash)}, the storage
 * root proven by an {@code eth_getProof} of the message passer, asked for by the verified block
 * hash, against the header's state root.
 */
public final class EthereumChainAdapter implements ChainAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(EthereumChainAdapter.class);

  private final ChainSpec spec;
  private final EthereumAdapterOptions options;
  private final EthereumRpc rpc;
  private final boolean optimism;

  EthereumChainAdapter(ChainSpec spec, EthereumAdapterOptions options, EthereumRpc rpc, boolean optimism) {
    this.spec = spec;
    this.options = options;
    this.rpc = rpc;
    this.optimism = optimism;
  }

  @Override
  public ChainSpec spec() {
    return spec;
  }

  @Override
  public ChainHead head() {
    List<EthRpcClient.Call> calls = new ArrayList<>();
    calls.add(blockCall("latest"));
    if (spec.useFinalizedTag()) {
      calls.add(blockCall("finalized"));
    }
    List<EthRpcClient.Answer> answers = rpc.batch(spec.id() + " head", calls, 1);
    JsonNode latest = answers.get(0).result();
    if (latest.isNull()) {
      throw new ChainSourceException(spec.id() + ": the source has no latest block");
    }
    return parsed(() -> new ChainHead(JsonFields.longQuantity(latest, "number"),
        EthHeaderJson.claimedHash(latest), finalizedHeight(answers)));
  }

  /** The finalized tag's height; empty when not asked for, or when the node does not serve it. */
  private OptionalLong finalizedHeight(List<EthRpcClient.Answer> answers) {
    if (answers.size() < 2 || !answers.get(1).ok() || answers.get(1).result().isNull()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(JsonFields.longQuantity(answers.get(1).result(), "number"));
  }

  @Override
  public Optional<byte[]> canonicalHash(long height) {
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative, got " + height);
    }
    JsonNode block = rpc.batch(spec.id() + " hash at " + height, List.of(blockCall(quantity(height))), 1)
        .get(0).result();
    return block.isNull() ? Optional.empty() : Optional.of(parsed(() -> EthHeaderJson.claimedHash(block)));
  }

  @Override
  public List<Checkpoint> fetchVerified(long from, long to, HeaderHistory history) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad range " + from + ".." + to);
    }
    List<Checkpoint> out = new ArrayList<>((int) Math.min(to - from + 1, 100_000));
    byte[] parent = history.at(from - 1).map(Checkpoint::hash).orElse(null);
    for (long start = from; start <= to; start += options.batchSize()) {
      long end = Math.min(to, start + options.batchSize() - 1);
      for (Checkpoint c : fetchBatch(start, end)) {
        checkParent(c, parent);
        out.add(c);
        parent = c.hash();
      }
    }
    return out;
  }

  private List<Checkpoint> fetchBatch(long from, long to) {
    int n = (int) (to - from + 1);
    List<EthRpcClient.Call> calls = new ArrayList<>(n);
    for (long h = from; h <= to; h++) {
      calls.add(blockCall(quantity(h)));
    }
    List<EthRpcClient.Answer> blocks = rpc.batch(spec.id() + " blocks " + from + ".." + to, calls, n);
    List<VerifiedHeader> headers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      headers.add(verifyHeader(from + i, blocks.get(i).result()));
    }
    List<JsonNode> proofs = optimism ? passerProofs(headers) : null;
    List<Checkpoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(checkpoint(headers.get(i), proofs == null ? null : proofs.get(i)));
    }
    return out;
  }

  /**
   * The message passer's proofs, asked for by the verified block hashes (EIP-1898), so that a
   * reorg between the two batches cannot pair a header with another block's state.
   */
  private List<JsonNode> passerProofs(List<VerifiedHeader> headers) {
    List<EthRpcClient.Call> calls = new ArrayList<>(headers.size());
    for (VerifiedHeader h : headers) {
      calls.add(new EthRpcClient.Call("eth_getProof", List.of(JsonFields.hex(options.messagePasser()),
          List.of(), java.util.Map.of("blockHash", JsonFields.hex(h.hash())))));
    }
    String what = spec.id() + " message-passer proofs " + headers.get(0).height() + ".."
        + headers.get(headers.size() - 1).height();
    return rpc.batch(what, calls, calls.size()).stream().map(EthRpcClient.Answer::result).toList();
  }

  /** A header whose hash was recomputed and matched. */
  private record VerifiedHeader(long height, EthHeader header, byte[] hash, byte[] encoded) {}

  /** Verifies one fetched block (and for optimism its message-passer proof) into a checkpoint. */
  Checkpoint verify(long height, JsonNode block, JsonNode passerProof) {
    return checkpoint(verifyHeader(height, block), passerProof);
  }

  private VerifiedHeader verifyHeader(long height, JsonNode block) {
    if (block.isNull()) {
      throw new ChainSourceException(spec.id() + ": the source has no block " + height + " (above its head?)");
    }
    EthHeader header = parsed(() -> EthHeaderJson.parse(block));
    byte[] claimed = parsed(() -> EthHeaderJson.claimedHash(block));
    byte[] encoded = header.encode();
    byte[] hash = Hash.sha3(encoded);
    if (header.number().longValue() != height || header.number().bitLength() > 63) {
      throw reject("block-number", height, "asked for " + height + ", got block " + header.number());
    }
    if (!Arrays.equals(hash, claimed)) {
      throw reject("block-hash", height, "fields hash to " + JsonFields.hex(hash) + ", the source says "
          + JsonFields.hex(claimed));
    }
    return new VerifiedHeader(height, header, hash, encoded);
  }

  private Checkpoint checkpoint(VerifiedHeader v, JsonNode passerProof) {
    byte[] commitment = optimism ? outputRoot(v.height(), v.header(), v.hash(), passerProof)
        : v.header().stateRoot();
    return new Checkpoint(v.height(), v.hash(), v.header().parentHash(), commitment, v.header().time(),
        v.encoded());
  }

  private byte[] outputRoot(long height, EthHeader header, byte[] blockHash, JsonNode proofJson) {
    if (proofJson == null || proofJson.isNull()) {
      throw new ChainSourceException(spec.id() + ": no message-passer proof for block " + height);
    }
    AccountProof proof = parsed(() -> AccountProof.fromJson(proofJson));
    if (!Arrays.equals(proof.address(), options.messagePasser())) {
      throw reject("message-passer-proof", height, "the proof is for " + JsonFields.hex(proof.address()));
    }
    try {
      byte[] storageRoot = AccountProofVerifier.verify(header.stateRoot(), proof).account().storageRoot();
      return OutputRoot.v0(header.stateRoot(), storageRoot, blockHash);
    } catch (InvalidProofException e) {
      throw reject("message-passer-proof", height, e.getMessage());
    }
  }

  private void checkParent(Checkpoint c, byte[] expectedParent) {
    if (expectedParent != null && !Arrays.equals(c.parentHash(), expectedParent)) {
      throw reject("parent-link", c.height(), "parent hash " + JsonFields.hex(c.parentHash())
          + " is not the hash of block " + (c.height() - 1) + ", " + JsonFields.hex(expectedParent));
    }
  }

  private HeaderVerificationException reject(String rule, long height, String detail) {
    LOG.debug("chain {}: block {} rejected by rule {}: {}", spec.id(), height, rule, detail);
    return new HeaderVerificationException(rule, height, "chain " + spec.id() + ": " + detail);
  }

  private <T> T parsed(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (MalformedFieldException e) {
      throw new ChainSourceException(spec.id() + ": malformed answer: " + e.getMessage());
    }
  }

  private static EthRpcClient.Call blockCall(String tag) {
    return new EthRpcClient.Call("eth_getBlockByNumber", List.of(tag, false));
  }

  private static String quantity(long height) {
    return "0x" + Long.toHexString(height);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
