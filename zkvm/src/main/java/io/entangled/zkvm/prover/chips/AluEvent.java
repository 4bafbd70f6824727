package io.entangled.zkvm.prover.chips;

/**
 * One use of a chip by the CPU table: the bus tuple's values (see {@link AluOp}). For memory ops
 * {@code a} = off, {@code b} = rt, {@code imm} = before, and hiIn, loIn, y are 0.
 */
public record AluEvent(AluOp op, long a, long b, long imm, long hiIn, long loIn, long x, long y) {
  /** A memory-op event (off, rt, before → x). */
  public static AluEvent memory(AluOp op, long off, long rt, long before, long x) {
    return new AluEvent(op, off, rt, before, 0, 0, x, 0);
  }
}
