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
    long t0 = System.nanoTime();
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, proofBytes);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (!v.accepted()) {
      err.println("zkvm verify: invalid proof: " + v.reason());
      return 1;
    }
    if (expected != null && !Arrays.equals(expected, v.publicValues())) {
      err.println("zkvm verify: invalid: the proof's public values differ from " + expectedPublic);
      return 1;
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("valid cycles=%d segments=%d exit=%d public=%s verify_ms=%.1f%n", v.cycles(),
        v.segments(), v.exitCode(), HexFormat.of().formatHex(v.publicValues()), ms);
    o.flush();
    return 0;
  }
}
