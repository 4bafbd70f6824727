package io.entangled.zkvm.trace;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes each segment to {@code DIR/segment-NNNNNN.bin} (format in {@code zkvm/README.md},
 * "Trace format"; all integers big-endian) and one summary line per segment to {@code
 * DIR/segments.txt}.
 */
public final class SegmentFileWriter implements Consumer<Segment>, AutoCloseable {
  static final byte[] MAGIC = {'Z', 'K', 'V', 'M', 'S', 'E', 'G', '2'};
  /** Thread states in the order of their byte code in the file. */
  static final List<String> STATES =
      List.of("RUNNABLE", "FUTEX_WAIT", "SLEEPING", "EPOLL_WAIT", "EXITED");

  private final Path dir;
  private final StringBuilder summary = new StringBuilder();

  public SegmentFileWriter(Path dir) {
    this.dir = dir;
  }

  @Override
  public void accept(Segment segment) {
    Path file = dir.resolve(String.format("segment-%06d.bin", segment.index()));
    try (OutputStream os = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
      write(segment, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    summary.append(String.format("%d start_cycle=%d steps=%d syscalls=%d words=%d start_pc=0x%08x"
            + " end_pc=0x%08x%n", segment.index(), segment.start().cycle(), segment.stepCount(),
        segment.syscalls().size(), segment.memory().size(), segment.start().current().pc(),
        segment.end().current().pc()));
  }

  /** Serializes one segment. */
  public static void write(Segment s, DataOutputStream out) throws IOException {
    out.write(MAGIC);
    out.writeInt(s.index());
    out.writeInt(s.stepCount());
    writeState(s.start(), out);
    writeState(s.end(), out);
    for (int i = 0; i < s.stepCount() * Segment.COLUMNS; i++) {
      out.writeInt(s.rows()[i]);
    }
    out.writeInt(s.syscalls().size());
    for (SyscallEffect e : s.syscalls()) {
      writeSyscall(e, out);
    }
    out.writeInt(s.memory().size());
    for (Segment.TouchedWord w : s.memory()) {
      out.writeInt(w.address());
      out.writeInt(w.initial());
      out.writeInt(w.last());
    }
  }

  private static void writeState(MachineState m, DataOutputStream out) throws IOException {
    out.writeLong(m.cycle());
    out.writeInt(m.currentTid());
    out.writeLong(m.clockNs());
    out.writeInt(m.brk());
    out.writeInt(m.threads().size());
    for (ThreadState t : m.threads()) {
      writeThread(t, out);
    }
  }

  private static void writeThread(ThreadState t, DataOutputStream out) throws IOException {
    out.writeInt(t.tid());
    out.writeByte(STATES.indexOf(t.state()));
    out.writeInt(t.pc());
    out.writeInt(t.nextPc());
    out.writeInt(t.hi());
    out.writeInt(t.lo());
    out.writeInt(t.tls());
    for (int r : t.registers()) {
      out.writeInt(r);
    }
  }

  private static void writeSyscall(SyscallEffect e, DataOutputStream out) throws IOException {
    out.writeLong(e.cycle());
    out.writeInt(e.number());
    for (int a : e.args()) {
      out.writeInt(a);
    }
    out.writeInt(e.v0());
    out.writeInt(e.a3());
    out.writeInt(e.nextTid());
    out.writeBoolean(e.resumed() != null);
    if (e.resumed() != null) {
      writeThread(e.resumed(), out);
    }
    out.writeInt(e.memory().size());
    for (MemoryAccess w : e.memory()) {
      out.writeInt(w.address());
      out.writeInt(w.before());
      out.writeInt(w.after());
      out.writeBoolean(w.write());
    }
    out.writeInt(e.cleared().length / 2);
    for (long bound : e.cleared()) {
      out.writeLong(bound);
    }
  }

  @Override
  public void close() throws IOException {
    Files.writeString(dir.resolve("segments.txt"), summary);
  }
}
