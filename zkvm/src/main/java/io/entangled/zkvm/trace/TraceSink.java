package io.entangled.zkvm.trace;

/**
 * Receives the execution trace. {@link #begin} sees the state before the first step, {@link
 * #step} every executed instruction in order (the record is reused: copy what you keep), {@link
 * #end} the state after the last step.
 */
public interface TraceSink {
  void begin(StateSource machine);

  void step(StepRecord step, StateSource machine);

  void end(StateSource machine);

  /** Gives a snapshot of the full machine state on demand (cost: a copy of every thread). */
  interface StateSource {
    MachineState snapshot();
  }
}
