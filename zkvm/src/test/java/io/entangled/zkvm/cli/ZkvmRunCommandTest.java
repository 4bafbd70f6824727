package io.entangled.zkvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.SegmentFileReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ZkvmRunCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int zkvm(String... args) {
    return new CommandLine(new ZkvmCommand()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
  }

  /** Reads 4 input bytes to DATA, echoes them to stdout, commits them to fd 3, exits 42. */
  private Path echoGuest() throws Exception {
    Asm a = new Asm().li(4, 0).li(5, TestElf.DATA).li(6, 4).li(2, 4003).syscall();
    a.write(1, TestElf.DATA, 4).write(3, TestElf.DATA, 4).write(2, TestElf.DATA + 16, 3);
    byte[] data = new byte[32];
    data[16] = 'e';
    data[17] = 'r';
    data[18] = '\n';
    byte[] elf = new TestElf().text(a.exit(42).bytes()).segment(TestElf.DATA, data, 64, 6).build();
    return Files.write(tmp.resolve("echo.elf"), elf);
  }

  @Test
  void runsGuestAndReportsCyclesExitAndPublicValues() throws Exception {
    Path input = Files.writeString(tmp.resolve("in"), "ping");
    Path pub = tmp.resolve("pub.bin");
    int code = zkvm("run", echoGuest().toString(), "--input", input.toString(), "--public-out",
        pub.toString());
    assertThat(code).isEqualTo(42);
    assertThat(out.toString()).isEqualTo("ping");
    assertThat(err.toString()).startsWith("er\n").containsPattern(
        "(?m)^cycles=\\d+ exit=42 public=70696e67$");
    assertThat(Files.readString(pub)).isEqualTo("ping");
  }

  @Test
  void guestFaultExitsWithThreeAndNamesThePc() throws Exception {
    byte[] elf = new TestElf().text(new Asm().nop().word(0x4600_0000).bytes()).build();
    Path p = Files.write(tmp.resolve("bad.elf"), elf);
    assertThat(zkvm("run", p.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("fault at pc=0x00400004 insn=0x46000000")
        .contains("cycles=2 exit=3 public=");
  }

  @Test
  void cycleLimitExitsWithThree() throws Exception {
    byte[] elf = new TestElf().text(new Asm().word(Asm.i(0x04, 0, 0, -1)).nop().bytes()).build();
    Path p = Files.write(tmp.resolve("loop.elf"), elf);
    assertThat(zkvm("run", p.toString(), "--max-cycles", "1000")).isEqualTo(3);
    assertThat(err.toString()).contains("cycle limit").contains("cycles=1000 exit=3");
  }

  @Test
  void badInputExitsWithTwoAndOneLine() throws Exception {
    Path notElf = Files.writeString(tmp.resolve("x.elf"), "hello");
    assertThat(zkvm("run", notElf.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("truncated ELF").doesNotContain("Exception");
    StringWriter e2 = new StringWriter();
    int missing = new CommandLine(new ZkvmCommand()).setErr(new PrintWriter(e2))
        .execute("run", tmp.resolve("nope.elf").toString());
    assertThat(missing).isEqualTo(2);
    assertThat(e2.toString()).contains("cannot read").doesNotContain("\tat ");
    assertThat(zkvm("run", echoGuest().toString(), "--max-cycles", "zero")).isEqualTo(2);
    assertThat(zkvm("run", echoGuest().toString(), "--max-cycles", "-5")).isEqualTo(2);
    assertThat(zkvm("run", echoGuest().toString(), "--segment-cycles", "1000000000")).isEqualTo(2);
    assertThat(err.toString()).contains("--segment-cycles must be in 1..67108864");
  }

  @Test
  void traceOutWritesSegmentFiles() throws Exception {
    Path dir = tmp.resolve("trace");
    int code = zkvm("run", echoGuest().toString(), "--trace-out", dir.toString(),
        "--segment-cycles", "10");
    assertThat(code).isEqualTo(42);
    assertThat(dir.resolve("segment-000000.bin")).exists();
    assertThat(dir.resolve("segment-000003.bin")).exists();
    assertThat(Files.readAllLines(dir.resolve("segments.txt"))).first().asString()
        .startsWith("0 start_cycle=0 steps=10");
    long cycles = Long.parseLong(err.toString().replaceAll("(?s).*cycles=(\\d+).*", "$1"));
    long steps = 0;
    for (int i = 0; Files.exists(dir.resolve(String.format("segment-%06d.bin", i))); i++) {
      Segment s = SegmentFileReader.read(dir, i);
      assertThat(s.index()).isEqualTo(i);
      steps += s.stepCount();
    }
    assertThat(steps).isEqualTo(cycles);
  }

  @Test
  void unwritableTraceFolderIsReportedInOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    assertThat(zkvm("run", echoGuest().toString(), "--trace-out", file.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("zkvm run: cannot write").doesNotContain("\tat ");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    assertThat(zkvm()).isEqualTo(2);
    assertThat(err.toString()).contains("missing subcommand");
  }
}
