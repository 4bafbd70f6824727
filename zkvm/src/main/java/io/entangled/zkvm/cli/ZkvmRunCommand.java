package io.entangled.zkvm.cli;

import io.entangled.zkvm.elf.ElfFormatException;
import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.trace.SegmentFileWriter;
import io.entangled.zkvm.trace.TraceRecorder;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
 * {@code entangled zkvm run ELF}: runs a guest. Guest stdout and stderr go to the process's stdout
 * and stderr, then one line {@code cycles=N exit=CODE public=HEX} on stderr. Exit code: the guest's
 * exit code, 3 on a guest fault or the cycle limit, 2 on bad input.
 */
@Command(name = "run", description = "Run a MIPS ELF guest.", mixinStandardHelpOptions = true)
public final class ZkvmRunCommand implements Callable<Integer> {
  static final int EXIT_BAD_INPUT = 2;
  static final int EXIT_FAULT = 3;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ELF", description = "Static big-endian MIPS32 executable.")
  Path elf;

  @Option(names = "--input", paramLabel = "FILE", description = "Private input (the guest's fd 0).")
  Path input;

  @Option(names = "--public-out", paramLabel = "FILE", description = "Write the public values here.")
  Path publicOut;

  @Option(names = "--max-cycles", paramLabel = "N", defaultValue = "10000000000",
      description = "Stop with a fault after N instructions (default ${DEFAULT-VALUE}).")
  long maxCycles;

  @Option(names = "--trace-out", paramLabel = "DIR",
      description = "Record the execution trace into DIR (segment files, see README).")
  Path traceOut;

  @Option(names = "--segment-cycles", paramLabel = "N", defaultValue = "1048576",
      description = "Steps per trace segment (default ${DEFAULT-VALUE}).")
  int segmentCycles;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (maxCycles <= 0) {
      err.println("zkvm run: --max-cycles must be positive");
      return EXIT_BAD_INPUT;
    }
    if (segmentCycles <= 0 || segmentCycles > TraceRecorder.MAX_SEGMENT_STEPS) {
      err.println("zkvm run: --segment-cycles must be in 1.." + TraceRecorder.MAX_SEGMENT_STEPS);
      return EXIT_BAD_INPUT;
    }
    LoadedProgram program;
    byte[] inputBytes;
    try {
      program = ElfLoader.load(Files.readAllBytes(elf));
      inputBytes = input == null ? new byte[0] : Files.readAllBytes(input);
    } catch (ElfFormatException e) {
      err.println("zkvm run: " + elf + ": " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (IOException e) {
      err.println("zkvm run: cannot read " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    try {
      return run(program, inputBytes, err);
    } catch (IOException e) {
      err.println("zkvm run: cannot write " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (UncheckedIOException e) {
      err.println("zkvm run: cannot write the trace: " + e.getCause().getMessage());
      return EXIT_BAD_INPUT;
    }
  }

  private int run(LoadedProgram program, byte[] inputBytes, PrintWriter err) throws IOException {
    OutputStream out = new WriterOutputStream(spec.commandLine().getOut());
    OutputStream guestErr = new WriterOutputStream(err);
    GuestIo io = new GuestIo(inputBytes, out, guestErr);
    MipsMachine machine = new MipsMachine(program, io);
    RunResult result;
    if (traceOut != null) {
      Files.createDirectories(traceOut);
      try (SegmentFileWriter writer = new SegmentFileWriter(traceOut)) {
        result = machine.run(maxCycles, TraceRecorder.streaming(segmentCycles, writer));
      }
    } else {
      result = machine.run(maxCycles);
    }
    out.flush();
    guestErr.flush();
    byte[] publicValues = io.publicValues();
    if (publicOut != null) {
      try (OutputStream p = new FileOutputStream(publicOut.toFile())) {
        p.write(publicValues);
      }
    }
    return report(result, publicValues, err);
  }

  private static int report(RunResult result, byte[] publicValues, PrintWriter err) {
    String hex = HexFormat.of().formatHex(publicValues);
    switch (result.status()) {
      case EXITED -> {
        err.println("cycles=" + result.cycles() + " exit=" + result.exitCode() + " public=" + hex);
        err.flush();
        return result.exitCode();
      }
      case CYCLE_LIMIT -> err.println("zkvm run: guest stopped: cycle limit reached");
      default -> err.println("zkvm run: guest " + result.fault().describe());
    }
    err.println("cycles=" + result.cycles() + " exit=" + EXIT_FAULT + " public=" + hex);
    err.flush();
    return EXIT_FAULT;
  }
}
