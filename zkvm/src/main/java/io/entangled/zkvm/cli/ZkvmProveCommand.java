package io.entangled.zkvm.cli;

import io.entangled.zkvm.elf.ElfFormatException;
import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.MipsProof;
import io.entangled.zkvm.prover.MipsProver;
import io.entangled.zkvm.prover.UnsupportedStepException;
import io.entangled.zkvm.stark.ProvingException;
import io.entangled.zkvm.stark.StarkProver;
import io.entangled.zkvm.trace.TraceRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code entangled zkvm prove ELF [--input FILE] --out PROOF [--segment-cycles N]}: runs the guest
 * and writes a proof of the run. Exit code 0 when proved, 1 when the run cannot be proved (a fault,
 * an instruction or syscall the AIR does not cover), 2 on bad input.
 */
@Command(name = "prove", description = "Run a MIPS ELF guest and prove its execution.",
    mixinStandardHelpOptions = true)
public final class ZkvmProveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ELF", description = "Static big-endian MIPS32 executable.")
  Path elf;

  @Option(names = "--input", paramLabel = "FILE", description = "Private input (the guest's fd 0).")
  Path input;

  @Option(names = "--out", paramLabel = "PROOF", required = true, description = "Proof file to write.")
  Path out;

  @Option(names = "--segment-cycles", paramLabel = "N",
      description = "Cycles per proved segment (default: the largest power of two up to 262144 that"
          + " the heap holds, see MipsProver#segmentCyclesFor; memory grows with it).")
  Integer segmentCycles;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Prove N times in this JVM and report the last (warm) time, with the first"
          + " (cold: the JIT still compiling) beside it; for benchmarks (default 1).")
  int repeat;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (segmentCycles == null) {
      segmentCycles = MipsProver.segmentCyclesFor(Runtime.getRuntime().maxMemory());
    }
    if (repeat < 1 || repeat > 100) {
      err.println("zkvm prove: --repeat must be in [1, 100]: " + repeat);
      return 2;
    }
    if (segmentCycles < 1 || segmentCycles > TraceRecorder.MAX_SEGMENT_STEPS) {
      err.println("zkvm prove: --segment-cycles must be in 1.." + TraceRecorder.MAX_SEGMENT_STEPS);
      return 2;
    }
    LoadedProgram program;
    byte[] inputBytes;
    try {
      program = ElfLoader.load(Files.readAllBytes(elf));
      inputBytes = input == null ? new byte[0] : Files.readAllBytes(input);
    } catch (ElfFormatException e) {
      err.println("zkvm prove: " + elf + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("zkvm prove: cannot read " + e.getMessage());
      return 2;
    }
    MipsProof proof = null;
    double seconds = 0;
    double first = 0;
    try {
      long heap = Runtime.getRuntime().maxMemory();
      for (int k = 0; k < repeat; k++) {
        proof = null; // the previous repetition's proof is garbage while this one is made
        long t0 = System.nanoTime();
        proof = new MipsProver(new StarkProver(MipsProver.parameters()), segmentCycles,
            MipsProver.extensionBudgetFor(heap, segmentCycles)).prove(program, inputBytes);
        seconds = (System.nanoTime() - t0) / 1e9;
        first = k == 0 ? seconds : first;
      }
    } catch (UnsupportedStepException | ProvingException e) {
      err.println("zkvm prove: cannot prove this run: " + e.getMessage());
      return 1;
    } catch (OutOfMemoryError e) {
      err.println("zkvm prove: out of memory with segments of " + segmentCycles + " cycles (max heap "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): use a smaller --segment-cycles"
          + " or a larger heap (java -Xmx…)");
      return 2;
    }
    byte[] bytes = proof.encode();
    try {
      Files.write(out, bytes);
    } catch (IOException e) {
      err.println("zkvm prove: cannot write " + e.getMessage());
      return 2;
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("proved cycles=%d segments=%d exit=%d public=%s proof=%d bytes seconds=%.2f"
        + " cycles/s=%.0f%s%n", proof.cycles(), proof.segments().size(), proof.exitCode(),
        HexFormat.of().formatHex(proof.publicValues()), bytes.length, seconds,
        proof.cycles() / seconds, repeat > 1 ? String.format(" first_seconds=%.2f first_cycles/s=%.0f",
            first, proof.cycles() / first) : "");
    o.flush();
    return 0;
  }
}
