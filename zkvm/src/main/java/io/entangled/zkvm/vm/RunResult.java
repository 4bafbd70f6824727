package io.entangled.zkvm.vm;

/**
 * How a run ended.
 *
 * @param status exited, faulted, or stopped at the cycle limit
 * @param exitCode the guest's exit code when {@code status == EXITED}
 * @param cycles instructions executed (all threads)
 * @param fault the fault when {@code status == FAULT}, else null
 */
public record RunResult(Status status, int exitCode, long cycles, GuestFault fault) {
  /** Why the run stopped. */
  public enum Status {
    EXITED,
    FAULT,
    CYCLE_LIMIT
  }
}
