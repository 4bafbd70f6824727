package io.entangled.zkvm.trace;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads segment files written by {@link SegmentFileWriter}. */
public final class SegmentFileReader {
  private SegmentFileReader() {}

  /** Reads {@code DIR/segment-NNNNNN.bin} for index {@code index}. */
  public static Segment read(Path dir, int index) throws IOException {
    Path file = dir.resolve(String.format("segment-%06d.bin", index));
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
      return read(in);
    }
  }

  /** Parses one segment; a malformed file gives an {@link IOException} naming the field. */
  public static Segment read(DataInputStream in) throws IOException {
    byte[] magic = in.readNBytes(8);
    if (!Arrays.equals(magic, SegmentFileWriter.MAGIC)) {
      throw new IOException("not a zkVM segment file (bad magic)");
    }
    int index = in.readInt();
    int steps = in.readInt();
    if (steps < 0 || steps > (Integer.MAX_VALUE / Segment.COLUMNS)) {
      throw new IOException("bad step count " + steps);
    }
    MachineState start = readState(in);
    MachineState end = readState(in);
    int[] rows = new int[steps * Segment.COLUMNS];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = in.readInt();
    }
    int syscallCount = count(in, "syscall count");
    List<SyscallEffect> syscalls = new ArrayList<>(syscallCount);
    for (int i = 0; i < syscallCount; i++) {
      syscalls.add(readSyscall(in));
    }
    int words = count(in, "word count");
    List<Segment.TouchedWord> memory = new ArrayList<>(words);
    for (int i = 0; i < words; i++) {
      memory.add(new Segment.TouchedWord(in.readInt(), in.readInt(), in.readInt()));
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes after the segment");
    }
    return new Segment(index, start, end, steps, rows, List.copyOf(syscalls), List.copyOf(memory));
  }

  private static int count(DataInputStream in, String field) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative " + field);
    }
    return n;
  }

  private static MachineState readState(DataInputStream in) throws IOException {
    long cycle = in.readLong();
    int tid = in.readInt();
    long clock = in.readLong();
    int brk = in.readInt();
    int n = count(in, "thread count");
    List<ThreadState> threads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      threads.add(readThread(in));
    }
    return new MachineState(cycle, tid, clock, brk, List.copyOf(threads));
  }

  private static ThreadState readThread(DataInputStream in) throws IOException {
    int tid = in.readInt();
    int state = in.readUnsignedByte();
    if (state >= SegmentFileWriter.STATES.size()) {
      throw new IOException("bad thread state " + state);
    }
    int pc = in.readInt();
    int npc = in.readInt();
    int hi = in.readInt();
    int lo = in.readInt();
    int tls = in.readInt();
    int[] regs = new int[32];
    for (int i = 0; i < 32; i++) {
      regs[i] = in.readInt();
    }
    return new ThreadState(tid, SegmentFileWriter.STATES.get(state), pc, npc, hi, lo, tls, regs);
  }

  private static SyscallEffect readSyscall(DataInputStream in) throws IOException {
    long cycle = in.readLong();
    int number = in.readInt();
    int[] args = {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
    int v0 = in.readInt();
    int a3 = in.readInt();
    int nextTid = in.readInt();
    ThreadState resumed = in.readBoolean() ? readThread(in) : null;
    int n = count(in, "memory access count");
    List<MemoryAccess> memory = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      memory.add(new MemoryAccess(in.readInt(), in.readInt(), in.readInt(), in.readBoolean()));
    }
    int regions = count(in, "cleared region count");
    long[] cleared = new long[2 * regions];
    for (int i = 0; i < cleared.length; i += 2) {
      cleared[i] = in.readLong();
      cleared[i + 1] = in.readLong();
      if (cleared[i] < 0 || cleared[i] >= cleared[i + 1] || cleared[i + 1] > 1L << 32
          || ((cleared[i] | cleared[i + 1]) & 0xfff) != 0) {
        throw new IOException("bad cleared region " + cleared[i] + ".." + cleared[i + 1]);
      }
    }
    return new SyscallEffect(cycle, number, args, v0, a3, List.copyOf(memory), nextTid, resumed,
        cleared);
  }
}
