package io.entangled.zkvm.trace;

/**
 * One executed instruction, as a MIPS AIR needs it. The tracer reuses one instance: a sink copies
 * what it keeps. Values are taken before the step ({@code rsValue}, {@code rtValue}, {@code
 * memBefore}) or after it ({@code dstValue}, {@code hi}, {@code lo}, {@code memAfter}).
 */
public final class StepRecord {
  /** No memory access in this step. */
  public static final int MEM_NONE = 0;
  /** A load (or LL). */
  public static final int MEM_READ = 1;
  /** A store (or SC); a failed SC has before == after. */
  public static final int MEM_WRITE = 2;

  long cycle;
  int tid;
  int pc;
  int nextPc;
  int instruction;
  int rsValue;
  int rtValue;
  int dstRegister;
  int dstValue;
  int hi;
  int lo;
  int memKind;
  int memAddress;
  int memBefore;
  int memAfter;
  SyscallEffect syscall;

  /** Fills the CPU part of the record; called by the interpreter's tracer. */
  public void setStep(long cycle, int tid, int pc, int nextPc, int instruction, int rsValue,
      int rtValue) {
    this.cycle = cycle;
    this.tid = tid;
    this.pc = pc;
    this.nextPc = nextPc;
    this.instruction = instruction;
    this.rsValue = rsValue;
    this.rtValue = rtValue;
  }

  /** Fills the results: the register written (-1 for none) and HI/LO after the step. */
  public void setResult(int dstRegister, int dstValue, int hi, int lo) {
    this.dstRegister = dstRegister;
    this.dstValue = dstValue;
    this.hi = hi;
    this.lo = lo;
  }

  /** Fills the memory access (word-aligned address). */
  public void setMemory(int kind, int address, int before, int after) {
    this.memKind = kind;
    this.memAddress = address;
    this.memBefore = before;
    this.memAfter = after;
  }

  public void setSyscall(SyscallEffect syscall) {
    this.syscall = syscall;
  }

  public long cycle() {
    return cycle;
  }

  public int tid() {
    return tid;
  }

  public int pc() {
    return pc;
  }

  /** The pc after this one (the delay slot's address after a branch). */
  public int nextPc() {
    return nextPc;
  }

  public int instruction() {
    return instruction;
  }

  /** Value of register rs (bits 25..21 of the instruction) before the step. */
  public int rsValue() {
    return rsValue;
  }

  /** Value of register rt (bits 20..16) before the step. */
  public int rtValue() {
    return rtValue;
  }

  /** The general-purpose register the instruction writes, or -1 (writes to r0 count as none). */
  public int dstRegister() {
    return dstRegister;
  }

  public int dstValue() {
    return dstValue;
  }

  public int hi() {
    return hi;
  }

  public int lo() {
    return lo;
  }

  public int memKind() {
    return memKind;
  }

  public int memAddress() {
    return memAddress;
  }

  public int memBefore() {
    return memBefore;
  }

  public int memAfter() {
    return memAfter;
  }

  /** The syscall's effects when this step is a SYSCALL, else null. */
  public SyscallEffect syscall() {
    return syscall;
  }
}
