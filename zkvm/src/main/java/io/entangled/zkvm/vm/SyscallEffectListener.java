package io.entangled.zkvm.vm;

/** Told about every guest memory word a syscall changes (used by the tracer). */
interface SyscallEffectListener {
  void memoryWrite(int wordAddr, int before, int after);
}
