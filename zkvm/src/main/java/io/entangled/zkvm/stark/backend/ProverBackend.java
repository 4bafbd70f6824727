package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.merkle.MerkleTree;
import java.util.concurrent.ForkJoinPool;

/**
 * The heavy kernels of the prover, found by {@link java.util.ServiceLoader}. Every implementation
 * must return exactly the same values (all field elements canonical) so that proofs are
 * byte-identical whichever backend made them. Columns are column-major {@code long[column][row]},
 * rows in natural order. The caller owns the columns a kernel returns and may hand them to {@link
 * ColumnPool#shared()} when done with them; a kernel may take its outputs from that pool.
 */
public interface ProverBackend {

  /** Short name for logs. */
  String name();

  /** Higher wins among available backends; the CPU backend has 0. */
  int priority();

  /** Whether the backend can run here (a GPU backend returns false without a device). */
  boolean isAvailable();

  /**
   * Coset low-degree extension: each column holds evaluations on H = ⟨ω_n⟩ (natural order); returns
   * the evaluations of its interpolant on s·⟨ω_m⟩, m = n·2^logBlowup, s = {@code
   * Goldilocks.cosetShift(log m)}, natural order.
   */
  long[][] lowDegreeExtend(long[][] columns, int logBlowup);

  /** Coefficients of each column from its evaluations on shift·⟨ω_len⟩ (natural order). */
  long[][] interpolateCoset(long[][] evaluations, long shift);

  /** Each coefficient column (zero-padded) evaluated on shift·⟨ω_size⟩, natural order. */
  long[][] evaluateOnCoset(long[][] coefficients, int size, long shift);

  /**
   * Merkle tree over the rows: leaf = SHA-256 of the row's elements, each 8 bytes big-endian, in
   * column order; node = SHA-256(left ‖ right); cap of 2^capHeight nodes.
   */
  MerkleTree commitRows(long[][] columns, int capHeight);

  /**
   * The quotient over a table's LDE: for every LDE row, with y the row's point, the α-combination of
   * the constraints (α^i for the i-th of {@code TableDef#allConstraints}) per kind, combined as
   * (every + (y − ω^-1)·transition)/(y^n − 1) + first/(y − 1) + last/(y − ω^-1). Returns {c0, c1}.
   */
  long[][] evaluateQuotient(QuotientInputs inputs);

  /**
   * The DEEP quotient of one table on its LDE of 2^logM rows (columns in opening order: the first
   * {@code weightsAtNext.length} are also opened at zω): Σ_j wz_j (f_j(y) − f_j(z))/(y − z) + Σ_j
   * wn_j (f_j(y) − f_j(zω))/(y − zω), where constZ = Σ wz_j f_j(z), constNext = Σ wn_j f_j(zω) and
   * wn_j = wz_j·γ^J. Returns {c0, c1}. The default runs {@link DeepKernel} on the common pool.
   */
  default long[][] deepQuotient(long[][] columns, Ext[] weightsAtZ, Ext[] weightsAtNext,
      Ext constZ, Ext constNext, Ext z, Ext zNext, int logM) {
    return DeepKernel.quotient(columns, weightsAtZ, weightsAtNext, constZ, constNext, z, zNext,
        logM, ForkJoinPool.commonPool(), ColumnPool.shared());
  }

  /**
   * A table's LogUp auxiliary columns on its trace domain (rows in natural order), (c0, c1) per
   * extension column: per interaction group of {@link TableDef#auxGroups} the sum of its members'
   * terms ±m/(α − h) of every row (α = challenges[0], fingerprints h from the challenges), then the
   * running sum of all of them, whose last row is the table's claimed sum. Throws {@link
   * ArithmeticException} when a denominator vanishes. The default runs {@link LogUpKernel} on the
   * common pool.
   */
  default long[][] logUpColumns(TableDef def, long[][] main, long[][] preprocessed,
      Ext[] challenges, long[] publicValues) {
    return LogUpKernel.columns(def, main, preprocessed, challenges, publicValues,
        ForkJoinPool.commonPool(), ColumnPool.shared());
  }

  /**
   * The values at z and at z·ω_n (z outside H = ⟨ω_n⟩) of the polynomials of degree below n whose
   * values on H are the columns: {at z, at zω}, one entry per column. The default runs {@link
   * OutOfDomain} on the common pool.
   */
  default Ext[][] valuesAtAndNext(long[][] columns, int logN, Ext z) {
    return OutOfDomain.valuesAtAndNext(columns, logN, z, ForkJoinPool.commonPool());
  }

  /**
   * One FRI folding by 2 of an extension vector given on shift·⟨ω⟩ (natural order) with challenge
   * beta: returns {c0, c1} of half the length. The default is the pure-Java {@link FriFolding}.
   */
  default long[][] friFold(long[] c0, long[] c1, long shift, Ext beta) {
    return FriFolding.foldVector(c0, c1, shift, beta, ForkJoinPool.commonPool(),
        ColumnPool.shared());
  }
}
