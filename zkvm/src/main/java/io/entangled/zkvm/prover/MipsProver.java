package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.tables.MainTraces;
import io.entangled.zkvm.prover.tables.TraceBuilder;
import io.entangled.zkvm.stark.ProvingException;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.TraceRecorder;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a guest and proves its execution with the MIPS AIR (single segment, the instruction families
 * of {@link io.entangled.zkvm.prover.air.Kind}). The proof is a STARK proof whose public values are
 * the exit code and the cycle count; it is bound to the program through the AIR digest.
 */
public final class MipsProver {
  private static final Logger LOG = LoggerFactory.getLogger(MipsProver.class);
  private final StarkProver stark;
  private final int segmentCycles;

  /** A prover with the default STARK parameters and segment size limit. */
  public MipsProver() {
    this(new StarkProver(StarkParameters.defaults()), 1 << 22);
  }

  /** A prover on a given STARK prover; runs longer than segmentCycles are refused (no continuations). */
  public MipsProver(StarkProver stark, int segmentCycles) {
    if (segmentCycles < 1 || segmentCycles > TraceRecorder.MAX_SEGMENT_STEPS) {
      throw new IllegalArgumentException("segmentCycles must be in [1, "
          + TraceRecorder.MAX_SEGMENT_STEPS + "]: " + segmentCycles);
    }
    this.stark = stark;
    this.segmentCycles = segmentCycles;
  }

  /** What a proving run produced. */
  public record Proved(byte[] proof, long exitCode, long cycles) {}

  /**
   * Runs the program on the private input and proves the run. The proof is checked with {@link
   * MipsVerifier} before it is returned (milliseconds), so a disagreement between the executor and
   * the AIR surfaces here as a {@link ProvingException} instead of as an invalid proof.
   */
  public Proved prove(LoadedProgram program, byte[] input) {
    Proved p = prove(new MipsAir(program), record(program, input, segmentCycles));
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, p.proof());
    if (!v.accepted()) {
      throw new ProvingException("the proof of an honest run does not verify (" + v.reason()
          + "): the executor and the MIPS AIR disagree; please report with the ELF and input");
    }
    return p;
  }

  /** Proves a recorded segment (tests use this to prove tampered traces). */
  public Proved prove(MipsAir air, Segment segment) {
    long t0 = System.nanoTime();
    MainTraces traces = TraceBuilder.build(air, segment);
    long t1 = System.nanoTime();
    byte[] proof = stark.prove(air.air(), traces.traces(), traces.publicValues());
    LOG.debug("proved {} cycles: traces {} ms, stark {} ms, {} bytes", segment.stepCount(),
        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, proof.length);
    return new Proved(proof, traces.publicValues()[0], traces.publicValues()[1]);
  }

  /** Runs the program and returns its only segment; refuses runs that need more than one. */
  public static Segment record(LoadedProgram program, byte[] input, int segmentCycles) {
    List<Segment> segments = new ArrayList<>();
    MipsMachine m = new MipsMachine(program,
        new GuestIo(input, OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
    RunResult r = m.run((long) segmentCycles + 1, new TraceRecorder(segmentCycles, segments::add));
    if (r.status() == RunResult.Status.FAULT) {
      throw new UnsupportedStepException("the guest faulted, nothing to prove: " + r.fault().getMessage());
    }
    if (segments.size() != 1) {
      throw new UnsupportedStepException("the run needs " + segments.size() + " segments of "
          + segmentCycles + " cycles; continuations are not proved yet");
    }
    LOG.debug("run ended: {}", r);
    return segments.get(0);
  }
}
