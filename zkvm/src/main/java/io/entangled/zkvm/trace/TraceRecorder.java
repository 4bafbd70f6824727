package io.entangled.zkvm.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link TraceSink} that cuts the run into segments of {@code segmentSize} steps and hands each
 * finished {@link Segment} to a consumer (a file writer, a prover, a list in a test).
 */
public final class TraceRecorder implements TraceSink {
  private final int segmentSize;
  private final Consumer<Segment> consumer;
  private int[] rows;
  private int count;
  private int index;
  private MachineState start;
  private List<SyscallEffect> syscalls = new ArrayList<>();
  private WordMap touched = new WordMap();

  public TraceRecorder(int segmentSize, Consumer<Segment> consumer) {
    if (segmentSize <= 0) {
      throw new IllegalArgumentException("segmentSize must be positive: " + segmentSize);
    }
    this.segmentSize = segmentSize;
    this.consumer = consumer;
  }

  @Override
  public void begin(StateSource machine) {
    start = machine.snapshot();
    rows = new int[Math.min(segmentSize, 1 << 16) * Segment.COLUMNS];
  }

  @Override
  public void step(StepRecord s, StateSource machine) {
    int base = count * Segment.COLUMNS;
    if (base + Segment.COLUMNS > rows.length) {
      rows = Arrays.copyOf(rows, Math.min(rows.length * 2, segmentSize * Segment.COLUMNS));
    }
    int[] r = rows;
    r[base] = s.tid;
    r[base + 1] = s.pc;
    r[base + 2] = s.nextPc;
    r[base + 3] = s.instruction;
    r[base + 4] = s.rsValue;
    r[base + 5] = s.rtValue;
    r[base + 6] = s.dstRegister;
    r[base + 7] = s.dstValue;
    r[base + 8] = s.hi;
    r[base + 9] = s.lo;
    r[base + 10] = s.memKind;
    r[base + 11] = s.memAddress;
    r[base + 12] = s.memBefore;
    r[base + 13] = s.memAfter;
    if (s.memKind != StepRecord.MEM_NONE) {
      touched.touch(s.memAddress, s.memBefore, s.memAfter);
    }
    if (s.syscall != null) {
      syscalls.add(s.syscall);
      for (MemoryWrite w : s.syscall.writes()) {
        touched.touch(w.address(), w.before(), w.after());
      }
    }
    if (++count == segmentSize) {
      flush(machine.snapshot());
    }
  }

  @Override
  public void end(StateSource machine) {
    if (count > 0) {
      flush(machine.snapshot());
    }
  }

  private void flush(MachineState end) {
    boolean full = count * Segment.COLUMNS == rows.length;
    int[] table = full ? rows : Arrays.copyOf(rows, count * Segment.COLUMNS);
    consumer.accept(
        new Segment(index++, start, end, count, table, List.copyOf(syscalls), touched.words()));
    // A run that filled one segment is long: give the next one its full size at once.
    rows = full ? new int[rows.length] : rows;
    start = end;
    count = 0;
    syscalls = new ArrayList<>();
    touched = new WordMap();
  }

  /** Open-addressing map from word address to (first value seen, last value) without boxing. */
  private static final class WordMap {
    private int[] keys = new int[1024];
    private int[] initial = new int[1024];
    private int[] last = new int[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    void touch(int addr, int before, int after) {
      int i = slot(addr);
      if (!used[i]) {
        used[i] = true;
        keys[i] = addr;
        initial[i] = before;
        if (++size * 2 > keys.length) {
          last[i] = after;
          grow();
          return;
        }
      }
      last[i] = after;
    }

    private int slot(int addr) {
      int mask = keys.length - 1;
      int i = (addr * 0x9e3779b9 >>> 7) & mask;
      while (used[i] && keys[i] != addr) {
        i = (i + 1) & mask;
      }
      return i;
    }

    private void grow() {
      int[] oldKeys = keys;
      int[] oldInitial = initial;
      int[] oldLast = last;
      boolean[] oldUsed = used;
      keys = new int[oldKeys.length * 2];
      initial = new int[keys.length];
      last = new int[keys.length];
      used = new boolean[keys.length];
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldUsed[j]) {
          int i = slot(oldKeys[j]);
          used[i] = true;
          keys[i] = oldKeys[j];
          initial[i] = oldInitial[j];
          last[i] = oldLast[j];
        }
      }
    }

    List<Segment.TouchedWord> words() {
      List<Segment.TouchedWord> out = new ArrayList<>(size);
      for (int i = 0; i < keys.length; i++) {
        if (used[i]) {
          out.add(new Segment.TouchedWord(keys[i], initial[i], last[i]));
        }
      }
      out.sort((a, b) -> Integer.compareUnsigned(a.address(), b.address()));
      return out;
    }
  }
}
