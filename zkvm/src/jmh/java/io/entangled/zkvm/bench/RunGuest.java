package io.entangled.zkvm.bench;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.trace.TraceRecorder;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a guest ELF three times untraced and once traced, printing cycles and instructions per
 * second of each run (the first run includes JIT warm-up). Args: ELF [INPUT [SEGMENT_STEPS]].
 */
public final class RunGuest {
  private RunGuest() {}

  public static void main(String[] args) throws Exception {
    var program = ElfLoader.load(Files.readAllBytes(Path.of(args[0])));
    byte[] input = args.length > 1 ? Files.readAllBytes(Path.of(args[1])) : new byte[0];
    int segment = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
    for (int i = 0; i < 4; i++) {
      boolean traced = i == 3;
      MipsMachine m = new MipsMachine(program,
          new GuestIo(input, OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
      long t0 = System.nanoTime();
      RunResult r = traced
          ? m.run(Long.MAX_VALUE, TraceRecorder.streaming(segment, s -> { }))
          : m.run(Long.MAX_VALUE);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%s %s run %d: %s cycles=%d %.3f s %.1f M instructions/s%n",
          Path.of(args[0]).getFileName(), traced ? "traced" : "untraced", i, r.status(),
          r.cycles(), s, r.cycles() / s / 1e6);
    }
  }
}
