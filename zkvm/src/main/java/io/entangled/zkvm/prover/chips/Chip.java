package io.entangled.zkvm.prover.chips;

import io.entangled.zkvm.stark.air.TableDef;
import java.util.List;
import java.util.Set;

/**
 * A table that proves a family of {@link AluOp}s for the CPU table. It receives each use as one bus
 * tuple (see {@link AluOp} for the tuples and the semantics) and may send lookups to the shared
 * tables of {@link Lookups}. Padding rows receive nothing and satisfy every constraint.
 */
public interface Chip {
  /** Table name (unique within the AIR). */
  String name();

  /** The ops this chip proves; every op is proved by exactly one chip. */
  Set<AluOp> ops();

  /** The table definition (constraints of degree ≤ 3). */
  TableDef table();

  /**
   * The main trace for these events (all of this chip's ops), height a power of two ≥ 2, and the
   * lookups its rows send (padding rows included) counted into {@code counts}. Throws
   * IllegalArgumentException for an event whose x/y are not the op's result.
   */
  long[][] trace(List<AluEvent> events, LookupCounts counts);
}
