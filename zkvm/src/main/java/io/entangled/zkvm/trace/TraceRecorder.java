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
  /** Largest segment: 2^26 steps (a 3.5 GiB step table). */
  public static final int MAX_SEGMENT_STEPS = 1 << 26;

  private final int segmentSize;
  private final Consumer<Segment> consumer;
  private final boolean reuseRows;
  private int[] rows;
  private int count;
  private int index;
  private MachineState start;
  private List<SyscallEffect> syscalls = new ArrayList<>();
  private WordMap touched = new WordMap();

  public TraceRecorder(int segmentSize, Consumer<Segment> consumer) {
    this(segmentSize, consumer, false);
  }

  private TraceRecorder(int segmentSize, Consumer<Segment> consumer, boolean reuseRows) {
    if (segmentSize <= 0 || segmentSize > MAX_SEGMENT_STEPS) {
      throw new IllegalArgumentException(
          "segmentSize must be in 1.." + MAX_SEGMENT_STEPS + ": " + segmentSize);
    }
    this.segmentSize = segmentSize;
    this.consumer = consumer;
    this.reuseRows = reuseRows;
  }

  /**
   * A recorder whose consumer is done with each segment when {@code accept} returns (it writes it
   * out, say): the step table is then reused for the next segment, which saves allocating and
   * zeroing 56 bytes per step. A consumer that keeps segments must use the constructor instead.
   */
  public static TraceRecorder streaming(int segmentSize, Consumer<Segment> consumer) {
    return new TraceRecorder(segmentSize, consumer, true);
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
      for (MemoryAccess w : s.syscall.memory()) {
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
    rows = full && !reuseRows ? new int[rows.length] : rows;
    start = end;
    count = 0;
    syscalls = new ArrayList<>();
    touched = new WordMap();
  }

  /**
   * Open-addressing map from word address to (first value seen, last value) without boxing; one
   * entry is four adjacent ints (used flag, address, initial, last) so a probe touches one line.
   */
  private static final class WordMap {
    private static final int STRIDE = 4;
    private int[] table = new int[1024 * STRIDE];
    private int mask = 1023;
    private int size;

    void touch(int addr, int before, int after) {
      int i = slot(table, mask, addr);
      if (table[i] == 0) {
        table[i] = 1;
        table[i + 1] = addr;
        table[i + 2] = before;
        table[i + 3] = after;
        if (++size * 2 > mask) {
          grow();
        }
        return;
      }
      table[i + 3] = after;
    }

    private static int slot(int[] table, int mask, int addr) {
      int h = (addr * 0x9e3779b9) >>> 7;
      int i = h & mask;
      while (table[i * STRIDE] != 0 && table[i * STRIDE + 1] != addr) {
        i = (i + 1) & mask;
      }
      return i * STRIDE;
    }

    private void grow() {
      int[] old = table;
      mask = mask * 2 + 1;
      table = new int[(mask + 1) * STRIDE];
      for (int j = 0; j < old.length; j += STRIDE) {
        if (old[j] != 0) {
          int i = slot(table, mask, old[j + 1]);
          System.arraycopy(old, j, table, i, STRIDE);
        }
      }
    }

    List<Segment.TouchedWord> words() {
      List<Segment.TouchedWord> out = new ArrayList<>(size);
      for (int j = 0; j < table.length; j += STRIDE) {
        if (table[j] != 0) {
          out.add(new Segment.TouchedWord(table[j + 1], table[j + 2], table[j + 3]));
        }
      }
      out.sort((a, b) -> Integer.compareUnsigned(a.address(), b.address()));
      return out;
    }
  }
}
