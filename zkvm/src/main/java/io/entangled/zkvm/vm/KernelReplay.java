package io.entangled.zkvm.vm;

import io.entangled.zkvm.elf.LoadedProgram;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-runs the kernel's side of a run from its syscall transcript alone: for each SYSCALL, the
 * cycle, the caller's resume pc, the caller's register cells the kernel may read and the guest
 * memory words it reads or writes (their values before the call). It runs the executor's own
 * {@link LinuxKernel} code on a memory that holds only those words, so prover and verifier derive
 * every kernel effect — results, memory writes, other threads' registers, which thread runs next
 * and where — exactly as the executor did, without the guest's memory or its private input.
 *
 * <p>Thread slot s is thread id {@code 1000 + s}. Calls whose effects other proof tables cover
 * (exit_group, read of fd 0, write to fd 1..3) only advance the kernel's exit and scheduling
 * state.
 *
 * <p>A call that zeroes or unmaps pages the guest could have written (munmap, madvise(MADV_DONTNEED),
 * a fixed mmap over accessible pages) reports those page runs as its {@link Outcome#cleared}
 * regions. Its transcript may then list, besides the words the kernel touches, any other words of
 * those regions (the prover lists every word the proof's memory table holds there, so the memory
 * argument shows each of them zeroed; see zkvm/docs/MIPS-AIR.md).
 */
public final class KernelReplay {
  /** The kernel's first thread id (the process id); thread slot k of a proof is id FIRST_TID + k. */
  public static final int FIRST_TID = LinuxKernel.FIRST_TID;

  /** Cells a kernel call's transcript supplies: v0 (the number), a0, a1, a2, a3, sp. */
  private static final int[] ARG_CELLS = {2, 4, 5, 6, 7, 29};
  private static final int[] TABLE_CELLS = {2, 4};
  /** clone copies the caller's whole context: 2 and 4 first, then 1, 3, 5 .. 31, HI 32, LO 33. */
  private static final int[] CLONE_CELLS;

  static {
    List<Integer> cells = new ArrayList<>(List.of(2, 4));
    for (int c = 1; c <= 33; c++) {
      if (c != 2 && c != 4) {
        cells.add(c);
      }
    }
    CLONE_CELLS = cells.stream().mapToInt(Integer::intValue).toArray();
  }

  private final MipsMachine machine;
  private final LinuxKernel k;
  private final Memory mem;
  private long lastCycle = -1;

  /** A kernel in the program's initial state (threads, mappings, break), its memory empty. */
  public KernelReplay(LoadedProgram program) {
    this.machine = new MipsMachine(program,
        new GuestIo(new byte[0], OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
    this.k = machine.kernel();
    this.mem = machine.memory();
    List<Integer> nonZero = new ArrayList<>();
    mem.forEachNonZeroWord((a, v) -> nonZero.add(a));
    nonZero.forEach(a -> mem.writeWord(a, 0));
  }

  /** Whether another proof table covers this call's effects (see the class comment). */
  public static boolean isTableCall(int number, int a0) {
    return number == SyscallHandler.EXIT_GROUP
        || (number == SyscallHandler.READ && a0 == GuestIo.FD_INPUT)
        || (number == SyscallHandler.WRITE && a0 >= GuestIo.FD_STDOUT && a0 <= GuestIo.FD_PUBLIC);
  }

  /**
   * The caller's register cells (0..31, HI 32, LO 33) a call's transcript lists, in order; the
   * first two are always v0 (the number) and a0.
   */
  public static int[] suppliedCells(int number, int a0) {
    if (isTableCall(number, a0)) {
      return TABLE_CELLS.clone();
    }
    return number == SyscallHandler.CLONE ? CLONE_CELLS.clone() : ARG_CELLS.clone();
  }

  /** The slot of the thread that makes the next syscall. */
  public int currentSlot() {
    return k.current().tid - LinuxKernel.FIRST_TID;
  }

  /** The process's exit code, once a call has ended it (exit_group or the last thread's exit). */
  public long exitCode() {
    return Integer.toUnsignedLong(k.exitCode());
  }

  /** Threads created so far. */
  public int threadCount() {
    return k.threads().size();
  }

  /**
   * The register cell of a thread's pointer (what RDHWR $29 reads): set by set_thread_area and by
   * clone with CLONE_SETTLS, so the kernel writes it like a register (a {@link CellWrite}, the
   * caller's own included).
   */
  public static final int TLS_CELL = 34;

  /**
   * A register cell the kernel changed: another thread's (a woken thread's result, a new thread)
   * or any thread's pointer ({@link #TLS_CELL}).
   */
  public record CellWrite(int slot, int cell, int before, int after) {}

  /**
   * What a call did. For a table call only {@code slot}, {@code exited}, {@code nextSlot} and
   * {@code nextPc} are meaningful.
   *
   * @param slot the calling thread
   * @param table whether another table covers the call's effects
   * @param v0 the caller's v0 after the call
   * @param a3 the caller's a3 after the call
   * @param exited whether the process has exited
   * @param nextSlot the thread that runs the next step
   * @param nextPc its pc (its next pc is 4 more)
   * @param wordAddrs the memory words the call read or wrote, ascending
   * @param wordBefore their values before the call (as the transcript listed them)
   * @param wordAfter their values after it (0 for a word unmapped by the call)
   * @param cellWrites the other threads' register cells the call changed
   * @param cleared the page runs the call zeroed or unmapped that the guest could have written, as
   *     start, end pairs (byte addresses, end ≤ 2^32, ascending)
   */
  public record Outcome(int slot, boolean table, int v0, int a3, boolean exited, int nextSlot,
      int nextPc, int[] wordAddrs, int[] wordBefore, int[] wordAfter, List<CellWrite> cellWrites,
      long[] cleared) {

    /** Whether a word lies in one of the {@link #cleared} regions. */
    public boolean inCleared(int wordAddr) {
      return covers(cleared, wordAddr);
    }

    /**
     * Adds the {@link #cleared} regions' boundaries to {@code deltas} (address → regions starting
     * there minus those ending there); an end at 2^32 has no word and is left out.
     */
    public void addBoundaries(Map<Long, Long> deltas) {
      for (int r = 0; r < cleared.length; r += 2) {
        deltas.merge(cleared[r], 1L, Long::sum);
        if (cleared[r + 1] < 1L << 32) {
          deltas.merge(cleared[r + 1], -1L, Long::sum);
        }
      }
    }
  }

  /** Whether a word lies in one of the regions (start, end pairs of byte addresses). */
  public static boolean covers(long[] regions, int wordAddr) {
    long a = Integer.toUnsignedLong(wordAddr);
    for (int i = 0; i < regions.length; i += 2) {
      if (a >= regions[i] && a < regions[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** The transcript is inconsistent with the kernel (a reason for the verifier). */
  public static final class ReplayException extends RuntimeException {
    public ReplayException(String message) {
      super(message);
    }
  }

  /**
   * Replays one syscall.
   *
   * @param cycle the step's cycle index (strictly increasing from call to call)
   * @param npc the caller's pc after the SYSCALL (where it resumes)
   * @param cells values of {@link #suppliedCells} for the call's number and a0 (cells[0], cells[1])
   * @param wordAddrs the words the call touches, strictly ascending (unsigned)
   * @param wordBefore their values before the call
   */
  public Outcome replay(long cycle, int npc, int[] cells, int[] wordAddrs, int[] wordBefore) {
    if (k.exited()) {
      throw new ReplayException("syscall at cycle " + cycle + " after the process exited");
    }
    if (cycle <= lastCycle) {
      throw new ReplayException("syscall cycles not increasing at " + cycle);
    }
    if (cells.length < 2) {
      throw new ReplayException("syscall at cycle " + cycle + ": no number and a0");
    }
    int number = cells[0];
    int a0 = cells[1];
    int[] layout = suppliedCells(number, a0);
    if (cells.length != layout.length || wordAddrs.length != wordBefore.length) {
      throw new ReplayException("syscall " + number + " at cycle " + cycle + ": " + cells.length
          + " register values listed, " + layout.length + " expected");
    }
    for (int i = 1; i < wordAddrs.length; i++) {
      if (Integer.compareUnsigned(wordAddrs[i - 1], wordAddrs[i]) >= 0) {
        throw new ReplayException("syscall at cycle " + cycle + ": words not strictly ascending");
      }
    }
    lastCycle = cycle;
    machine.cycles = cycle + 1;
    GuestThread t = k.current();
    int slot = t.tid - LinuxKernel.FIRST_TID;
    t.pc = npc;
    t.npc = npc + 4;
    boolean table = isTableCall(number, a0);
    if (table) {
      if (wordAddrs.length != 0) {
        throw new ReplayException("syscall " + number + " at cycle " + cycle
            + ": a table call lists no words");
      }
      k.replayTableCall(number, a0);
      GuestThread next = k.current();
      return new Outcome(slot, true, 0, 0, k.exited(), next.tid - LinuxKernel.FIRST_TID, next.pc,
          wordAddrs, wordBefore, wordBefore, List.of(), new long[0]);
    }
    for (int i = 0; i < layout.length; i++) {
      setCell(t, layout[i], cells[i]);
    }
    for (int i = 0; i < wordAddrs.length; i++) {
      if ((wordAddrs[i] & 3) != 0 || !mem.isMapped(wordAddrs[i])) {
        throw new ReplayException(String.format("syscall %d at cycle %d: word 0x%08x is not an"
            + " aligned mapped word", number, cycle, wordAddrs[i]));
      }
      mem.writeWord(wordAddrs[i], wordBefore[i]);
    }
    Map<GuestThread, int[]> before = new HashMap<>();
    for (GuestThread u : k.threads()) {
      before.put(u, context(u));
    }
    Set<Integer> touched = new HashSet<>();
    List<Long> regions = new ArrayList<>();
    k.setListener(new SyscallEffectListener() {
      @Override
      public void memoryWrite(int wordAddr, int b, int a) {
        touched.add(wordAddr);
      }

      @Override
      public void memoryRead(int wordAddr, int value) {
        touched.add(wordAddr);
      }

      @Override
      public void cleared(long start, long end) {
        regions.add(start);
        regions.add(end);
      }
    });
    try {
      k.syscall(t, npc - 4);
    } catch (GuestFault e) {
      throw new ReplayException("syscall " + number + " at cycle " + cycle + ": " + e.getMessage());
    } finally {
      k.setListener(null);
    }
    long[] cleared = regions.stream().mapToLong(Long::longValue).toArray();
    Set<Integer> listed = new HashSet<>();
    for (int a : wordAddrs) {
      listed.add(a);
      if (!touched.contains(a) && !covers(cleared, a)) {
        throw new ReplayException(String.format("syscall %d at cycle %d: the transcript lists"
            + " word 0x%08x, which the kernel neither touches nor clears", number, cycle, a));
      }
    }
    if (!listed.containsAll(touched)) {
      Set<Integer> missing = new HashSet<>(touched);
      missing.removeAll(listed);
      throw new ReplayException(String.format("syscall %d at cycle %d: the transcript lists %d"
          + " words, the kernel touched %d (0x%08x not listed)", number, cycle, listed.size(),
          touched.size(), missing.iterator().next()));
    }
    int[] after = new int[wordAddrs.length];
    for (int i = 0; i < wordAddrs.length; i++) {
      if (mem.isMapped(wordAddrs[i])) {
        after[i] = mem.readWord(wordAddrs[i]);
        mem.writeWord(wordAddrs[i], 0);
      }
    }
    int[] mine = context(t);
    int[] mineBefore = before.get(t);
    for (int c = 0; c < mine.length; c++) {
      if (c != 2 && c != 7 && c != TLS_CELL && mine[c] != mineBefore[c]) {
        throw new IllegalStateException("the kernel changed the caller's register " + c);
      }
    }
    List<CellWrite> writes = new ArrayList<>();
    if (mine[TLS_CELL] != mineBefore[TLS_CELL]) {
      writes.add(new CellWrite(slot, TLS_CELL, mineBefore[TLS_CELL], mine[TLS_CELL]));
    }
    for (GuestThread u : k.threads()) {
      if (u == t) {
        continue;
      }
      int[] now = context(u);
      int[] was = before.getOrDefault(u, new int[now.length]);
      for (int c = 0; c < now.length; c++) {
        if (now[c] != was[c]) {
          writes.add(new CellWrite(u.tid - LinuxKernel.FIRST_TID, c, was[c], now[c]));
        }
      }
    }
    GuestThread next = k.current();
    // the last thread's exit ends the process, as exit_group does (the caller then runs no more)
    return new Outcome(slot, false, t.regs[2], t.regs[7], k.exited(),
        next.tid - LinuxKernel.FIRST_TID, next.pc, wordAddrs.clone(), wordBefore.clone(), after,
        List.copyOf(writes), cleared);
  }

  /** Registers 0..31, HI, LO and the thread pointer. */
  private static int[] context(GuestThread u) {
    int[] c = new int[TLS_CELL + 1];
    System.arraycopy(u.regs, 0, c, 0, 32);
    c[32] = u.hi;
    c[33] = u.lo;
    c[TLS_CELL] = u.tls;
    return c;
  }

  private static void setCell(GuestThread t, int cell, int value) {
    if (cell < 32) {
      t.regs[cell] = value;
    } else if (cell == 32) {
      t.hi = value;
    } else if (cell == 33) {
      t.lo = value;
    } else if (cell == TLS_CELL) {
      t.tls = value;
    } else {
      throw new IllegalArgumentException("no register cell " + cell);
    }
  }
}
