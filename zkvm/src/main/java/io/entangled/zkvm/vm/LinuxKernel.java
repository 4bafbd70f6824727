package io.entangled.zkvm.vm;

import io.entangled.zkvm.elf.LoadedProgram;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic Linux (MIPS o32) for one process: the syscalls the Go runtime and freestanding C
 * programs call, a virtual clock that advances one nanosecond per instruction (plus time skipped
 * while every thread sleeps), and a round-robin scheduler that switches threads only inside
 * syscalls (blocking futex/nanosleep, sched_yield, thread exit, or an expired time slice).
 */
final class LinuxKernel {
  private static final Logger LOG = LoggerFactory.getLogger(LinuxKernel.class);

  /** The thread id of the first thread (also the process id); clones count up from it. */
  static final int FIRST_TID = 1000;
  static final int PID = FIRST_TID;
  /** Instructions a thread may run before another runnable thread gets a turn at its next syscall. */
  static final long TIME_SLICE = 1L << 20;
  /** CLOCK_REALTIME starts here (seconds since 1970): 2024-01-01T00:00:00Z. */
  static final long REALTIME_EPOCH_S = 1_704_067_200L;

  private static final long MMAP_TOP = 0x7000_0000L;
  private static final long MMAP_BOTTOM = 0x0100_0000L;

  private final MipsMachine machine;
  private final Memory mem;
  private final GuestIo io;
  private final List<GuestThread> threads = new ArrayList<>();
  private final SyscallHandler handler;
  private GuestThread current;
  private long sliceStart;
  private long skippedNs;
  private int brk;
  private final int initialBrk;
  private boolean exited;
  private int exitCode;
  private long randomState = 0x9e37_79b9_7f4a_7c15L;
  private SyscallEffectListener listener;

  LinuxKernel(MipsMachine machine, Memory mem, GuestIo io, int initialBrk, GuestThread main) {
    this.machine = machine;
    this.mem = mem;
    this.io = io;
    this.brk = initialBrk;
    this.initialBrk = initialBrk;
    this.current = main;
    this.handler = new SyscallHandler(this);
    threads.add(main);
  }

  GuestThread current() {
    return current;
  }

  List<GuestThread> threads() {
    return List.copyOf(threads);
  }

  Memory mem() {
    return mem;
  }

  GuestIo io() {
    return io;
  }

  int brkValue() {
    return brk;
  }

  boolean exited() {
    return exited;
  }

  /**
   * Pages mapped with PROT_NONE (a reservation, as Go makes for its arenas) and not made
   * accessible since: the guest cannot have written them, so clearing them is no clearing the
   * proof must show. Clearing any other mapped page is reported to the listener as a cleared
   * region ({@link SyscallEffectListener#cleared}), whose every word the proof shows zeroed (see
   * zkvm/docs/MIPS-AIR.md).
   */
  private final long[] reserved = new long[Memory.PAGE_COUNT / 64];

  private void setReserved(long start, long length, boolean value) {
    for (long a = start & ~0xfffL; a < start + length; a += Memory.PAGE_SIZE) {
      int p = (int) (a >>> Memory.PAGE_BITS);
      if (value) {
        reserved[p >>> 6] |= 1L << p;
      } else {
        reserved[p >>> 6] &= ~(1L << p);
      }
    }
  }

  /** mprotect: pages given any access are no longer a reservation (nothing else changes). */
  void mprotect(long start, long length, int prot) {
    if (prot != 0) {
      setReserved(start, (length + 0xfff) & ~0xfffL, false);
    }
  }

  int exitCode() {
    return exitCode;
  }

  void flush() {
    io.flush();
  }

  void setListener(SyscallEffectListener listener) {
    this.listener = listener;
  }

  SyscallEffectListener listener() {
    return listener;
  }

  /** The virtual clock in nanoseconds. */
  long now() {
    return machine.cycles + skippedNs;
  }

  /** Handles the SYSCALL at {@code pc}; the thread's pc already points past it. */
  void syscall(GuestThread t, int pc) {
    int number = t.regs[2];
    handler.dispatch(t, pc, number);
    if (!exited) {
      schedule();
    }
  }

  /**
   * Replays a syscall whose effects another proof table covers (exit_group, read of fd 0, write to
   * fd 1..3): only its effect on the kernel's own state (exit, scheduling) is applied.
   */
  void replayTableCall(int number, int a0) {
    if (number == SyscallHandler.EXIT_GROUP) {
      exitGroup(a0);
    } else {
      schedule();
    }
  }

  // ---- results -------------------------------------------------------------------------------

  static void ok(GuestThread t, int value) {
    t.regs[2] = value;
    t.regs[7] = 0;
  }

  static void error(GuestThread t, int errno) {
    t.regs[2] = errno;
    t.regs[7] = 1;
  }

  // ---- process ----------------------------------------------------------------------------------

  void exitGroup(int code) {
    exited = true;
    exitCode = code;
    for (GuestThread t : threads) {
      t.state = GuestThread.State.EXITED;
    }
  }

  void exitThread(GuestThread t, int code) {
    t.state = GuestThread.State.EXITED;
    if (t.clearChildTid != 0 && mem.isMapped(t.clearChildTid)) {
      writeWord(t.clearChildTid, 0);
      futexWake(t.clearChildTid, 1);
    }
    if (threads.stream().allMatch(x -> x.state == GuestThread.State.EXITED)) {
      exited = true;
      exitCode = code;
    }
  }

  GuestThread cloneThread(GuestThread parent, int stack, int tls, boolean setTls) {
    GuestThread child = new GuestThread(FIRST_TID + threads.size());
    child.copyContextFrom(parent);
    if (stack != 0) {
      child.regs[29] = stack;
    }
    if (setTls) {
      child.tls = tls;
    }
    ok(child, 0);
    threads.add(child);
    return child;
  }

  // ---- memory -----------------------------------------------------------------------------------

  void writeWord(int addr, int value) {
    if (listener != null) {
      listener.memoryWrite(addr & ~3, mem.readWord(addr), value);
    }
    mem.writeWord(addr, value);
  }

  /** A word the syscall reads, reported to the tracer. */
  int readWord(int addr) {
    int value = mem.readWord(addr);
    if (listener != null) {
      listener.memoryRead(addr & ~3, value);
    }
    return value;
  }

  /** Bytes the syscall reads (for example write's buffer), reported word by word to the tracer. */
  byte[] readBytes(int addr, int length) {
    byte[] data = mem.readBytes(addr, length);
    if (listener != null && length > 0) {
      long end = Integer.toUnsignedLong(addr) + length;
      for (long a = Integer.toUnsignedLong(addr) & ~3L; a < end; a += 4) {
        listener.memoryRead((int) a, mem.readWord((int) a));
      }
    }
    return data;
  }

  /**
   * Before memory is zeroed, dropped or remapped: tells the listener every word that becomes 0 and
   * each run of pages the guest could have written (mapped, not a reservation).
   */
  private void reportCleared(long start, long length) {
    if (listener == null) {
      return;
    }
    long runStart = -1;
    long end = Math.min(start + length, 1L << 32);
    for (long a = start & ~0xfffL; a < end; a += Memory.PAGE_SIZE) {
      int p = (int) (a >>> Memory.PAGE_BITS);
      boolean writable = mem.isMapped((int) a) && (reserved[p >>> 6] & (1L << p)) == 0;
      if (writable && runStart < 0) {
        runStart = a;
      } else if (!writable && runStart >= 0) {
        listener.cleared(runStart, a);
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      listener.cleared(runStart, (end + 0xfff) & ~0xfffL);
    }
    mem.forEachNonZeroWord(start, length, (a, v) -> listener.memoryWrite(a, v, 0));
  }

  void zero(long start, long length) {
    reportCleared(start, length);
    mem.zero(start, length);
  }

  void writeBytes(int addr, byte[] data) {
    for (int i = 0; i < data.length; i++) {
      int a = addr + i;
      int before = mem.readWord(a);
      mem.writeByte(a, data[i]);
      if (listener != null) {
        listener.memoryWrite(a & ~3, before, mem.readWord(a));
      }
    }
  }

  int brk(int requested) {
    if (requested == 0 || Integer.compareUnsigned(requested, initialBrk) < 0) {
      return brk;
    }
    long top = (Integer.toUnsignedLong(requested) + 0xfff) & ~0xfffL;
    long old = (Integer.toUnsignedLong(brk) + 0xfff) & ~0xfffL;
    if (top > old) {
      if (!mem.isFree(old, top - old)) {
        return brk;
      }
      reportCleared(old, top - old);
      mem.mapZeroed(old, top - old);
    }
    brk = requested;
    return brk;
  }

  /**
   * Maps anonymous memory; returns the address or -1 when no room. A PROT_NONE mapping
   * ({@code reserve}) is a reservation until mprotect or another mapping makes it accessible.
   */
  long mmap(long hint, long length, boolean fixed, boolean reserve) {
    long len = (length + 0xfff) & ~0xfffL;
    long addr;
    if (fixed) {
      addr = hint;
    } else if (hint >= LoadedProgram.USER_FLOOR
        && hint + len <= MipsMachine.STACK_TOP - MipsMachine.STACK_SIZE
        && mem.isFree(hint, len)) {
      addr = hint;
    } else {
      addr = findHole(len);
      if (addr < 0) {
        return -1;
      }
    }
    reportCleared(addr, len);
    mem.mapZeroed(addr, len);
    setReserved(addr, len, reserve);
    return addr;
  }

  private long findHole(long len) {
    long end = MMAP_TOP;
    while (end - len >= MMAP_BOTTOM) {
      long start = end - len;
      long blocker = mem.highestMappedPage(start, end);
      if (blocker < 0) {
        return start;
      }
      end = blocker;
    }
    return -1;
  }

  void munmap(long addr, long length) {
    long len = (length + 0xfff) & ~0xfffL;
    reportCleared(addr, len);
    mem.unmap(addr, len);
    setReserved(addr, len, false);
  }

  // ---- futex and scheduling ---------------------------------------------------------------------

  int futexWake(int addr, int count) {
    int woken = 0;
    for (GuestThread t : threads) {
      if (woken >= count) {
        break;
      }
      if (t.state == GuestThread.State.FUTEX_WAIT && t.futexAddr == addr) {
        t.state = GuestThread.State.RUNNABLE;
        t.deadline = -1;
        ok(t, 0);
        woken++;
      }
    }
    return woken;
  }

  // ---- epoll and the wake-up pipe (Go's netpoll, used for timers) -----------------------------

  static final int EPOLL_FD = 5;
  static final int PIPE_READ_FD = 6;
  static final int PIPE_WRITE_FD = 7;
  private int pipeBytes;
  private long pipeEpollData;
  private boolean pipeRegistered;

  void epollRegister(int fd, long data, boolean add) {
    if (fd == PIPE_READ_FD) {
      pipeRegistered = add;
      pipeEpollData = data;
    }
  }

  /** A write to the pipe: wakes one thread blocked in epoll_wait. */
  void pipeWrite(int count) {
    pipeBytes += count;
    for (GuestThread t : threads) {
      if (t.state == GuestThread.State.EPOLL_WAIT && pipeReady()) {
        t.state = GuestThread.State.RUNNABLE;
        t.deadline = -1;
        ok(t, deliverEpollEvent(t.epollEvents));
        return;
      }
    }
  }

  int pipeRead(int max) {
    int n = Math.min(max, pipeBytes);
    pipeBytes -= n;
    return n;
  }

  boolean pipeReady() {
    return pipeRegistered && pipeBytes > 0;
  }

  /** Writes one EPOLLIN event for the pipe (mips epoll_event: events, pad, u64 data). */
  int deliverEpollEvent(int events) {
    writeWord(events, 1);
    writeWord(events + 4, 0);
    writeWord(events + 8, (int) (pipeEpollData >>> 32));
    writeWord(events + 12, (int) pipeEpollData);
    return 1;
  }

  void block(GuestThread t, GuestThread.State state, long deadline) {
    t.state = state;
    t.deadline = deadline;
  }

  void yieldNow() {
    sliceStart = Long.MIN_VALUE;
  }

  private void schedule() {
    wakeExpired();
    if (current.state == GuestThread.State.RUNNABLE
        && machine.cycles - sliceStart < TIME_SLICE) {
      return;
    }
    GuestThread next = nextRunnable();
    while (next == null) {
      advanceClockToNextDeadline();
      next = nextRunnable();
    }
    if (next != current) {
      current.llBit = false;
      LOG.debug("switch thread {} -> {} at cycle {}", current.tid, next.tid, machine.cycles);
    }
    current = next;
    sliceStart = machine.cycles;
  }

  private GuestThread nextRunnable() {
    int n = threads.size();
    int start = threads.indexOf(current);
    for (int i = 1; i <= n; i++) {
      GuestThread t = threads.get((start + i) % n);
      if (t.state == GuestThread.State.RUNNABLE) {
        return t;
      }
    }
    return null;
  }

  private void wakeExpired() {
    long now = now();
    for (GuestThread t : threads) {
      if (t.state != GuestThread.State.RUNNABLE && t.state != GuestThread.State.EXITED
          && t.deadline >= 0 && t.deadline <= now) {
        wakeOnTimeout(t);
      }
    }
  }

  private void wakeOnTimeout(GuestThread t) {
    if (t.state == GuestThread.State.FUTEX_WAIT) {
      error(t, Errno.ETIMEDOUT);
    } else {
      ok(t, 0);
    }
    t.state = GuestThread.State.RUNNABLE;
    t.deadline = -1;
  }

  private void advanceClockToNextDeadline() {
    long earliest = Long.MAX_VALUE;
    for (GuestThread t : threads) {
      if (t.state != GuestThread.State.EXITED && t.state != GuestThread.State.RUNNABLE
          && t.deadline >= 0) {
        earliest = Math.min(earliest, t.deadline);
      }
    }
    if (earliest == Long.MAX_VALUE) {
      throw new GuestFault(current.pc - 4, 0,
          "deadlock: every thread is blocked (futex or epoll wait) without a timeout");
    }
    skippedNs += Math.max(0, earliest - now());
    wakeExpired();
  }

  /** Deterministic bytes for getrandom: NOT secret, the same on every run. */
  byte[] pseudoRandom(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      randomState += 0x9e37_79b9_7f4a_7c15L;
      long z = randomState;
      z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
      out[i] = (byte) (z ^ (z >>> 31));
    }
    return out;
  }
}
