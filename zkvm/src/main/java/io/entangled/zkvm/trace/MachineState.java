package io.entangled.zkvm.trace;

import java.util.List;

/**
 * The full machine state between two steps: every thread's context plus the kernel values that
 * later steps depend on. Memory is not included: a segment lists the words it touches.
 *
 * @param cycle steps executed before this state
 * @param currentTid the thread that runs the next step
 * @param clockNs the virtual clock
 * @param brk the program break
 * @param threads all threads in creation order
 */
public record MachineState(
    long cycle, int currentTid, long clockNs, int brk, List<ThreadState> threads) {

  /** The context of the thread that runs next. */
  public ThreadState current() {
    return threads.stream().filter(t -> t.tid() == currentTid).findFirst().orElseThrow();
  }
}
