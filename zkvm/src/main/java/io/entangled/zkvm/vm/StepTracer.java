package io.entangled.zkvm.vm;

import io.entangled.zkvm.trace.MachineState;
import io.entangled.zkvm.trace.MemoryAccess;
import io.entangled.zkvm.trace.StepRecord;
import io.entangled.zkvm.trace.SyscallEffect;
import io.entangled.zkvm.trace.ThreadState;
import io.entangled.zkvm.trace.TraceSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recording path: runs the same interpreter one instruction at a time and describes each step.
 * Kept apart from {@link MipsMachine#interpret} so that the untraced path pays nothing for it.
 */
final class StepTracer implements SyscallEffectListener, TraceSink.StateSource {
  private final MipsMachine machine;
  private final LinuxKernel kernel;
  private final Memory mem;
  private final TraceSink sink;
  private final StepRecord record = new StepRecord();
  private List<MemoryAccess> syscallMemory;
  private long[] cleared = new long[0];
  private int clearedCount;

  StepTracer(MipsMachine machine, TraceSink sink) {
    this.machine = machine;
    this.kernel = machine.kernel();
    this.mem = machine.memory();
    this.sink = sink;
  }

  void begin() {
    sink.begin(this);
  }

  void end() {
    sink.end(this);
  }

  void step() {
    GuestThread t = kernel.current();
    int pc = t.pc;
    int insn = peek(pc);
    int[] r = t.regs;
    long cycle = machine.cycles;
    int rsValue = r[(insn >>> 21) & 31];
    record.setStep(cycle, t.tid, pc, t.npc, insn, rsValue, r[(insn >>> 16) & 31]);
    int memKind = Decode.memoryKind(insn);
    int addr = (rsValue + (short) insn) & ~3;
    int before = memKind != StepRecord.MEM_NONE ? peek(addr) : 0;
    if ((insn & 0xfc00_003f) == 0x0c) {
      syscallStep(t, insn, cycle);
    } else {
      machine.interpret(1);
      record.setSyscall(null);
    }
    int dst = Decode.destination(insn);
    record.setResult(dst, dst > 0 ? r[dst] : 0, t.hi, t.lo);
    record.setMemory(memKind, addr, before, memKind == StepRecord.MEM_NONE ? 0 : peek(addr));
    sink.step(record, this);
  }

  /** The word at {@code addr} without creating its page (an untouched page reads as zero). */
  private int peek(int addr) {
    int[] page = mem.pages[addr >>> Memory.PAGE_BITS];
    return page == null ? 0 : page[(addr >>> 2) & 1023];
  }

  private void syscallStep(GuestThread t, int insn, long cycle) {
    int[] r = t.regs;
    int[] args = {r[4], r[5], r[6], r[7]};
    int number = r[2];
    syscallMemory = new ArrayList<>();
    clearedCount = 0;
    kernel.setListener(this);
    try {
      machine.interpret(1);
    } finally {
      kernel.setListener(null);
    }
    GuestThread next = kernel.current();
    record.setSyscall(new SyscallEffect(cycle, number, args, r[2], r[7],
        List.copyOf(syscallMemory), next.tid, next != t ? state(next) : null,
        Arrays.copyOf(cleared, clearedCount)));
  }

  @Override
  public void cleared(long start, long end) {
    if (clearedCount + 2 > cleared.length) {
      cleared = Arrays.copyOf(cleared, Math.max(8, 2 * cleared.length));
    }
    cleared[clearedCount++] = start;
    cleared[clearedCount++] = end;
  }

  @Override
  public void memoryWrite(int wordAddr, int before, int after) {
    syscallMemory.add(new MemoryAccess(wordAddr, before, after, true));
  }

  @Override
  public void memoryRead(int wordAddr, int value) {
    syscallMemory.add(new MemoryAccess(wordAddr, value, value, false));
  }

  @Override
  public MachineState snapshot() {
    return machine.snapshot();
  }

  static ThreadState state(GuestThread t) {
    return new ThreadState(t.tid, t.state.name(), t.pc, t.npc, t.hi, t.lo, t.tls, t.registers());
  }
}
