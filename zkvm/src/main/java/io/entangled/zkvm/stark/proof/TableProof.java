package io.entangled.zkvm.stark.proof;

import io.entangled.zkvm.stark.field.Ext;

/**
 * Per-table part of a proof: height, commitments (caps), claimed bus sums and out-of-domain values
 * of every committed base column at z (preprocessed, main, aux, quotient) and at z·ω (all but
 * quotient).
 */
public record TableProof(int logHeight, byte[] mainCap, byte[] auxCap, Ext[] claimedSums,
    byte[] quotientCap, Ext[] oodAtZ, Ext[] oodAtNext) {}
