package io.entangled.chains.spi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source chain as the relayer sees it: a head that moves, and headers that the adapter fetches
 * <em>and verifies</em> before handing them over. One implementation per chain family; instances
 * are made by a {@link ChainAdapterFactory} found by {@code kind}.
 *
 * <p>Adapters never touch the database. The caller (the relayer's ingestion) decides finality,
 * detects reorgs from stored hashes and persists {@link Checkpoint}s. Methods may be slow (network)
 * and are called without any database transaction open.
 */
public interface ChainAdapter extends AutoCloseable {

  /** The configuration this adapter was made from. */
  ChainSpec spec();

  /**
   * The source's current head and, where the source reports one and the configuration asks for it,
   * its own finalized height.
   *
   * @throws ChainSourceException when no configured source answers
   */
  ChainHead head();

  /**
   * The source's canonical block hash at {@code height}, or empty above its head. Used to detect
   * reorgs against stored checkpoints.
   *
   * @throws ChainSourceException when no configured source answers
   */
  Optional<byte[]> canonicalHash(long height);

  /**
   * Fetches the headers at heights {@code from..to} (inclusive, in order), verifies each one by the
   * family's rules (hash recomputed from the fields, proof of work, parent links inside the batch
   * and to {@code history.at(from - 1)} when present) and returns them as checkpoints.
   *
   * @param history stored checkpoints below {@code from}, for rules that need context (Bitcoin's
   *     retarget and median time past); the adapter must not assume more than it can read there
   * @throws ChainSourceException when no configured source answers, or answers malformed data
   * @throws HeaderVerificationException when a header breaks a rule; nothing of the batch is used
   */
  List<Checkpoint> fetchVerified(long from, long to, HeaderHistory history);

  /**
   * The lowest height {@link #fetchVerified} accepts with an empty history, when the family needs
   * one: a Bitcoin adapter verifies from its trusted start (genesis or the configured checkpoint),
   * because its rules need the blocks below. Empty means any height (the relayer chooses).
   */
  default OptionalLong firstVerifiableHeight() {
    return OptionalLong.empty();
  }

  @Override
  default void close() {}
}
