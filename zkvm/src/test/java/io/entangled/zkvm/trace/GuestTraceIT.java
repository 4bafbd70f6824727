package io.entangled.zkvm.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.testkit.Guests;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Traces real guests (single-threaded C, multi-threaded Go) and replays every segment. */
class GuestTraceIT {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"sha256-c, gcc-mips-linux-gnu", "hello-go, golang-go", "goroutines-go, golang-go"})
  void traceOfGuestReplaysAndMatchesTheUntracedRun(String guest, String tool) throws Exception {
    byte[] elf = Files.readAllBytes(Guests.elf(guest, tool));
    byte[] input = "the trace must be complete".getBytes();
    RunResult plain = machine(elf, input).run(100_000_000L);
    List<Segment> segments = new ArrayList<>();
    RunResult traced = machine(elf, input).run(100_000_000L, new TraceRecorder(65_536,
        segments::add));
    assertThat(traced).usingRecursiveComparison().isEqualTo(plain);
    assertThat(plain.status()).isEqualTo(RunResult.Status.EXITED);
    assertThat(segments.stream().mapToLong(Segment::stepCount).sum()).isEqualTo(plain.cycles());
    TraceReplay.check(segments);
  }

  private static MipsMachine machine(byte[] elf, byte[] input) throws Exception {
    return new MipsMachine(ElfLoader.load(elf),
        new GuestIo(input, new ByteArrayOutputStream(), new ByteArrayOutputStream()));
  }
}
