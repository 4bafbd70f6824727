package io.entangled.zkvm.prover.chips;

import io.entangled.zkvm.stark.ProvingException;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.LogUpDiagnostics;
import io.entangled.zkvm.stark.StarkVerifier;
import io.entangled.zkvm.stark.VerificationResult;
import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.proof.StarkParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves a chip on its own: a driver table sends the events' tuples (as the CPU table would) on
 * the ALU or memory-op bus, the chip receives them, and the shared lookup tables answer its lookups.
 * {@link #proveAndVerify} returns the verifier's verdict (a LogUp imbalance as "bus N does not
 * balance", the lowest unbalanced bus, see {@link LogUpDiagnostics}), or "prover: ..." when the
 * prover refuses.
 */
public final class ChipHarness {
  /** Small, fast parameters (not for security). */
  public static final StarkParameters FAST = new StarkParameters(2, 2, 2, 12, 4, 1);
  private static final int DRIVER_WIDTH = 9;

  private ChipHarness() {}

  /** The driver: columns real, op, a, b, imm, hiIn, loIn, x, y; sends on the op's bus if real. */
  static TableDef driver(boolean memory) {
    Expr real = Expr.main(0);
    List<Expr> v = new ArrayList<>();
    if (memory) {
      for (int c = 1; c <= 4; c++) {
        v.add(Expr.main(c));
      }
      v.add(Expr.main(7));
    } else {
      for (int c = 1; c <= 8; c++) {
        v.add(Expr.main(c));
      }
    }
    return new TableDef("driver", DRIVER_WIDTH, null, List.of(),
        List.of(new Interaction(memory ? Lookups.BUS_MEMOP : Lookups.BUS_ALU, v, real, true)));
  }

  public static Air air(Chip chip, boolean memory) {
    return new Air("chip-harness:" + chip.name(), List.of(driver(memory), chip.table(),
        Lookups.range16(), Lookups.bytes()), 0);
  }

  /** Main traces for the four tables; the driver sends events exactly as given (even wrong ones). */
  public static List<long[][]> traces(Chip chip, List<AluEvent> chipEvents, List<AluEvent> sent) {
    int h = Math.max(2, Integer.highestOneBit(Math.max(1, sent.size() - 1)) << 1);
    long[][] d = new long[DRIVER_WIDTH][h];
    for (int i = 0; i < sent.size(); i++) {
      AluEvent e = sent.get(i);
      long[] vals = {1, e.op().id(), e.a(), e.b(), e.imm(), e.hiIn(), e.loIn(), e.x(), e.y()};
      for (int c = 0; c < DRIVER_WIDTH; c++) {
        d[c][i] = vals[c];
      }
    }
    LookupCounts counts = new LookupCounts();
    long[][] chipTrace = chip.trace(chipEvents, counts);
    return List.of(d, chipTrace, new long[][] {counts.range16}, new long[][] {counts.bytes});
  }

  /** Proves and verifies the events; "accepted" or the reason for rejection. */
  public static String proveAndVerify(Chip chip, List<AluEvent> events) {
    return proveAndVerify(chip, events, events);
  }

  /**
   * The chip gets chipEvents (its trace generation may refuse wrong ones: "trace: ..."), the driver
   * sends {@code sent}; a mismatch must fail to prove or to verify.
   */
  public static String proveAndVerify(Chip chip, List<AluEvent> chipEvents, List<AluEvent> sent) {
    boolean memory = sent.get(0).op().memory();
    Air air = air(chip, memory);
    List<long[][]> traces;
    try {
      traces = traces(chip, chipEvents, sent);
    } catch (IllegalArgumentException e) {
      return "trace: " + e.getMessage();
    }
    byte[] proof;
    try {
      proof = new StarkProver(FAST).prove(air, traces, new long[0]);
    } catch (ProvingException e) {
      return "prover: " + e.getMessage();
    }
    VerificationResult r = new StarkVerifier(0).verify(air, proof);
    if (!r.accepted() && r.reason().endsWith("do not balance")) {
      // name the bus that caught it, recomputed from the traces (the proof has one sum)
      List<Integer> buses = LogUpDiagnostics.unbalancedBuses(air, traces, new long[0]);
      return buses.isEmpty() ? r.reason() : "bus " + buses.get(0) + " does not balance";
    }
    return r.reason();
  }
}
