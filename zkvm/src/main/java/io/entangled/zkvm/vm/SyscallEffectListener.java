package io.entangled.zkvm.vm;

/** Told about every guest memory word a syscall reads or changes (used by the tracer). */
interface SyscallEffectListener {
  void memoryWrite(int wordAddr, int before, int after);

  void memoryRead(int wordAddr, int value);

  /**
   * The call zeroes or unmaps the pages {@code [start, end)} (page-aligned byte addresses, end at
   * most 2^32), which the guest could have written: mapped and not a PROT_NONE reservation.
   * Reported before the nonzero words of the cleared range, once per maximal run of such pages.
   */
  void cleared(long start, long end);
}
