package io.entangled.zkvm.stark.proof;

import io.entangled.zkvm.stark.field.Ext;
import java.util.List;

/**
 * A proof of one piece. Openings are ordered per table (preprocessed if any, main, aux if any,
 * quotient), then per FRI layer. See STARK.md for the byte layout ({@link ProofCodec}).
 */
public record StarkProof(StarkParameters parameters, int securityBits, byte[] airDigest,
    byte[] publicValuesHash, long[] publicValues, List<TableProof> tables, List<byte[]> friCaps,
    Ext[] finalPolynomial, long powNonce, List<TreeOpening> openings) {}
