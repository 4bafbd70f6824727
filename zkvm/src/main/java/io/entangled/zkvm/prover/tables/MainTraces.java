package io.entangled.zkvm.prover.tables;

import java.util.List;

/**
 * The main traces of the MIPS AIR's tables (in table order) and the public values they prove.
 *
 * @param traces one long[column][row] per table
 * @param publicValues exit code and cycle count
 */
public record MainTraces(List<long[][]> traces, long[] publicValues) {}
