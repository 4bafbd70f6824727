package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.tables.RunState;
import io.entangled.zkvm.prover.tables.TraceBuilder;
import io.entangled.zkvm.stark.BusChallenges;
import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.MainPhase;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a guest and proves its execution with the MIPS AIR: one STARK piece per segment of
 * {@code segmentCycles} instructions and one for the final state, all sharing one LogUp argument
 * whose challenges are drawn after every piece's main trace is committed (phase 1: {@link
 * StarkProver#commitMain} per piece, independent of the others; phase 2: {@link
 * StarkProver#finish} per piece with the shared challenges). Between the phases a multi-segment
 * run keeps each segment's main trace and Merkle trees, not its low-degree extension.
 */
public final class MipsProver {
  private static final Logger LOG = LoggerFactory.getLogger(MipsProver.class);
  /**
   * Default segment size: 2^18 cycles (a run in such segments proves in about 5 GB of heap; the
   * JVM's default heap is a quarter of the machine's memory).
   */
  public static final int DEFAULT_SEGMENT_CYCLES = 1 << 18;
  private final StarkProver stark;
  private final int segmentCycles;
  private final long extensionBudget;
  /** Segments of the last run that kept their extensions, only their trees, nothing (tests). */
  volatile int[] lastKept = new int[3];

  /**
   * Heap a segment of a run needs per cycle, measured on the Go guest (the most table-hungry) in
   * segments of 2^18 cycles: with G1's default regions (2 MiB at these heaps) its run proves with
   * -Xmx5g and not with -Xmx4g, because a column of 2^18 or 2^19 longs is a humongous object that
   * rounds up to whole regions; with regions of 32 MiB ({@code -XX:G1HeapRegionSize=32m}) those
   * columns are ordinary objects and the run proves with -Xmx3g.
   */
  static final long HEAP_PER_CYCLE = 18L << 10;
  static final long HEAP_PER_CYCLE_LARGE_REGIONS = 12L << 10;

  /**
   * The largest power-of-two segment size, at most {@link #DEFAULT_SEGMENT_CYCLES} and at least
   * 2^12, whose proving fits a heap of {@code maxHeapBytes} (at {@link #HEAP_PER_CYCLE} bytes per
   * cycle, or {@link #HEAP_PER_CYCLE_LARGE_REGIONS} with large G1 regions), for this JVM.
   */
  public static int segmentCyclesFor(long maxHeapBytes) {
    return segmentCyclesFor(maxHeapBytes, largeRegions());
  }

  static int segmentCyclesFor(long maxHeapBytes, boolean largeRegions) {
    long perCycle = largeRegions ? HEAP_PER_CYCLE_LARGE_REGIONS : HEAP_PER_CYCLE;
    int cycles = DEFAULT_SEGMENT_CYCLES;
    while (cycles > 1 << 12 && (long) cycles * perCycle > maxHeapBytes) {
      cycles >>= 1;
    }
    return cycles;
  }

  /**
   * Whether this JVM runs G1 with regions of at least 32 MiB, where the prover's columns are not
   * humongous (see {@link #HEAP_PER_CYCLE}); false when the HotSpot options cannot be read.
   */
  static boolean largeRegions() {
    try {
      var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue())
          && Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue()) >= 32L << 20;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * The MIPS AIR's STARK parameters: blowup 2 (every constraint has degree ≤ 3, so two quotient
   * chunks fit), 84 queries and 16 grinding bits: 100 bits conjectured (84·1 + 16), at half the LDE
   * size of the library default (blowup 4, 44 queries) — about half the proving work, larger proofs.
   */
  public static StarkParameters parameters() {
    return new StarkParameters(1, 3, 3, 84, 16, 2);
  }

  /** A prover with the MIPS parameters and the default segment size. */
  public MipsProver() {
    this(new StarkProver(parameters()), DEFAULT_SEGMENT_CYCLES);
  }

  /** A prover that keeps no low-degree extension between the phases of a multi-segment run. */
  public MipsProver(StarkProver stark, int segmentCycles) {
    this(stark, segmentCycles, 0);
  }

  /**
   * A prover that, in a multi-segment run, keeps segments' low-degree extensions and Merkle trees
   * between the phases (instead of recomputing them in phase 2) while they total at most {@code
   * extensionBudgetBytes} (see {@link #extensionBudgetFor}).
   */
  public MipsProver(StarkProver stark, int segmentCycles, long extensionBudgetBytes) {
    if (segmentCycles < 1 || segmentCycles > TraceRecorder.MAX_SEGMENT_STEPS) {
      throw new IllegalArgumentException("segmentCycles must be in [1, "
          + TraceRecorder.MAX_SEGMENT_STEPS + "]: " + segmentCycles);
    }
    this.stark = stark;
    this.segmentCycles = segmentCycles;
    this.extensionBudget = Math.max(0, extensionBudgetBytes);
  }

  /**
   * How much of a heap of {@code maxHeapBytes} a run in segments of {@code segmentCycles} can spend
   * on kept extensions, for this JVM. A kept extension saves its segment's main-trace LDE and
   * Merkle tree in phase 2 (sha256-c, 2 segments of 2^18: 7.0 s with the first kept against 8.4 s).
   * What is left after the run's own peak: twice {@link #HEAP_PER_CYCLE} per cycle with G1's default
   * regions (the Go guest's measured need is close to one), once {@link
   * #HEAP_PER_CYCLE_LARGE_REGIONS} with large regions (measured: the Go guest proves with -Xmx4g and
   * 1 GiB of extensions kept).
   */
  public static long extensionBudgetFor(long maxHeapBytes, int segmentCycles) {
    return extensionBudgetFor(maxHeapBytes, segmentCycles, largeRegions());
  }

  static long extensionBudgetFor(long maxHeapBytes, int segmentCycles, boolean largeRegions) {
    long reserved = largeRegions ? HEAP_PER_CYCLE_LARGE_REGIONS : 2 * HEAP_PER_CYCLE;
    return Math.max(0, maxHeapBytes - segmentCycles * reserved);
  }

  /**
   * Runs the program on the private input and proves the run. The proof is checked with {@link
   * MipsVerifier} before it is returned, so a disagreement between the executor and the AIR surfaces
   * here as a {@link ProvingException} instead of as an invalid proof.
   */
  public MipsProof prove(LoadedProgram program, byte[] input) {
    MipsAir air = MipsAir.of(program);
    MipsProof p = prove(air, program, record(program, input, segmentCycles));
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, p.encode());
    if (!v.accepted()) {
      throw new ProvingException("the proof of an honest run does not verify (" + v.reason()
          + "): the executor and the MIPS AIR disagree; please report with the ELF and input");
    }
    return p;
  }

  /** Proves recorded segments (tests use this to prove tampered traces). */
  public MipsProof prove(MipsAir air, LoadedProgram program, List<Segment> segments) {
    return prove(air, program, segments, UnaryOperator.identity());
  }

  /**
   * As above, with the kernel transcript passed through {@code transcriptEdit} before the
   * challenges are drawn: tests prove honest traces under a forged transcript with it.
   */
  MipsProof prove(MipsAir air, LoadedProgram program, List<Segment> segments,
      UnaryOperator<KernelTranscript> transcriptEdit) {
    return prove(air, program, segments, new Dishonesty(transcriptEdit, a -> false, t -> {}));
  }

  /**
   * What a test's dishonest prover changes: the kernel transcript (after the traces are built),
   * the words clearing calls leave out of their lists, and the final piece's traces.
   */
  record Dishonesty(UnaryOperator<KernelTranscript> transcript, IntPredicate unlisted,
      Consumer<List<long[][]>> finalTraces) {}

  MipsProof prove(MipsAir air, LoadedProgram program, List<Segment> segments,
      Dishonesty dishonesty) {
    UnaryOperator<KernelTranscript> transcriptEdit = dishonesty.transcript();
    long t0 = System.nanoTime();
    RunState state = InitialState.of(program).runState(program);
    state.planClearing(segments, dishonesty.unlisted());
    List<MainPhase> phases = new ArrayList<>();
    List<byte[]> commitments = new ArrayList<>();
    long kept = 0;
    // an eighth of the budget keeps Merkle trees of segments whose extensions do not fit: phase 2
    // extends such a segment's traces again but need not hash them again
    long treeBudget = extensionBudget / 8;
    long keptTrees = 0;
    int[] tally = new int[3];
    // trace building is sequential (each segment starts from the state the last one left), but the
    // next segment's traces are built on a thread of their own while this one is committed
    ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mips-trace-builder");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<TraceBuilder.SegmentTraces> next = segments.isEmpty() ? null
          : builder.submit(() -> TraceBuilder.build(air, segments.get(0), state));
      for (int k = 0; k < segments.size(); k++) {
        TraceBuilder.SegmentTraces t = await(next);
        Segment following = k + 1 < segments.size() ? segments.get(k + 1) : null;
        next = following == null ? null
            : builder.submit(() -> TraceBuilder.build(air, following, state));
        MainPhase mp = stark.commitMain(air.segment(), t.traces(), t.publicValues());
        long ext = mp.extensionBytes();
        LOG.trace("segment {}: extensions {} bytes, main trees {} bytes", k, ext, mp.mainTreeBytes());
        if (segments.size() > 1 && kept + ext > extensionBudget - treeBudget) {
          // past the budget a segment keeps only its traces, packed (a sixth of their size; the
          // columns go back to the pool), and its trees while they fit
          long trees = mp.mainTreeBytes();
          if (keptTrees + trees <= treeBudget) {
            mp.releaseLowDegreeExtensions();
            keptTrees += trees;
            tally[1]++;
          } else {
            mp.releaseExtensions();
            tally[2]++;
          }
          stark.packTraces(mp);
        } else {
          kept += ext;
          tally[0]++;
        }
        phases.add(mp);
        commitments.add(mp.commitment());
      }
    } finally {
      builder.shutdownNow();
    }
    lastKept = tally;
    LOG.debug("between the phases: {} segments kept their extensions, {} their trees, {} neither",
        tally[0], tally[1], tally[2]);
    if (state.exitCode() < 0) {
      throw new UnsupportedStepException("the run does not end (exit_group or the last thread's"
          + " exit) within " + state.cycles() + " cycles");
    }
    List<long[][]> finalTraces = TraceBuilder.finalTraces(state);
    dishonesty.finalTraces().accept(finalTraces);
    MainPhase fin = stark.commitMain(air.finale(), finalTraces, new long[0]);
    phases.add(fin);
    commitments.add(fin.commitment());
    KernelTranscript transcript = transcriptEdit.apply(state.transcript());
    byte[] context = MipsProof.context(program.imageId(), state.exitCode(), state.cycles(),
        state.publicValues(), transcript, segments.size());
    BusChallenges bus = BusChallenges.derive(commitments, context);
    long t1 = System.nanoTime();
    // one piece at a time (each finish is parallel inside): a finished piece frees its memory
    List<byte[]> proofs = new ArrayList<>();
    for (MainPhase mp : phases) {
      proofs.add(stark.finish(mp, bus));
    }
    LOG.debug("proved {} cycles in {} segments: commit {} ms, finish {} ms; columns: {}",
        state.cycles(), segments.size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000,
        ColumnPool.shared().stats());
    return new MipsProof(program.imageId(), state.exitCode(), state.cycles(),
        state.publicValues(), transcript, proofs.subList(0, segments.size()),
        proofs.get(segments.size()));
  }

  /** The builder's result; its exception (an unprovable step, out of memory) as thrown. */
  private static TraceBuilder.SegmentTraces await(Future<TraceBuilder.SegmentTraces> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building traces", e);
    }
  }

  /** Runs the program and returns its segments of at most segmentCycles steps. */
  public static List<Segment> record(LoadedProgram program, byte[] input, int segmentCycles) {
    List<Segment> segments = new ArrayList<>();
    MipsMachine m = new MipsMachine(program,
        new GuestIo(input, OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
    RunResult r = m.run(Long.MAX_VALUE, new TraceRecorder(segmentCycles, segments::add));
    if (r.status() == RunResult.Status.FAULT) {
      throw new UnsupportedStepException("the guest faulted, nothing to prove: "
          + r.fault().getMessage());
    }
    LOG.debug("run ended: {}", r);
    return segments;
  }
}
