package io.entangled.zkvm.stark.backend;

import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.field.Ext;
import java.util.List;

/**
 * Inputs of {@link ProverBackend#evaluateQuotient}: LDE columns (aux as c0, c1 pairs), the trace
 * height 2^logHeight, the blowup (the next trace row is 2^logBlowup LDE rows further), challenges
 * (0: α, 1: β of LogUp), public values, claimed bus sums and the combination challenge alpha.
 */
public record QuotientInputs(List<Constraint> constraints, long[][] main, long[][] preprocessed,
    long[][] aux, int logHeight, int logBlowup, Ext[] challenges, long[] publicValues,
    Ext[] claimedSums, Ext alpha) {}
