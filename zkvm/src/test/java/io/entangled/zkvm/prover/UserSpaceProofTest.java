package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.ProvingException;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.stark.backend.ProverBackends;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.TraceRecorder;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * No proof for a run that uses memory outside user space. The executor faults there (nothing is
 * mapped below 64 KiB, where a nil-pointer dereference lands, nor in kernel space), so these runs
 * come from a machine whose page was mapped by hand: what a cheating prover would trace to make a
 * nil dereference read a value instead of ending the run. The strict prover names the memory
 * table; a proof made without the constraint check does not verify.
 */
class UserSpaceProofTest {

  /** Stores 42 at base + 8, loads it back and exits with it. */
  private static Asm storeLoadExit(int base) {
    return new Asm().li(8, base).li(9, 42).sw(9, 8, 8).lw(4, 8, 8).li(2, 4246).syscall();
  }

  @Test
  void aRunThatUsesPageZeroHasNoProof() throws Exception {
    assertNoProof(0, 0);
  }

  @Test
  void aRunThatUsesKernelSpaceHasNoProof() throws Exception {
    assertNoProof(0x8000_0000, 0x8000_0000L);
  }

  /** The same program on a user page proves: the bounds refuse only what lies outside. */
  @Test
  void theSameRunAtTheFloorProves() throws Exception {
    LoadedProgram p = MipsProverTest.load(storeLoadExit(0x1_0000));
    List<Segment> run = recordWithPageMapped(p, 0x1_0000L);
    MipsProof proof = new MipsProver(new StarkProver(StarkParameters.defaults()), 1 << 16)
        .prove(MipsAir.of(p), p, run);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(42);
  }

  private static void assertNoProof(int base, long page) throws Exception {
    LoadedProgram p = MipsProverTest.load(storeLoadExit(base));
    assertThatThrownBy(() -> MipsProver.record(p, new byte[0], 1 << 16))
        .isInstanceOf(UnsupportedStepException.class).hasMessageContaining("unmapped address");
    List<Segment> run = recordWithPageMapped(p, page);
    assertThatThrownBy(() -> new MipsProver(new StarkProver(StarkParameters.defaults()), 1 << 16)
        .prove(MipsAir.of(p), p, run))
        .isInstanceOf(ProvingException.class)
        .hasMessageContaining("table memory: constraints not satisfied");
    MipsProof forged = new MipsProver(new StarkProver(StarkParameters.defaults(),
        ProverBackends.best(), ForkJoinPool.commonPool(), false), 1 << 16)
        .prove(MipsAir.of(p), p, run);
    assertThat(forged.exitCode()).isEqualTo(42);
    MipsVerifier.Verdict v = new MipsVerifier().verify(p, forged.encode());
    assertThat(v.accepted()).as("a run at 0x%08x", base).isFalse();
  }

  /** Runs the program on a machine with one more page mapped; returns its segments. */
  private static List<Segment> recordWithPageMapped(LoadedProgram p, long page) {
    MipsMachine m = new MipsMachine(p, new GuestIo(new byte[0], OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()));
    m.memory().map(page, 4096);
    List<Segment> segments = new ArrayList<>();
    RunResult r = m.run(Long.MAX_VALUE, new TraceRecorder(1 << 16, segments::add));
    assertThat(r.status()).as("%s", r.fault()).isEqualTo(RunResult.Status.EXITED);
    assertThat(r.exitCode()).isEqualTo(42);
    return segments;
  }
}
