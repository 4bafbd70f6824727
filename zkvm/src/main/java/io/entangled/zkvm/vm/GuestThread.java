package io.entangled.zkvm.vm;

/** One guest thread's CPU context and scheduler state. */
public final class GuestThread {
  enum State {
    RUNNABLE,
    FUTEX_WAIT,
    SLEEPING,
    EPOLL_WAIT,
    EXITED
  }

  final int tid;
  final int[] regs = new int[32];
  int hi;
  int lo;
  int pc;
  int npc;
  int tls;
  boolean llBit;
  State state = State.RUNNABLE;
  int futexAddr;
  /** Clock deadline (ns) for a timed wait or sleep, or -1 for none. */
  long deadline = -1;
  int clearChildTid;
  /** Where a blocked epoll_wait delivers its event. */
  int epollEvents;

  GuestThread(int tid) {
    this.tid = tid;
  }

  public int tid() {
    return tid;
  }

  public int pc() {
    return pc;
  }

  public int nextPc() {
    return npc;
  }

  public int hi() {
    return hi;
  }

  public int lo() {
    return lo;
  }

  /** Register {@code i} (0..31). */
  public int reg(int i) {
    return regs[i];
  }

  /** A copy of the 32 general-purpose registers. */
  public int[] registers() {
    return regs.clone();
  }

  void copyContextFrom(GuestThread parent) {
    System.arraycopy(parent.regs, 0, regs, 0, 32);
    hi = parent.hi;
    lo = parent.lo;
    pc = parent.pc;
    npc = parent.npc;
    tls = parent.tls;
  }
}
