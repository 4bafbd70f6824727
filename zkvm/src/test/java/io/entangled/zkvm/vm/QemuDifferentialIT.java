package io.entangled.zkvm.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.testkit.Guests;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs seeded random instruction sequences on the emulator and under {@code qemu-mips} (an
 * independent MIPS implementation) and compares registers, HI/LO and a data area. A failure names
 * its seed; rerun one with {@code -Dzkvm.diff.seed=N}.
 */
class QemuDifferentialIT {
  private static final int UNITS = 300;

  @TempDir Path tmp;

  static LongStream seeds() {
    String one = System.getProperty("zkvm.diff.seed");
    if (one != null) {
      return LongStream.of(Long.parseLong(one));
    }
    long base = Long.getLong("zkvm.diff.base", 20_261_124L);
    return LongStream.range(base, base + Integer.getInteger("zkvm.diff.count", 150));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void emulatorMatchesQemu(long seed) throws Exception {
    Path qemu = Guests.tool("qemu-mips", "qemu-user");
    byte[] elf = RandomProgram.elf(seed, UNITS);
    Path file = tmp.resolve("random-" + seed + ".elf");
    Files.write(file, elf);
    file.toFile().setExecutable(true);
    byte[] expected = runQemu(qemu, file);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MipsMachine m = new MipsMachine(ElfLoader.load(elf),
        new GuestIo(new byte[0], out, new ByteArrayOutputStream()));
    RunResult result = m.run(1_000_000);
    assertThat(result.status()).as("seed %d: %s", seed, result.fault() == null ? ""
        : result.fault().describe()).isEqualTo(RunResult.Status.EXITED);
    assertThat(describe(out.toByteArray())).as("seed %d (rerun: -Dzkvm.diff.seed=%d)", seed, seed)
        .isEqualTo(describe(expected));
  }

  private static byte[] runQemu(Path qemu, Path elf) throws Exception {
    Process p = new ProcessBuilder(qemu.toString(), elf.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("qemu exit code").isZero();
    return out;
  }

  /** One line per register and per data word, so that a mismatch reads as a diff. */
  private static String describe(byte[] dump) {
    StringBuilder sb = new StringBuilder();
    HexFormat hex = HexFormat.of();
    for (int i = 0; i + 4 <= dump.length; i += 4) {
      int w = i / 4;
      String name = w < 32 ? "r" + w : w == 32 ? "hi" : w == 33 ? "lo" : "mem+" + (i - 136);
      sb.append(name).append('=').append(hex.formatHex(dump, i, i + 4)).append('\n');
    }
    return sb.toString();
  }
}
