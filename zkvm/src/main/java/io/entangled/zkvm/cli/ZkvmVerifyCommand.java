package io.entangled.zkvm.cli;

import io.entangled.zkvm.elf.ElfFormatException;
import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.MipsVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code entangled zkvm verify PROOF --elf ELF [--public FILE]}: checks a proof against the program
 * (and, if given, the expected public values). Prints the proven public values, exit code and cycle
 * count and exits 0 when valid; 1 with the reason when not; 2 on bad input.
 */
@Command(name = "verify", description = "Verify a zkVM proof against a MIPS ELF.",
    mixinStandardHelpOptions = true)
public final class ZkvmVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROOF", description = "Proof file (zkvm prove --out).")
  Path proof;

  @Option(names = "--elf", paramLabel = "ELF", required = true, description = "The program.")
  Path elf;

  @Option(names = "--public", paramLabel = "FILE",
      description = "Expected public values (the guest's fd 3 output); must match the proof's.")
  Path expectedPublic;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Verify N times in this JVM and report the last time as verify_ms and the"
          + " first as first_ms (the first includes deriving the program's AIR; for benchmarks).")
  int repeat;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    LoadedProgram program;
    byte[] proofBytes;
    byte[] expected;
    try {
      program = ElfLoader.load(Files.readAllBytes(elf));
      proofBytes = Files.readAllBytes(proof);
      expected = expectedPublic == null ? null : Files.readAllBytes(expectedPublic);
    } catch (ElfFormatException e) {
      err.println("zkvm verify: " + elf + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("zkvm verify: cannot read " + e.getMessage());
      return 2;
    }
    if (repeat < 1 || repeat > 1000) {
      err.println("zkvm verify: --repeat must be in [1, 1000]: " + repeat);
      return 2;
    }
    MipsVerifier.Verdict v = null;
    double ms = 0;
    double first = 0;
    for (int k = 0; k < repeat; k++) {
      long t0 = System.nanoTime();
      v = new MipsVerifier().verify(program, proofBytes);
      ms = (System.nanoTime() - t0) / 1e6;
      first = k == 0 ? ms : first;
    }
    if (!v.accepted()) {
      err.println("zkvm verify: invalid proof: " + v.reason());
      return 1;
    }
    if (expected != null && !Arrays.equals(expected, v.publicValues())) {
      err.println("zkvm verify: invalid: the proof's public values differ from " + expectedPublic);
      return 1;
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("valid cycles=%d segments=%d exit=%d public=%s verify_ms=%.1f%s%n", v.cycles(),
        v.segments(), v.exitCode(), HexFormat.of().formatHex(v.publicValues()), ms,
        repeat > 1 ? String.format(" first_ms=%.1f", first) : "");
    o.flush();
    return 0;
  }
}
