package io.entangled.zkvm.trace;

import java.util.List;

/**
 * What a SYSCALL step did beyond the CPU: its number and arguments, the results in v0/a3 of the
 * calling thread, the memory words it wrote, and the thread that runs next.
 *
 * @param cycle the step's cycle index
 * @param number syscall number (v0 on entry)
 * @param args a0..a3 on entry
 * @param v0 v0 after the call
 * @param a3 a3 after the call (0 = success, 1 = v0 holds errno)
 * @param memory guest memory words the kernel read or wrote, in order
 * @param nextTid the thread that runs the next step (differs from the caller after a switch)
 * @param resumed full context of thread {@code nextTid} after a switch (its v0/a3 may have been
 *     set while it was blocked, e.g. ETIMEDOUT), or null when the caller continues
 * @param cleared the page runs the call zeroed or unmapped that the guest could have written
 *     (mapped, not a PROT_NONE reservation), as start, end pairs of byte addresses (end ≤ 2^32);
 *     empty for most calls
 */
public record SyscallEffect(
    long cycle,
    int number,
    int[] args,
    int v0,
    int a3,
    List<MemoryAccess> memory,
    int nextTid,
    ThreadState resumed,
    long[] cleared) {

  /** A call that clears nothing the guest could have written. */
  public SyscallEffect(long cycle, int number, int[] args, int v0, int a3,
      List<MemoryAccess> memory, int nextTid, ThreadState resumed) {
    this(cycle, number, args, v0, a3, memory, nextTid, resumed, new long[0]);
  }
}
