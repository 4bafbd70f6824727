package io.entangled.zkvm.stark.proof;

import java.util.List;

/** Rows of one committed matrix at the distinct sorted query positions and the batch Merkle proof. */
public record TreeOpening(long[][] rows, List<byte[]> siblings) {}
