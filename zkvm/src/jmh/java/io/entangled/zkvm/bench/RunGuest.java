package io.entangled.zkvm.bench;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.trace.TraceRecorder;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a guest ELF three times in one mode and prints cycles and instructions per second of each
 * run (the first includes JIT warm-up). Args: {@code untraced|traced ELF [INPUT]}. Use one JVM per
 * mode: the JIT specialises the interpreter for whichever mode runs first.
 */
public final class RunGuest {
  private RunGuest() {}

  public static void main(String[] args) throws Exception {
    boolean traced = args[0].equals("traced");
    LoadedProgram program = ElfLoader.load(Files.readAllBytes(Path.of(args[1])));
    byte[] input = args.length > 2 ? Files.readAllBytes(Path.of(args[2])) : new byte[0];
    for (int i = 0; i < 3; i++) {
      MipsMachine m = new MipsMachine(program,
          new GuestIo(input, OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
      long t0 = System.nanoTime();
      RunResult r = traced
          ? m.run(Long.MAX_VALUE, TraceRecorder.streaming(1 << 20, s -> { }))
          : m.run(Long.MAX_VALUE);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%s %s run %d: %s cycles=%d %.3f s %.1f M instructions/s%n",
          Path.of(args[1]).getFileName(), args[0], i, r.status(), r.cycles(), s,
          r.cycles() / s / 1e6);
    }
  }
}
