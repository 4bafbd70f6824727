package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.BusChallenges;
import io.entangled.zkvm.stark.StarkVerifier;
import io.entangled.zkvm.stark.VerificationResult;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.proof.ProofCodec;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import java.io.OutputStream;
import java.util.Map;

/**
 * Verifies a MIPS proof against an ELF: rebuilds the program's AIR (its digest covers the image id
 * and the decoded program table), adds the initial register state to the register bus itself, and
 * checks the STARK proof. On success reports the proven exit code and cycle count.
 */
public final class MipsVerifier {
  /** Security floor (bits) under which proofs are refused. */
  public static final int MIN_SECURITY_BITS = 96;
  private final StarkVerifier stark = new StarkVerifier(MIN_SECURITY_BITS);

  /** The verdict; exitCode and cycles are meaningful only when accepted. */
  public record Verdict(boolean accepted, String reason, long exitCode, long cycles) {
    static Verdict reject(String reason) {
      return new Verdict(false, reason, 0, 0);
    }
  }

  public Verdict verify(LoadedProgram program, byte[] proof) {
    MipsAir air = new MipsAir(program);
    long[] publics;
    try {
      publics = ProofCodec.decode(proof, air.air()).publicValues();
    } catch (RuntimeException e) {
      return Verdict.reject("malformed proof: " + e.getMessage());
    }
    int[] regs = initialRegisters(program);
    VerificationResult r = stark.verify(air.air(), proof,
        bus -> Map.of(MipsAir.BUS_REG, registerInit(regs, bus)));
    if (!r.accepted()) {
      return Verdict.reject(r.reason());
    }
    return new Verdict(true, "accepted", publics[MipsAir.PV_EXIT_CODE], publics[MipsAir.PV_CYCLES]);
  }

  /** Registers at the entry, as the executor sets them up (the stack pointer; all else 0). */
  static int[] initialRegisters(LoadedProgram program) {
    MipsMachine m = new MipsMachine(program,
        new GuestIo(new byte[0], OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
    return m.snapshot().current().registers();
  }

  /**
   * The initial register file's contribution to the register bus: each register is produced once
   * with its value at the entry (as the executor sets it up) and timestamp 0.
   */
  static Ext registerInit(int[] regs, BusChallenges bus) {
    Ext sum = Ext.ZERO;
    for (int r = 0; r < MipsAir.REGISTER_COUNT; r++) {
      sum = sum.add(bus.term(MipsAir.BUS_REG, 1, r, Integer.toUnsignedLong(regs[r]), 0));
    }
    return sum;
  }
}
