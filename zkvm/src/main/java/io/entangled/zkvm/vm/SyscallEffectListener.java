package io.entangled.zkvm.vm;

/** Told about every guest memory word a syscall reads or changes (used by the tracer). */
interface SyscallEffectListener {
  void memoryWrite(int wordAddr, int before, int after);

  void memoryRead(int wordAddr, int value);
}
