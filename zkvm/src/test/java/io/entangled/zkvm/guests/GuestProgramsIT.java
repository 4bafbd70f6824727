package io.entangled.zkvm.guests;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.testkit.Guests;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the example guests (built by {@code zkvm/guests/build.sh}) on the emulator and under {@code
 * qemu-mips}, and requires the same stdout, exit code and public values (fd 3).
 */
class GuestProgramsIT {
  @TempDir Path tmp;

  record Case(String guest, String tool, String label, byte[] input) {
    @Override
    public String toString() {
      return guest + " " + label;
    }
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] u32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  static Stream<Arguments> cases() {
    String gcc = "gcc-mips-linux-gnu";
    String go = "golang-go";
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] text = ("It was the best of times, it was the worst of times, it was the age of "
        + "wisdom, it was the age of foolishness").getBytes(StandardCharsets.US_ASCII);
    return Stream.of(
        new Case("fib-c", gcc, "default n", new byte[0]),
        new Case("fib-c", gcc, "n=1000", u32(1000)),
        new Case("sha256-c", gcc, "empty", new byte[0]),
        new Case("sha256-c", gcc, "abc", abc),
        new Case("sha256-c", gcc, "55 bytes", randomBytes(55, 1)),
        new Case("sha256-c", gcc, "56 bytes", randomBytes(56, 2)),
        new Case("sha256-c", gcc, "5000 bytes", randomBytes(5000, 3)),
        new Case("keccak-c", gcc, "empty", new byte[0]),
        new Case("keccak-c", gcc, "136 bytes (one full block)", randomBytes(136, 6)),
        new Case("keccak-c", gcc, "300 bytes", randomBytes(300, 5)),
        new Case("hello-go", go, "no input", new byte[0]),
        new Case("sha256-go", go, "abc", abc),
        new Case("sha256-go", go, "20000 bytes", randomBytes(20_000, 4)),
        // long enough for GC and the scavenger's timers: exercises epoll and the wake-up pipe
        new Case("sha256-go", go, "4 MB of zeros", new byte[4_000_000]),
        new Case("keccak-go", go, "empty", new byte[0]),
        new Case("keccak-go", go, "300 bytes", randomBytes(300, 5)),
        new Case("goroutines-go", go, "default text", new byte[0]),
        new Case("goroutines-go", go, "dickens", text),
        new Case("release-go", go, "no input", new byte[0]),
        new Case("frames-go", go, "three frames", frames("alpha", "", "gamma ray")),
        new Case("frames-go", go, "cut-off frame", java.util.Arrays.copyOf(frames("abcdef"), 7)))
        .map(Arguments::of);
  }

  private static byte[] frames(String... payloads) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String p : payloads) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(u32(b.length));
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void guestBehavesAsUnderQemu(Case c) throws Exception {
    Path elf = Guests.elf(c.guest(), c.tool());
    Path qemu = Guests.tool("qemu-mips", "qemu-user");
    Outcome emulated = emulate(elf, c.input());
    Outcome reference = underQemu(qemu, elf, c.input());
    assertThat(emulated.stdout()).as("stdout").isEqualTo(reference.stdout());
    assertThat(emulated.exit()).as("exit code").isEqualTo(reference.exit());
    assertThat(emulated.publicHex()).as("public values").isEqualTo(reference.publicHex());
  }

  @Test
  void sha256GuestsAgreeWithTheJdk() throws Exception {
    byte[] input = randomBytes(777, 9);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
    assertThat(emulate(Guests.elf("sha256-c", "gcc-mips-linux-gnu"), input).publicHex())
        .isEqualTo(expected);
    assertThat(emulate(Guests.elf("sha256-go", "golang-go"), input).publicHex())
        .isEqualTo(expected);
  }

  @Test
  void keccakGuestMatchesEthereumVector() throws Exception {
    Outcome o = emulate(Guests.elf("keccak-go", "golang-go"), new byte[0]);
    assertThat(o.publicHex())
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    Outcome c = emulate(Guests.elf("keccak-c", "gcc-mips-linux-gnu"), new byte[0]);
    assertThat(c.publicHex())
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void keccakGuestsInCAndGoAgree() throws Exception {
    for (int len : new int[] {1, 135, 136, 137, 1000}) {
      byte[] input = randomBytes(len, 10 + len);
      assertThat(emulate(Guests.elf("keccak-c", "gcc-mips-linux-gnu"), input).publicHex())
          .as("%d bytes", len)
          .isEqualTo(emulate(Guests.elf("keccak-go", "golang-go"), input).publicHex());
    }
  }

  @Test
  void goRunsAreDeterministic() throws Exception {
    Path elf = Guests.elf("goroutines-go", "golang-go");
    Outcome a = emulate(elf, new byte[0]);
    Outcome b = emulate(elf, new byte[0]);
    assertThat(a.cycles()).isPositive().isEqualTo(b.cycles());
    assertThat(a.stdout()).isEqualTo(b.stdout());
  }

  record Outcome(String stdout, int exit, String publicHex, long cycles) {}

  static Outcome emulate(Path elf, byte[] input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GuestIo io = new GuestIo(input, out, new ByteArrayOutputStream());
    MipsMachine m = new MipsMachine(ElfLoader.load(Files.readAllBytes(elf)), io);
    RunResult r = m.run(2_000_000_000L);
    assertThat(r.status()).as("%s", r.fault() == null ? "" : r.fault().describe())
        .isEqualTo(RunResult.Status.EXITED);
    return new Outcome(out.toString(StandardCharsets.UTF_8), r.exitCode(),
        HexFormat.of().formatHex(io.publicValues()), r.cycles());
  }

  private Outcome underQemu(Path qemu, Path elf, byte[] input) throws Exception {
    Path in = Files.write(tmp.resolve("input"), input);
    Path pub = tmp.resolve("public");
    Process p = new ProcessBuilder("sh", "-c", "exec \"$0\" \"$1\" 3>\"$2\"", qemu.toString(),
        elf.toString(), pub.toString())
        .redirectInput(in.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("qemu finished").isTrue();
    return new Outcome(stdout, p.exitValue(), HexFormat.of().formatHex(Files.readAllBytes(pub)),
        0);
  }
}
