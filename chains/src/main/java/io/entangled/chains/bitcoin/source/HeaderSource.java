package io.entangled.chains.bitcoin.source;

import java.util.List;
import java.util.Optional;

/**
 * Where raw Bitcoin headers come from: a node's JSON-RPC, an Esplora REST API or a file. Sources
 * are not trusted; everything they return is verified by the adapter.
 */
public interface HeaderSource extends AutoCloseable {

  /** Height of the source's best block. */
  long tipHeight();

  /** Block hash at {@code height} in display order, or empty above the tip. */
  Optional<byte[]> blockHash(long height);

  /** The 80-byte headers at heights {@code from..to}, inclusive and in order. */
  List<byte[]> headers(long from, long to);

  @Override
  default void close() {}
}
