package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.BusChallenges;
import io.entangled.zkvm.stark.StarkVerifier;
import io.entangled.zkvm.stark.VerificationResult;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.proof.ProofCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a {@link MipsProof} against an ELF: rebuilds the program's AIRs (their digests cover the
 * image id and the decoded program table), checks that the segments chain from the entry to the
 * claimed cycle count, adds the initial registers and memory, the claimed public values and the
 * exit to the buses itself, and checks every piece under the shared challenges.
 */
public final class MipsVerifier {
  /** Security floor (bits) under which proofs are refused. */
  public static final int MIN_SECURITY_BITS = 96;
  private final StarkVerifier stark;

  public MipsVerifier() {
    this(MIN_SECURITY_BITS);
  }

  /** A verifier with another security floor (tests with fast parameters). */
  public MipsVerifier(int minSecurityBits) {
    this.stark = new StarkVerifier(minSecurityBits);
  }

  /** The verdict; the claims are meaningful only when accepted. */
  public record Verdict(boolean accepted, String reason, long exitCode, long cycles,
      byte[] publicValues, int segments) {
    static Verdict reject(String reason) {
      return new Verdict(false, reason, 0, 0, new byte[0], 0);
    }
  }

  public Verdict verify(LoadedProgram program, byte[] proofBytes) {
    MipsProof proof;
    try {
      proof = MipsProof.decode(proofBytes);
    } catch (IllegalArgumentException e) {
      return Verdict.reject("malformed proof: " + e.getMessage());
    }
    if (!Arrays.equals(proof.imageId(), program.imageId())) {
      return Verdict.reject("the proof is for another program (image id differs)");
    }
    MipsAir air = MipsAir.of(program);
    InitialState init = InitialState.of(program);
    String chain = checkChain(air, proof, init);
    if (chain != null) {
      return Verdict.reject(chain);
    }
    KernelTerms kernel;
    int cells;
    try {
      kernel = KernelTerms.replay(program, proof);
    } catch (RuntimeException e) {
      // ReplayException names the inconsistency; anything else the kernel code threw on it too
      return Verdict.reject("kernel transcript: " + e.getMessage());
    }
    try {
      cells = 1 << ProofCodec.decode(proof.finale(), air.finale()).tables().get(0).logHeight();
    } catch (RuntimeException e) {
      return Verdict.reject("final piece: malformed proof: " + e.getMessage());
    }
    List<byte[]> pieces = new ArrayList<>(proof.segments());
    pieces.add(proof.finale());
    List<io.entangled.zkvm.stark.air.Air> airs = new ArrayList<>();
    proof.segments().forEach(s -> airs.add(air.segment()));
    airs.add(air.finale());
    VerificationResult r = stark.verifyPieces(airs, pieces, proof.context(),
        bus -> verifierSums(bus, init, proof, kernel, cells));
    if (!r.accepted()) {
      return Verdict.reject(r.reason());
    }
    return new Verdict(true, "accepted", proof.exitCode(), proof.cycles(),
        proof.publicValues().clone(), proof.segments().size());
  }

  /**
   * Segment k starts where k − 1 ended (cycle, pc, next pc, thread, whether the step follows a
   * SYSCALL); the first at the entry in thread 0; the last at the claimed count.
   */
  private static String checkChain(MipsAir air, MipsProof proof, InitialState init) {
    long cycle = 0;
    long pc = Integer.toUnsignedLong(init.entry());
    long npc = Integer.toUnsignedLong(init.entry() + 4);
    long thread = 0;
    long entry = 0;
    for (int k = 0; k < proof.segments().size(); k++) {
      long[] pv;
      try {
        pv = ProofCodec.decode(proof.segments().get(k), air.segment()).publicValues();
      } catch (RuntimeException e) {
        return "segment " + k + ": malformed proof: " + e.getMessage();
      }
      if (pv[MipsAir.PV_START_CYCLE] != cycle || pv[MipsAir.PV_START_PC] != pc
          || pv[MipsAir.PV_START_NPC] != npc || pv[MipsAir.PV_START_THREAD] != thread
          || pv[MipsAir.PV_START_ENTRY] != entry) {
        return "segment " + k + " does not start where " + (k == 0 ? "the program starts"
            : "segment " + (k - 1) + " ends") + " (segments reordered, dropped or forged)";
      }
      if (pv[MipsAir.PV_END_CYCLE] <= cycle) {
        return "segment " + k + " is empty";
      }
      cycle = pv[MipsAir.PV_END_CYCLE];
      pc = pv[MipsAir.PV_END_PC];
      npc = pv[MipsAir.PV_END_NPC];
      thread = pv[MipsAir.PV_END_THREAD];
      entry = pv[MipsAir.PV_END_ENTRY];
    }
    if (cycle != proof.cycles()) {
      return "the segments cover " + cycle + " cycles, the proof claims " + proof.cycles();
    }
    return null;
  }

  static Map<Integer, Ext> verifierSums(BusChallenges bus, InitialState init,
      MipsProof proof, KernelTerms kernel, int cells) {
    Map<Integer, Ext> sums = new HashMap<>();
    sums.put(MipsAir.BUS_REG, init.registerInit(bus, cells));
    sums.put(MipsAir.BUS_SYSCALL, kernel.sum(bus, MipsAir.BUS_SYSCALL).neg());
    sums.put(MipsAir.BUS_TRANSCRIPT, kernel.sum(bus, MipsAir.BUS_TRANSCRIPT).neg());
    sums.put(MipsAir.BUS_KERNEL, kernel.sum(bus, MipsAir.BUS_KERNEL).neg());
    sums.put(MipsAir.BUS_ENTRY, kernel.sum(bus, MipsAir.BUS_ENTRY));
    sums.put(MipsAir.BUS_CLEARED, kernel.sum(bus, MipsAir.BUS_CLEARED).neg());
    sums.put(MipsAir.BUS_BOUNDARY, kernel.sum(bus, MipsAir.BUS_BOUNDARY));
    sums.put(MipsAir.BUS_MEM, init.memoryInit(bus));
    List<Ext> dens = new ArrayList<>();
    byte[] pub = proof.publicValues();
    for (int i = 0; i < pub.length; i++) {
      dens.add(bus.denominator(MipsAir.BUS_PUBLIC, i, pub[i] & 0xff));
    }
    sums.put(MipsAir.BUS_PUBLIC, BusChallenges.sumOfInverses(dens).neg());
    // no exit row at all when the last thread's exit (a kernel call) ends the run
    sums.put(MipsAir.BUS_EXIT, kernel.exitInTable() ? bus.term(MipsAir.BUS_EXIT, 1,
        8 * proof.cycles(), proof.exitCode()).neg() : Ext.ZERO);
    return sums;
  }
}
