package io.entangled.chains.bitcoin;

import io.entangled.chains.bitcoin.source.HeaderSource;
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

/**
 * The Bitcoin-family {@link ChainAdapter}: fetches raw headers from a {@link HeaderSource} and
 * verifies them with {@link BitcoinHeaderChainVerifier} under the configured network's rules, with
 * the context rebuilt from the stored history and the trusted start.
 *
 * <p>Checkpoints: {@code hash} and {@code parentHash} in display order (as RPC prints them), {@code
 * stateCommitment} the header's Merkle root in display order, {@code rawHeader} the 80 bytes. The
 * first height this adapter can return is the trusted start's (genesis by default); that first
 * checkpoint is the configured header itself, after checking the source has the same one.
 */
public final class BitcoinChainAdapter implements ChainAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(BitcoinChainAdapter.class);

  private final ChainSpec spec;
  private final BitcoinAdapterOptions options;
  private final HeaderSource source;

  public BitcoinChainAdapter(ChainSpec spec, BitcoinAdapterOptions options, HeaderSource source) {
    this.spec = spec;
    this.options = options;
    this.source = source;
  }

  @Override
  public ChainSpec spec() {
    return spec;
  }

  /** The parsed options (network, source, trusted start). */
  public BitcoinAdapterOptions options() {
    return options;
  }

  /** The source, for family-specific calls (e.g. {@code gettxoutproof} on an RPC source). */
  public HeaderSource source() {
    return source;
  }

  @Override
  public ChainHead head() {
    long tip = source.tipHeight();
    byte[] hash =
        source
            .blockHash(tip)
            .orElseThrow(
                () -> new ChainSourceException("the source has no hash for its own tip " + tip));
    return new ChainHead(tip, hash, OptionalLong.empty());
  }

  /** The trusted start's height (0 for genesis): ingestion must begin there. */
  @Override
  public OptionalLong firstVerifiableHeight() {
    return OptionalLong.of(options.start().height());
  }

  @Override
  public Optional<byte[]> canonicalHash(long height) {
    return source.blockHash(height);
  }

  @Override
  public List<Checkpoint> fetchVerified(long from, long to, HeaderHistory history) {
    TrustedStart start = options.start();
    if (from < start.height()) {
      throw new IllegalArgumentException(
          "heights below the trusted start "
              + start.height()
              + " (option start.height) cannot be verified; asked from "
              + from);
    }
    if (to < from) {
      throw new IllegalArgumentException("empty range " + from + ".." + to);
    }
    List<byte[]> raw = source.headers(from, to);
    if (raw.size() != to - from + 1) {
      throw new ChainSourceException("asked " + (to - from + 1) + " headers, got " + raw.size());
    }
    List<Checkpoint> out = new ArrayList<>(raw.size());
    int i = 0;
    if (from == start.height()) {
      out.add(checkpoint(from, startHeader(raw.get(0))));
      i = 1;
    }
    BitcoinHeaderChainVerifier verifier =
        new HistoryContext(options.network(), start, history).verifierAt(from + i - 1);
    for (; i < raw.size(); i++) {
      long height = from + i;
      Optional<RuleViolation> v = verifier.verifyNext(raw.get(i));
      if (v.isPresent()) {
        LOG.debug("chain {}: {}", spec.id(), v.get());
        throw v.get().toException();
      }
      out.add(checkpoint(height, BitcoinHeader.parse(raw.get(i))));
    }
    return out;
  }

  private BitcoinHeader startHeader(byte[] fromSource) {
    byte[] configured = options.start().header();
    if (!Arrays.equals(configured, fromSource)) {
      throw new HeaderVerificationException(
          "trusted-start",
          options.start().height(),
          "the source's header differs from the configured start header");
    }
    return BitcoinHeader.parse(configured);
  }

  private static Checkpoint checkpoint(long height, BitcoinHeader h) {
    return new Checkpoint(
        height,
        Bytes.reversed(h.hash()),
        Bytes.reversed(h.prevHash()),
        Bytes.reversed(h.merkleRoot()),
        h.time(),
        h.serialize());
  }

  @Override
  public void close() {
    source.close();
  }
}
