package io.entangled.zkvm.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRecorderTest {
  private static byte[] program() {
    Asm a = new Asm().li(28, TestElf.DATA).li(8, 0).li(9, 25);
    int loop = a.here();
    a.lw(10, 28, 0); // load counter word
    a.addu(10, 10, 9);
    a.sw(10, 28, 0);
    a.special(10, 9, 0, 0, 0x18); // mult -> hi/lo
    a.addiu(9, 9, -1);
    a.word(Asm.i(0x05, 9, 0, (loop - a.here() - 4) >> 2)); // bne $9,$0,loop
    a.addiu(8, 8, 1); // delay slot
    a.li(4, 0).li(5, TestElf.DATA + 8).li(2, 4263).syscall(); // clock_gettime(REALTIME)
    a.write(1, TestElf.DATA, 4);
    return new TestElf().text(a.exit(3).bytes()).segment(TestElf.DATA, new byte[16], 64, 6)
        .build();
  }

  private static MipsMachine machine() throws Exception {
    return new MipsMachine(ElfLoader.load(program()),
        new GuestIo(new byte[0], new ByteArrayOutputStream(), new ByteArrayOutputStream()));
  }

  @Test
  void tracedRunMatchesUntracedRun() throws Exception {
    RunResult plain = machine().run(100_000);
    List<Segment> segments = new ArrayList<>();
    MipsMachine traced = machine();
    RunResult withTrace = traced.run(100_000, new TraceRecorder(37, segments::add));
    assertThat(withTrace).usingRecursiveComparison().isEqualTo(plain);
    assertThat(plain.exitCode()).isEqualTo(3);
    assertThat(segments.stream().mapToInt(Segment::stepCount).sum()).isEqualTo(plain.cycles());
    assertThat(segments).hasSize((int) ((plain.cycles() + 36) / 37));
    assertThat(segments.get(0).start().current().pc()).isEqualTo(TestElf.TEXT);
  }

  @Test
  void replayingTheTraceReproducesEverySegmentsEndState() throws Exception {
    List<Segment> segments = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(50, segments::add));
    TraceReplay.check(segments);
    List<SyscallEffect> syscalls = segments.stream().flatMap(s -> s.syscalls().stream()).toList();
    assertThat(syscalls).extracting(SyscallEffect::number).containsExactly(4263, 4004, 4246);
    assertThat(syscalls.get(0).memory()).extracting(MemoryAccess::write).containsExactly(true, true);
    // write(1, DATA, 4) reads the word it sends to stdout
    assertThat(syscalls.get(1).memory()).containsExactly(
        new MemoryAccess(TestElf.DATA, 325, 325, false));
  }

  @Test
  void wordsClearedByMadviseAreInTheTraceSoTheReplayStaysExact() throws Exception {
    Asm a = new Asm().li(28, TestElf.DATA).li(8, 77).sw(8, 28, 12);
    a.li(4, TestElf.DATA).li(5, 4096).li(6, 4).li(2, 4218).syscall(); // madvise(DONTNEED)
    a.lw(9, 28, 12).sw(9, 28, 16);
    byte[] elf = new TestElf().text(a.exit(0).bytes()).segment(TestElf.DATA, new byte[16], 64, 6)
        .build();
    List<Segment> segments = new ArrayList<>();
    MipsMachine m = new MipsMachine(ElfLoader.load(elf),
        new GuestIo(new byte[0], new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    m.run(1000, new TraceRecorder(5, segments::add));
    TraceReplay.check(segments);
    SyscallEffect madvise = segments.stream().flatMap(s -> s.syscalls().stream())
        .filter(e -> e.number() == 4218).findFirst().orElseThrow();
    assertThat(madvise.memory()).containsExactly(
        new MemoryAccess(TestElf.DATA + 12, 77, 0, true));
    assertThat(m.currentThread().reg(9)).isZero();
  }

  @Test
  void recordsMemoryAccessesWithValuesBeforeAndAfter() throws Exception {
    List<Segment> segments = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(1 << 20, segments::add));
    Segment s = segments.get(0);
    int stores = 0;
    for (int i = 0; i < s.stepCount(); i++) {
      if (s.get(i, Segment.COL_MEM_KIND) == StepRecord.MEM_WRITE) {
        assertThat(s.get(i, Segment.COL_MEM_ADDRESS)).isEqualTo(TestElf.DATA);
        assertThat(s.get(i, Segment.COL_MEM_AFTER) - s.get(i, Segment.COL_MEM_BEFORE))
            .isEqualTo(s.get(i, Segment.COL_RT_VALUE) - s.get(i, Segment.COL_MEM_BEFORE));
        stores++;
      }
    }
    assertThat(stores).isEqualTo(25);
    assertThat(s.memory().get(0)).isEqualTo(new Segment.TouchedWord(TestElf.DATA, 0, 325));
  }

  @Test
  void tamperedTraceFailsTheReplay() throws Exception {
    List<Segment> segments = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(1 << 20, segments::add));
    Segment s = segments.get(0);
    int[] rows = s.rows().clone();
    rows[20 * Segment.COLUMNS + Segment.COL_DST_VALUE] ^= 1;
    Segment bad = new Segment(s.index(), s.start(), s.end(), s.stepCount(), rows, s.syscalls(),
        s.memory());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceReplay.check(List.of(bad)))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void streamingRecorderHandsOverTheSameSegmentsWhileReusingItsTable() throws Exception {
    List<byte[]> kept = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(16, s -> kept.add(serialize(s))));
    List<byte[]> streamed = new ArrayList<>();
    List<int[]> tables = new ArrayList<>();
    machine().run(100_000, TraceRecorder.streaming(16, s -> {
      streamed.add(serialize(s));
      tables.add(s.rows());
    }));
    assertThat(streamed).hasSameSizeAs(kept).hasSizeGreaterThan(3);
    for (int i = 0; i < kept.size(); i++) {
      assertThat(streamed.get(i)).as("segment %d", i).isEqualTo(kept.get(i));
    }
    assertThat(tables.get(1)).isSameAs(tables.get(2));
  }

  private static byte[] serialize(Segment s) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SegmentFileWriter.write(s, new DataOutputStream(bytes));
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void segmentFilesReadBackEqualToWhatWasWritten() throws Exception {
    List<Segment> segments = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(64, segments::add));
    for (Segment s : segments) {
      Segment back = SegmentFileReader.read(
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(serialize(s))));
      assertThat(back).usingRecursiveComparison().isEqualTo(s);
    }
  }

  @Test
  void truncatedOrForeignSegmentFilesAreRefused() throws Exception {
    List<Segment> segments = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(64, segments::add));
    byte[] good = serialize(segments.get(0));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
    byte[] foreign = good.clone();
    foreign[0] = 'X';
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SegmentFileReader.read(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(truncated))))
        .isInstanceOf(java.io.EOFException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SegmentFileReader.read(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(foreign))))
        .hasMessageContaining("bad magic");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SegmentFileReader.read(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(trailing))))
        .hasMessageContaining("trailing");
  }

  @Test
  void segmentFileStartsWithMagicAndHasOneRowPerStep() throws Exception {
    List<Segment> segments = new ArrayList<>();
    machine().run(100_000, new TraceRecorder(1 << 20, segments::add));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SegmentFileWriter.write(segments.get(0), new DataOutputStream(bytes));
    byte[] b = bytes.toByteArray();
    assertThat(new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ZKVMSEG2");
    assertThat(b.length).isGreaterThan(segments.get(0).stepCount() * Segment.COLUMNS * 4);
  }
}
