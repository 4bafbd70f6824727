package io.entangled.zkvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.testkit.Guests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Executables that real compilers produce and the loader must refuse, each with its reason. */
class RealElfRejectionIT {
  private static final String FREESTANDING = "-O2 -ffreestanding -nostdlib -static -e main";

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "little-endian   | -EL -mips32r2 " + FREESTANDING + " | little-endian",
    "64-bit (n64)    | -mabi=64 " + FREESTANDING + "      | 64-bit ELF",
    "PIE, dynamic    | -O2                                | ET_DYN",
    "dynamic, no PIE | -O2 -no-pie                        | dynamically linked (has PT_INTERP)",
  })
  void rejectsWhatTheCrossCompilerCanAlsoProduce(String label, String flags, String reason)
      throws Exception {
    Path gcc = Guests.tool("mips-linux-gnu-gcc", "gcc-mips-linux-gnu");
    Path src = Files.writeString(tmp.resolve("t.c"), "int main(void) { return 0; }\n");
    Path out = tmp.resolve("t.elf");
    List<String> cmd = new ArrayList<>(List.of(gcc.toString()));
    cmd.addAll(List.of(flags.trim().split("\\s+")));
    cmd.addAll(List.of("-o", out.toString(), src.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    byte[] elf = Files.readAllBytes(out);
    assertThatThrownBy(() -> ElfLoader.load(elf)).isInstanceOf(ElfFormatException.class)
        .hasMessageContaining(reason);
  }
}
