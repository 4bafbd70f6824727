package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.cli.ZkvmCommand;
import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The syscall and memory tables end to end: a guest reads 7 private bytes into an unaligned buffer
 * of its data segment, commits them and 4 bytes of its initial image as public values (fd 3),
 * prints to stdout and exits with 5; also through the {@code zkvm prove / verify} commands.
 */
class SyscallProofTest {
  static final byte[] INPUT = "1234567".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PUBLIC = "1234567ABCD".getBytes(StandardCharsets.US_ASCII);
  private static byte[] elf;
  private static LoadedProgram program;
  private static MipsProof proof;

  static byte[] elf(int exitCode) {
    Asm a = new Asm();
    a.li(5, TestElf.DATA + 1).addiu(4, 0, 0).addiu(6, 0, 7).addiu(2, 0, 4003).syscall();
    a.addiu(4, 0, 3).addiu(2, 0, 4004).syscall();
    a.li(5, TestElf.DATA + 8).addiu(6, 0, 4).addiu(2, 0, 4004).syscall();
    a.addiu(4, 0, 1).addiu(2, 0, 4004).syscall();
    a.addiu(4, 0, exitCode).addiu(2, 0, 4246).syscall();
    byte[] data = new byte[16];
    for (int i = 0; i < 8; i++) {
      data[i] = (byte) (0x11 * (i + 1));
    }
    System.arraycopy("ABCD".getBytes(StandardCharsets.US_ASCII), 0, data, 8, 4);
    return new TestElf().text(a.bytes()).segment(TestElf.DATA, data, 64, 6).build();
  }

  @BeforeAll
  static void prove() throws Exception {
    elf = elf(5);
    program = ElfLoader.load(elf);
    proof = new MipsProver().prove(program, INPUT);
  }

  @Test
  void readAndPublicWritesAreProved() {
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, proof.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.publicValues()).isEqualTo(PUBLIC);
    assertThat(v.exitCode()).isEqualTo(5);
  }

  @Test
  void otherPublicValuesAreRejected() {
    byte[] other = PUBLIC.clone();
    other[3] ^= 1;
    MipsProof forged = new MipsProof(proof.imageId(), proof.exitCode(), proof.cycles(), other,
        proof.transcript(), proof.segments(), proof.finale());
    assertThat(new MipsVerifier().verify(program, forged.encode()).accepted()).isFalse();
    byte[] reordered = "ABCD1234567".getBytes(StandardCharsets.US_ASCII);
    MipsProof swapped = new MipsProof(proof.imageId(), proof.exitCode(), proof.cycles(),
        reordered, proof.transcript(), proof.segments(), proof.finale());
    assertThat(new MipsVerifier().verify(program, swapped.encode()).accepted()).isFalse();
  }

  @Test
  void theProofDoesNotVerifyForAnotherProgram() throws Exception {
    LoadedProgram other = ElfLoader.load(elf(6));
    assertThat(new MipsVerifier().verify(other, proof.encode()).reason())
        .contains("another program");
  }

  private static int cli(StringWriter out, StringWriter err, String... args) {
    return new CommandLine(new ZkvmCommand()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void proveRefusesBadInputAndUnprovableRuns(@TempDir Path dir) throws Exception {
    Path elfFile = Files.write(dir.resolve("guest.elf"), elf);
    Path out = dir.resolve("p");
    StringWriter err = new StringWriter();
    assertThat(cli(new StringWriter(), err, "prove", elfFile.toString(), "--out", out.toString(),
        "--segment-cycles", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--segment-cycles");
    assertThat(cli(new StringWriter(), new StringWriter(), "prove", dir.resolve("none.elf")
        .toString(), "--out", out.toString())).isEqualTo(2);
    Path junk = Files.write(dir.resolve("junk.elf"), new byte[] {1, 2, 3});
    assertThat(cli(new StringWriter(), new StringWriter(), "prove", junk.toString(), "--out",
        out.toString())).isEqualTo(2);
    // write(1) from an unmapped buffer fails (EFAULT): a failing write is not proved yet
    Asm failing = new Asm().write(1, 0x2000_0000, 4).exit(0);
    Path unprovable = Files.write(dir.resolve("efault.elf"),
        new TestElf().text(failing.bytes()).build());
    StringWriter e2 = new StringWriter();
    assertThat(cli(new StringWriter(), e2, "prove", unprovable.toString(), "--out",
        out.toString())).isEqualTo(1);
    assertThat(e2.toString()).contains("cannot prove this run").contains("returned an error");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void proveAndVerifyCommands(@TempDir Path dir) throws Exception {
    Path elfFile = Files.write(dir.resolve("guest.elf"), elf);
    Path input = Files.write(dir.resolve("input"), INPUT);
    Path proofFile = dir.resolve("guest.proof");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(cli(out, err, "prove", elfFile.toString(), "--input", input.toString(), "--out",
        proofFile.toString(), "--segment-cycles", "8")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("exit=5").contains("segments=3");
    byte[] once = Files.readAllBytes(proofFile);
    out = new StringWriter();
    assertThat(cli(out, err, "prove", elfFile.toString(), "--input", input.toString(), "--out",
        proofFile.toString(), "--segment-cycles", "8", "--repeat", "2")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("first_seconds=").contains("first_cycles/s=");
    assertThat(Files.readAllBytes(proofFile)).as("a repeated proof is the same proof").isEqualTo(once);
    assertThat(cli(new StringWriter(), new StringWriter(), "prove", elfFile.toString(), "--out",
        proofFile.toString(), "--repeat", "0")).isEqualTo(2);
    out = new StringWriter();
    assertThat(cli(out, err, "verify", proofFile.toString(), "--elf", elfFile.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("valid cycles=20 segments=3 exit=5 public="
        + java.util.HexFormat.of().formatHex(PUBLIC));
    out = new StringWriter();
    assertThat(cli(out, err, "verify", proofFile.toString(), "--elf", elfFile.toString(),
        "--repeat", "2")).isZero();
    assertThat(out.toString()).contains("verify_ms=").contains("first_ms=");
    assertThat(cli(new StringWriter(), new StringWriter(), "verify", proofFile.toString(), "--elf",
        elfFile.toString(), "--repeat", "0")).isEqualTo(2);
    Path expected = Files.write(dir.resolve("public"), PUBLIC);
    assertThat(cli(new StringWriter(), err, "verify", proofFile.toString(), "--elf",
        elfFile.toString(), "--public", expected.toString())).isZero();
    Path wrong = Files.write(dir.resolve("wrong"), "nope".getBytes(StandardCharsets.US_ASCII));
    StringWriter e2 = new StringWriter();
    assertThat(cli(new StringWriter(), e2, "verify", proofFile.toString(), "--elf",
        elfFile.toString(), "--public", wrong.toString())).isEqualTo(1);
    assertThat(e2.toString()).contains("public values differ");
    Path otherElf = Files.write(dir.resolve("other.elf"), elf(6));
    StringWriter e3 = new StringWriter();
    assertThat(cli(new StringWriter(), e3, "verify", proofFile.toString(), "--elf",
        otherElf.toString())).isEqualTo(1);
    assertThat(e3.toString()).contains("another program");
    byte[] bytes = Files.readAllBytes(proofFile);
    for (int pos = 0; pos < bytes.length; pos += Math.max(1, bytes.length / 61)) {
      byte[] bad = bytes.clone();
      bad[pos] ^= 0x40;
      Path badFile = Files.write(dir.resolve("bad.proof"), bad);
      assertThat(cli(new StringWriter(), new StringWriter(), "verify", badFile.toString(),
          "--elf", elfFile.toString())).as("byte %d", pos).isEqualTo(1);
    }
    assertThat(cli(new StringWriter(), new StringWriter(), "verify", dir.resolve("missing")
        .toString(), "--elf", elfFile.toString())).isEqualTo(2);
  }
}
