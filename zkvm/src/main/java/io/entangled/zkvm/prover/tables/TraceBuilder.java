package io.entangled.zkvm.prover.tables;

import io.entangled.zkvm.prover.KernelTranscript;
import io.entangled.zkvm.prover.UnsupportedStepException;
import io.entangled.zkvm.prover.air.Cpu;
import io.entangled.zkvm.prover.air.Decoded;
import io.entangled.zkvm.prover.air.InstructionDecoder;
import io.entangled.zkvm.prover.air.Kind;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.air.SyscallTables;
import io.entangled.zkvm.prover.air.SyscallTables.Bytes;
import io.entangled.zkvm.prover.air.SyscallTables.Kern;
import io.entangled.zkvm.prover.air.SyscallTables.Sys;
import io.entangled.zkvm.prover.chips.AluEvent;
import io.entangled.zkvm.prover.chips.AluOp;
import io.entangled.zkvm.prover.chips.LookupCounts;
import io.entangled.zkvm.stark.ColumnPool;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.trace.MemoryAccess;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.SyscallEffect;
import io.entangled.zkvm.vm.KernelReplay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills the segment AIR's main traces from a recorded segment, carrying register and memory state
 * in a {@link RunState} from segment to segment. It copies what the executor recorded (values
 * read, written, loaded and stored, next pc) rather than recomputing it, so a trace tampered after
 * execution yields tables that violate the AIR. Steps the AIR does not cover throw {@link
 * UnsupportedStepException}.
 */
public final class TraceBuilder {
  private static final long TWO32 = 1L << 32;

  private final MipsAir air;
  private final Segment seg;
  private final RunState st;
  private final int steps;
  private final long startCycle;
  private final long[][] cpu;
  private final long[] programMult;
  private final List<List<AluEvent>> chipEvents = new ArrayList<>();
  private final List<long[]> sysRows = new ArrayList<>();
  private final List<long[]> byteRows = new ArrayList<>();
  private final List<long[]> kernelRows = new ArrayList<>();
  private int syscallIndex;
  /** Whether the step being built follows a SYSCALL. */
  private boolean entry;
  /** The running thread's first register cell (64 · slot). */
  private int base;

  private TraceBuilder(MipsAir air, Segment seg, RunState st) {
    this.air = air;
    this.seg = seg;
    this.st = st;
    this.steps = seg.stepCount();
    this.startCycle = seg.start().cycle();
    int height = Math.max(2, Integer.highestOneBit(Math.max(1, steps - 1)) << 1);
    this.cpu = ColumnPool.shared().takeZeroed(Cpu.WIDTH, height);
    this.programMult = ColumnPool.shared().takeZeroed(air.program().height());
    for (int i = 0; i < air.chips().chips().size(); i++) {
      chipEvents.add(new ArrayList<>());
    }
  }

  /** The traces of one segment's piece and its public values. */
  public record SegmentTraces(List<long[][]> traces, long[] publicValues) {}

  /** Builds the traces of the next segment of the run; segments must come in order. */
  public static SegmentTraces build(MipsAir air, Segment segment, RunState state) {
    if (segment.stepCount() == 0) {
      throw new UnsupportedStepException("segment " + segment.index() + " has no steps");
    }
    if (state.exitCode >= 0) {
      throw new UnsupportedStepException("segment " + segment.index()
          + " follows the end of the process");
    }
    return new TraceBuilder(air, segment, state).run();
  }

  private SegmentTraces run() {
    entry = st.entryPending;
    for (int i = 0; i < steps; i++) {
      step(i);
    }
    st.entryPending = entry;
    for (int i = steps; i < cpu[0].length; i++) {
      cpu[Cpu.TS][i] = 8 * (startCycle + i + 1);
      cpu[Cpu.EQ][i] = 1;
    }
    st.cycles = startCycle + steps;
    LookupCounts counts = new LookupCounts();
    cpuLookups(counts);
    List<long[][]> traces = new ArrayList<>();
    traces.add(cpu);
    traces.add(new long[][] {programMult});
    for (int c = 0; c < chipEvents.size(); c++) {
      traces.add(air.chips().chips().get(c).trace(chipEvents.get(c), counts));
    }
    traces.add(table(sysRows, Sys.WIDTH, counts, SYS_RANGE, new int[0]));
    long[][] bytes = table(byteRows, Bytes.WIDTH, counts, BYTES_RANGE, BYTES_BYTES);
    for (long wqHi : bytes[Bytes.WQ_HI]) {
      counts.range(wqHi + (1L << 16) - (1L << 14));
    }
    traces.add(bytes);
    traces.add(table(kernelRows, Kern.WIDTH, counts, KERN_RANGE, new int[0]));
    traces.add(new long[][] {counts.range16});
    traces.add(new long[][] {counts.bytes});
    int last = steps - 1;
    long[] pv = new long[MipsAir.SEGMENT_PUBLIC_VALUES];
    pv[MipsAir.PV_START_CYCLE] = startCycle;
    pv[MipsAir.PV_START_PC] = cpu[Cpu.PC][0];
    pv[MipsAir.PV_START_NPC] = cpu[Cpu.NEXT_PC][0];
    pv[MipsAir.PV_START_THREAD] = cpu[Cpu.THREAD][0];
    pv[MipsAir.PV_START_ENTRY] = cpu[Cpu.ENTRY][0];
    pv[MipsAir.PV_END_CYCLE] = startCycle + steps;
    if (entry) {
      // the kernel placed the next step: the next segment's entry row proves where
      pv[MipsAir.PV_END_ENTRY] = 1;
      pv[MipsAir.PV_END_PC] = Integer.toUnsignedLong(seg.end().current().pc());
      pv[MipsAir.PV_END_NPC] = Integer.toUnsignedLong(seg.end().current().nextPc());
      pv[MipsAir.PV_END_THREAD] = seg.end().currentTid() - KernelReplay.FIRST_TID;
    } else {
      pv[MipsAir.PV_END_PC] = cpu[Cpu.NEXT_PC][last];
      pv[MipsAir.PV_END_NPC] = cpu[Cpu.NNPC][last];
      pv[MipsAir.PV_END_THREAD] = cpu[Cpu.THREAD][last];
    }
    return new SegmentTraces(traces, pv);
  }

  private static final int[] CPU_RANGE = {Cpu.SUM_LO, Cpu.SUM_LO + 1, Cpu.D_RS_LO,
      Cpu.D_RS_LO + 1, Cpu.D_RT_LO, Cpu.D_RT_LO + 1, Cpu.D_MEM_LO, Cpu.D_MEM_LO + 1, Cpu.D_RD_LO,
      Cpu.D_RD_LO + 1, Cpu.D_RD2_LO, Cpu.D_RD2_LO + 1, Cpu.SH_X_LO, Cpu.SH_X_LO + 1, Cpu.SH_Y_LO,
      Cpu.SH_Y_LO + 1, Cpu.WQ, Cpu.A_LO, Cpu.A_MID, Cpu.B_LO, Cpu.B_MID, Cpu.S_MID};
  private static final int[] SYS_RANGE = {Sys.D_A1, Sys.D_A1 + 1, Sys.D_A2, Sys.D_A2 + 1,
      Sys.D_PUB, Sys.D_PUB + 1, Sys.LEFT, Sys.LEFT + 1, Sys.V0_LO, Sys.V0_LO + 1};
  private static final int[] KERN_RANGE = {Kern.D, Kern.D + 1};
  private static final int[] BYTES_RANGE = {Bytes.WQ_LO, Bytes.WQ_HI, Bytes.D, Bytes.D + 1};
  private static final int[] BYTES_BYTES = {Bytes.B0, Bytes.B0 + 1, Bytes.B0 + 2, Bytes.B0 + 3,
      Bytes.NEW};

  /** Lookups the CPU rows send, counted from the finished columns (padding rows included). */
  private void cpuLookups(LookupCounts counts) {
    for (int i = 0; i < cpu[0].length; i++) {
      for (int col : CPU_RANGE) {
        counts.range(cpu[col][i]);
      }
      counts.range(cpu[Cpu.A_MID][i] + (1L << 15));
      counts.range(cpu[Cpu.B_MID][i] + (1L << 15));
      counts.range(cpu[Cpu.S_MID][i] + (1L << 15));
    }
  }

  /** Column-major table from rows, with at least one padding row; counts its lookups. */
  private static long[][] table(List<long[]> rows, int width, LookupCounts counts, int[] range,
      int[] bytes) {
    int height = Math.max(2, Integer.highestOneBit(rows.size()) << 1);
    long[][] t = ColumnPool.shared().takeZeroed(width, height);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < width; c++) {
        t[c][r] = rows.get(r)[c];
      }
    }
    for (int r = 0; r < height; r++) {
      for (int col : range) {
        counts.range(t[col][r]);
      }
      for (int col : bytes) {
        counts.bytePair(t[col][r], 0);
      }
    }
    return t;
  }

  private void step(int i) {
    int tid = seg.get(i, Segment.COL_TID);
    int pc = seg.get(i, Segment.COL_PC);
    int word = seg.get(i, Segment.COL_INSTRUCTION);
    int slot = tid - KernelReplay.FIRST_TID;
    st.ensureThreads(slot + 1);
    base = slot * MipsAir.CELLS;
    Decoded d = InstructionDecoder.decode(pc, word);
    int row = air.program().rowOf(pc);
    if (d == null || row < 0) {
      throw new UnsupportedStepException(String.format(
          "step %d: instruction 0x%08x at pc 0x%08x is not covered by the MIPS AIR yet", i, word, pc));
    }
    boolean control = switch (d.kind()) {
      case BEQ, BNE, BLEZ, BGTZ, BLTZAL, BGEZAL, JAL, JALR -> true;
      default -> false;
    };
    int nextPc = seg.get(i, Segment.COL_NEXT_PC);
    if (control && nextPc != pc + 4) {
      throw new UnsupportedStepException(String.format(
          "step %d: branch or jump at pc 0x%08x sits in the delay slot of a taken branch"
              + " (the executor faults there; not provable)", i, pc));
    }
    programMult[row]++;
    long ts = 8 * (startCycle + i + 1);
    put(i, Cpu.IS_REAL, 1);
    put(i, Cpu.PC, Integer.toUnsignedLong(pc));
    put(i, Cpu.NEXT_PC, Integer.toUnsignedLong(nextPc));
    put(i, Cpu.TS, ts);
    put(i, Cpu.THREAD, slot);
    put(i, Cpu.ENTRY, entry ? 1 : 0);
    entry = d.kind() == Kind.SYSCALL;
    put(i, Cpu.sel(d.kind()), 1);
    put(i, Cpu.OP, d.op() == null ? 0 : d.op().id());
    put(i, Cpu.RS, d.rs());
    put(i, Cpu.RT, d.rt());
    put(i, Cpu.RD, d.rd());
    put(i, Cpu.WR, d.writes() ? 1 : 0);
    put(i, Cpu.RD2, d.rd2());
    put(i, Cpu.WR2, d.writes2() ? 1 : 0);
    put(i, Cpu.USE_IMM, d.useImm() ? 1 : 0);
    put(i, Cpu.IMM, Integer.toUnsignedLong(d.imm()));
    put(i, Cpu.TARGET, Integer.toUnsignedLong(d.target()));
    SyscallEffect call = d.kind() == Kind.SYSCALL ? nextSyscall(i) : null;
    long rsVal = readValue(i, word, d.rs(), (word >>> 21) & 31, Segment.COL_RS_VALUE);
    long rtVal = readValue(i, word, d.rt(), (word >>> 16) & 31, Segment.COL_RT_VALUE);
    read(i, Cpu.RS_VAL, Cpu.D_RS_LO, d.rs(), rsVal, ts);
    read(i, Cpu.RT_VAL, Cpu.D_RT_LO, d.rt(), rtVal, ts + 1);
    alu(i, d, pc);
    nnpc(i, d);
    memory(i, d, ts);
    KernelReplay.Outcome kernel = call != null ? kernelCall(i, call, ts, nextPc) : null;
    writes(i, d, ts, call);
    chipEvent(i, d);
    if (call != null) {
      if (kernel.table()) {
        syscall(i, call, ts);
      } else {
        for (KernelReplay.CellWrite w : kernel.cellWrites()) {
          int cell = w.slot() * MipsAir.CELLS + w.cell();
          st.ensureThreads(w.slot() + 1);
          if (st.cellValue[cell] != Integer.toUnsignedLong(w.before())) {
            throw new IllegalStateException("kernel replay: thread " + w.slot() + " register "
                + w.cell() + " differs from the trace");
          }
          kernelRow(false, ts + 5, cell, w.before(), w.after());
        }
      }
    }
  }

  /**
   * Records the call in the kernel transcript, replays it, checks the replay against what the
   * executor recorded, and adds the kernel table's reads of the caller's cells and its memory
   * accesses (at ts + 2, between the CPU's reads and writes).
   */
  private KernelReplay.Outcome kernelCall(int i, SyscallEffect e, long ts, int npc) {
    int[] layout = KernelReplay.suppliedCells(e.number(), e.args()[0]);
    int[] cells = new int[layout.length];
    for (int k = 0; k < layout.length; k++) {
      cells[k] = (int) st.cellValue[base + layout[k]];
    }
    boolean table = KernelReplay.isTableCall(e.number(), e.args()[0]);
    TreeMap<Integer, int[]> words = new TreeMap<>(Integer::compareUnsigned);
    if (!table) {
      for (MemoryAccess m : e.memory()) {
        words.computeIfAbsent(m.address(), a -> new int[] {m.before(), m.after()})[1] = m.after();
      }
      // a clearing call lists every word the memory table holds in its regions: those the kernel
      // did not report were 0 already and stay 0
      for (int r = 0; r < e.cleared().length; r += 2) {
        for (long a : st.clearableIn(e.cleared()[r], e.cleared()[r + 1])) {
          words.putIfAbsent((int) a, new int[] {0, 0});
        }
      }
    }
    int[] addrs = new int[words.size()];
    int[] before = new int[words.size()];
    int k = 0;
    for (Map.Entry<Integer, int[]> w : words.entrySet()) {
      addrs[k] = w.getKey();
      before[k] = (int) st.word(w.getKey());
      if (before[k] != w.getValue()[0]) {
        throw new IllegalStateException("step " + i + ": the executor read word "
            + Integer.toHexString(w.getKey()) + " as " + w.getValue()[0] + ", the trace holds "
            + before[k]);
      }
      k++;
    }
    KernelTranscript.Call c = new KernelTranscript.Call(e.cycle(), npc, cells, addrs, before);
    KernelReplay.Outcome o;
    try {
      o = st.replay.replay(c.cycle(), c.npc(), c.cells(), c.wordAddrs(), c.wordBefore());
    } catch (KernelReplay.ReplayException ex) {
      throw new UnsupportedStepException("step " + i + ": " + ex.getMessage());
    }
    st.transcript.add(c);
    o.addBoundaries(st.boundaries);
    if (o.exited()) {
      st.exitCode = st.replay.exitCode(); // the last thread's exit ended the process
    }
    if (o.nextSlot() != e.nextTid() - KernelReplay.FIRST_TID || o.slot() * MipsAir.CELLS != base) {
      throw new IllegalStateException("step " + i + ": the kernel replay schedules thread "
          + o.nextSlot() + ", the executor ran " + (e.nextTid() - KernelReplay.FIRST_TID));
    }
    if (table) {
      return o;
    }
    if (o.v0() != e.v0() || o.a3() != e.a3()) {
      throw new IllegalStateException("step " + i + ": syscall " + e.number() + " replays to v0 "
          + o.v0() + " a3 " + o.a3() + ", the executor returned " + e.v0() + " " + e.a3());
    }
    for (int j = 0; j < layout.length; j++) {
      kernelRow(false, ts + 2, base + layout[j], cells[j], cells[j]);
    }
    for (int j = 0; j < addrs.length; j++) {
      if (o.wordAfter()[j] != words.get(addrs[j])[1]) {
        throw new IllegalStateException("step " + i + ": syscall " + e.number() + " replays word "
            + Integer.toHexString(addrs[j]) + " differently from the executor");
      }
      kernelRow(true, ts + 2, addrs[j], before[j], o.wordAfter()[j]);
    }
    return o;
  }

  private void kernelRow(boolean memory, long ts, long addr, int before, int after) {
    long[] r = new long[Kern.WIDTH];
    r[memory ? Kern.IS_MEM : Kern.IS_REG] = 1;
    r[Kern.TS] = ts;
    r[Kern.ADDR] = addr;
    r[Kern.BEFORE] = Integer.toUnsignedLong(before);
    r[Kern.AFTER] = Integer.toUnsignedLong(after);
    long gap = memory ? st.touch((int) addr, r[Kern.AFTER], ts)
        : st.touchCell((int) addr, r[Kern.AFTER], ts);
    limbs(r, Kern.D, gap);
    kernelRows.add(r);
  }

  private SyscallEffect nextSyscall(int i) {
    List<SyscallEffect> calls = seg.syscalls();
    if (syscallIndex >= calls.size()) {
      throw new UnsupportedStepException("step " + i + ": SYSCALL without a recorded effect");
    }
    return calls.get(syscallIndex++);
  }

  /** A slot's value: as recorded when the slot reads the word's own field, else the tracked cell. */
  private long readValue(int i, int word, int slot, int field, int col) {
    if (slot == field && slot < 32) {
      return Integer.toUnsignedLong(seg.get(i, col));
    }
    return st.cellValue[base + slot];
  }

  private void read(int i, int valCol, int gapCol, int cell, long value, long ts) {
    put(i, valCol, value);
    gap(i, gapCol, st.touchCell(base + cell, value, ts));
  }

  private void gap(int i, int col, long d) {
    long g = Goldilocks.fromSigned(d);
    put(i, col, g & 0xffff);
    put(i, col + 1, (g >>> 16) & 0xffff);
  }

  private void alu(int i, Decoded d, int pc) {
    long a = cpu[Cpu.RS_VAL][i];
    long b = d.useImm() ? Integer.toUnsignedLong(d.imm()) : cpu[Cpu.RT_VAL][i];
    put(i, Cpu.B, b);
    long sum = 0;
    long carry = 0;
    long shiftRemainder = 0;
    int sa = Integer.numberOfTrailingZeros(d.imm());
    switch (d.kind()) {
      case ADD, LOAD, STORE, SC, ADDT -> {
        sum = (a + b) & 0xffff_ffffL;
        carry = (a + b) >>> 32;
      }
      case SUB, SLTU, BEQ, BNE, BLEZ, BGTZ, MOVZ, MOVN, SUBT, TEQ, TNE, BLTZAL,
          BGEZAL -> {
        carry = a < b ? 1 : 0;
        sum = a - b + carry * TWO32;
      }
      case SLL -> {
        sum = (b << sa) & 0xffff_ffffL;
        shiftRemainder = (b << sa) >>> 32;
      }
      case SRL, SRA -> {
        sum = b >>> sa;
        shiftRemainder = b & (Integer.toUnsignedLong(d.imm()) - 1);
      }
      case SLT -> {
        long fa = a ^ 0x8000_0000L;
        long fb = b ^ 0x8000_0000L;
        carry = fa < fb ? 1 : 0;
        sum = fa - fb + carry * TWO32;
      }
      default -> { }
    }
    boolean signOfA = switch (d.kind()) {
      case SLT, BLEZ, BGTZ, BLTZAL, BGEZAL, ADDT, SUBT -> true;
      default -> false;
    };
    boolean signOfB = switch (d.kind()) {
      case SLT, SRA, ADDT, SUBT -> true;
      default -> false;
    };
    signParts(i, signOfA ? a : 0, signOfB ? b : 0);
    boolean shift = d.kind() == Kind.SLL || d.kind() == Kind.SRL || d.kind() == Kind.SRA;
    limbPair(i, Cpu.SH_X_LO, shiftRemainder);
    limbPair(i, Cpu.SH_Y_LO, shift ? shiftRemainder + TWO32 - Integer.toUnsignedLong(d.imm()) : 0);
    put(i, Cpu.SUM, sum);
    put(i, Cpu.CARRY, carry);
    put(i, Cpu.SIGN_S, sum >>> 31);
    put(i, Cpu.S_MID, (sum >>> 16) & 0x7fff);
    long signA = a >>> 31;
    long signB = b >>> 31;
    long signS = sum >>> 31;
    long f = d.kind() == Kind.ADDT ? signA + signB - 2 * signS
        : d.kind() == Kind.SUBT ? signA + 1 - signB - 2 * signS : 0;
    put(i, Cpu.OV_F, Goldilocks.fromSigned(f));
    put(i, Cpu.OV_T, f * f);
    limbPair(i, Cpu.SUM_LO, sum);
    put(i, Cpu.SUM_INV, sum == 0 ? 0 : Goldilocks.inv(sum));
    long eq = sum == 0 ? 1 : 0;
    put(i, Cpu.EQ, eq);
    long sign = a >>> 31;
    long taken = switch (d.kind()) {
      case BEQ -> eq;
      case BNE -> 1 - eq;
      case BLEZ -> sign + eq;
      case BGTZ -> 1 - sign - eq;
      case BLTZAL -> sign;
      case BGEZAL -> 1 - sign;
      default -> 0;
    };
    put(i, Cpu.TAKEN, taken);
    long res = switch (d.kind()) {
      case ADD, SUB, SLL, SRL, ADDT, SUBT -> sum;
      case SRA -> sum + (b >>> 31) * Integer.toUnsignedLong(d.target());
      case SLTU, SLT -> carry;
      case JAL, JALR, BLTZAL, BGEZAL -> Integer.toUnsignedLong(pc) + 8;
      default -> 0;
    };
    put(i, Cpu.RES, res);
  }

  /** The pc after nextPc, as the AIR computes it (the next row must agree). */
  private void nnpc(int i, Decoded d) {
    long next = cpu[Cpu.NEXT_PC][i];
    long seq = (next + 4) & 0xffff_ffffL;
    long v = switch (d.kind()) {
      case BEQ, BNE, BLEZ, BGTZ, BLTZAL, BGEZAL -> cpu[Cpu.TAKEN][i] == 1
          ? Integer.toUnsignedLong(d.target()) : seq;
      case JAL -> Integer.toUnsignedLong(d.target());
      case JALR -> cpu[Cpu.RS_VAL][i];
      default -> next + 4;
    };
    put(i, Cpu.NNPC, v);
  }

  private void memory(int i, Decoded d, long ts) {
    if (d.kind() != Kind.LOAD && d.kind() != Kind.STORE && d.kind() != Kind.SC) {
      return;
    }
    long addr = cpu[Cpu.SUM][i];
    int off = (int) (addr & 3);
    int waddr = (int) (addr - off);
    if (seg.get(i, Segment.COL_MEM_ADDRESS) != waddr) {
      throw new UnsupportedStepException(String.format("step %d: recorded memory address 0x%08x,"
          + " the instruction accesses 0x%08x", i, seg.get(i, Segment.COL_MEM_ADDRESS), waddr));
    }
    put(i, Cpu.OFF0, off & 1);
    put(i, Cpu.OFF1, off >>> 1);
    put(i, Cpu.WQ, (addr & 0xffff) >>> 2);
    long before = Integer.toUnsignedLong(seg.get(i, Segment.COL_MEM_BEFORE));
    long after = Integer.toUnsignedLong(seg.get(i, Segment.COL_MEM_AFTER));
    put(i, Cpu.MEM_BEFORE, before);
    put(i, Cpu.MEM_AFTER, after);
    gap(i, Cpu.D_MEM_LO, st.touch(waddr, after, ts + 2));
    long x = d.kind() == Kind.STORE ? after
        : AluReference.memory(d.op(), off, (int) cpu[Cpu.RT_VAL][i], (int) before);
    put(i, Cpu.X, x);
    if (d.kind() == Kind.SC) {
      // succeeded (1) or failed (0): what the executor wrote to rt, or for SC $0 whether the word
      // now holds the stored value (when the store would not change it, either is consistent)
      put(i, Cpu.RES, after == x ? 1 : 0);
    }
  }

  private void writes(int i, Decoded d, long ts, SyscallEffect call) {
    switch (d.kind()) {
      case CHIP, MACC -> {
        long old2 = d.writes2() ? st.cellValue[base + d.rd2()] : 0;
        long old1 = d.writes() ? st.cellValue[base + d.rd()] : 0;
        long[] xy = AluReference.alu(d.op(), cpu[Cpu.RS_VAL][i], cpu[Cpu.B][i],
            Integer.toUnsignedLong(d.imm()), d.kind() == Kind.MACC ? old2 : 0,
            d.kind() == Kind.MACC ? old1 : 0);
        put(i, Cpu.X, xy[0]);
        put(i, Cpu.Y, xy[1]);
        put(i, Cpu.RES, xy[0]);
      }
      case LOAD -> put(i, Cpu.RES, cpu[Cpu.X][i]);
      case SYSCALL -> {
        long v0 = Integer.toUnsignedLong(call.number() == SyscallTables.SYS_EXIT_GROUP
            ? call.number() : call.v0());
        put(i, Cpu.X, v0);
        put(i, Cpu.Y, Integer.toUnsignedLong(call.a3()));
        put(i, Cpu.RES, v0);
      }
      default -> { }
    }
    if (d.writes()) {
      // the register the executor recorded (the program table says which one is allowed)
      int recorded = seg.get(i, Segment.COL_DST_REGISTER);
      int rd = d.rd() < 32 && d.kind() != Kind.SYSCALL && recorded >= 0 ? recorded : d.rd();
      long value = recordedWrite(i, rd, cpu[Cpu.RES][i], d.kind() == Kind.SYSCALL);
      put(i, Cpu.RD, rd);
      put(i, Cpu.RES, value);
      put(i, Cpu.OLD, st.cellValue[base + rd]);
      gap(i, Cpu.D_RD_LO, st.touchCell(base + rd, value, ts + 3));
    }
    if (d.writes2()) {
      long value = d.kind() == Kind.SYSCALL ? cpu[Cpu.Y][i]
          : recordedWrite(i, d.rd2(), cpu[Cpu.Y][i], false);
      put(i, Cpu.Y, value);
      put(i, Cpu.OLD2, st.cellValue[base + d.rd2()]);
      gap(i, Cpu.D_RD2_LO, st.touchCell(base + d.rd2(), value, ts + 4));
    }
  }

  /** What the executor recorded for a write of cell (GPR, HI or LO); computed for syscalls. */
  private long recordedWrite(int i, int cell, long computed, boolean syscall) {
    if (syscall) {
      return computed;
    }
    if (cell == InstructionDecoder.HI) {
      return Integer.toUnsignedLong(seg.get(i, Segment.COL_HI));
    }
    if (cell == InstructionDecoder.LO) {
      return Integer.toUnsignedLong(seg.get(i, Segment.COL_LO));
    }
    if (seg.get(i, Segment.COL_DST_REGISTER) != cell) {
      throw new UnsupportedStepException("step " + i + ": the executor recorded a write of r"
          + seg.get(i, Segment.COL_DST_REGISTER) + ", the instruction writes r" + cell);
    }
    return Integer.toUnsignedLong(seg.get(i, Segment.COL_DST_VALUE));
  }

  private void chipEvent(int i, Decoded d) {
    if (d.op() == null) {
      return;
    }
    int chip = air.chips().chipOf(d.op());
    long x = cpu[Cpu.X][i];
    AluEvent e = switch (d.kind()) {
      case LOAD, STORE, SC -> AluEvent.memory(d.op(), cpu[Cpu.OFF0][i] + 2 * cpu[Cpu.OFF1][i],
          cpu[Cpu.RT_VAL][i], cpu[Cpu.MEM_BEFORE][i], x);
      default -> {
        boolean macc = d.kind() == Kind.MACC;
        yield new AluEvent(d.op(), cpu[Cpu.RS_VAL][i], cpu[Cpu.B][i],
            Integer.toUnsignedLong(d.imm()), macc ? cpu[Cpu.OLD2][i] : 0,
            macc ? cpu[Cpu.OLD][i] : 0, x, cpu[Cpu.Y][i]);
      }
    };
    chipEvents.get(chip).add(e);
  }

  private void syscall(int i, SyscallEffect e, long ts) {
    long[] r = new long[Sys.WIDTH];
    int num = e.number();
    long a0 = Integer.toUnsignedLong(e.args()[0]);
    long a1 = st.cellValue[base + 5];
    long a2 = st.cellValue[base + 6];
    int kind;
    if (num == SyscallTables.SYS_EXIT_GROUP) {
      kind = Sys.EXIT;
    } else if (num == SyscallTables.SYS_READ && a0 == 0) {
      kind = Sys.READ;
    } else if (num == SyscallTables.SYS_WRITE && (a0 == 1 || a0 == 2)) {
      kind = Sys.WOUT;
    } else if (num == SyscallTables.SYS_WRITE && a0 == SyscallTables.FD_PUBLIC) {
      kind = Sys.WPUB;
    } else {
      throw new IllegalStateException("syscall " + num + " is not a syscall-table call");
    }
    long v0 = cpu[Cpu.X][i];
    if (kind != Sys.EXIT && (e.a3() != 0 || (kind != Sys.READ && v0 != a2))) {
      throw new UnsupportedStepException("step " + i + ": syscall " + num + " returned an error or"
          + " a short count, which is not proved yet");
    }
    r[kind] = 1;
    r[Sys.TS] = ts;
    r[Sys.NUM] = num;
    r[Sys.A0] = a0;
    r[Sys.A1] = a1;
    r[Sys.A2] = a2;
    r[Sys.V0] = v0;
    r[Sys.V0_LO] = v0 & 0xffff;
    r[Sys.V0_LO + 1] = v0 >>> 16;
    r[Sys.NZ] = v0 == 0 ? 0 : 1;
    r[Sys.INV] = v0 == 0 ? 0 : Goldilocks.inv(v0);
    r[Sys.THREAD] = base / MipsAir.CELLS;
    r[Sys.NPC] = cpu[Cpu.NEXT_PC][i];
    limbs(r, Sys.D_A1, st.touchCell(base + 5, a1, ts + 5));
    limbs(r, Sys.D_A2, st.touchCell(base + 6, a2, ts + 6));
    if (kind == Sys.READ) {
      limbs(r, Sys.LEFT, a2 - v0);
      transfer(e, ts, (int) a1, (int) v0, true, 0);
    } else if (kind == Sys.WPUB) {
      long pub = st.cellValue[MipsAir.CELL_PUBLIC_OFFSET];
      r[Sys.PUB] = pub;
      limbs(r, Sys.D_PUB, st.touchCell(MipsAir.CELL_PUBLIC_OFFSET, pub + a2, ts + 7));
      transfer(e, ts, (int) a1, (int) a2, false, pub);
    } else if (kind == Sys.EXIT) {
      st.exitCode = a0;
    }
    sysRows.add(r);
  }

  private static void limbs(long[] r, int col, long v) {
    long g = Goldilocks.fromSigned(v);
    r[col] = g & 0xffff;
    r[col + 1] = (g >>> 16) & 0xffff;
  }

  /** One syscall-byte row per byte stored (read) or emitted (public write). */
  private void transfer(SyscallEffect e, long ts, int buf, int count, boolean in, long pub) {
    Map<Integer, Integer> written = new HashMap<>();
    for (MemoryAccess m : e.memory()) {
      if (m.write()) {
        written.put(m.address(), m.after());
      }
    }
    for (int k = 0; k < count; k++) {
      int addr = buf + k;
      int off = addr & 3;
      int waddr = addr - off;
      long before = st.word(waddr);
      int oldByte = (int) (before >>> (8 * (3 - off))) & 0xff;
      int newByte = oldByte;
      if (in) {
        Integer after = written.get(waddr);
        if (after == null) {
          throw new UnsupportedStepException("read: no recorded write of word " + waddr);
        }
        newByte = (after >>> (8 * (3 - off))) & 0xff;
      } else {
        st.publicOut.write(oldByte);
      }
      long afterWord = before + ((long) (newByte - oldByte) << (8 * (3 - off)));
      long[] r = new long[Bytes.WIDTH];
      r[Bytes.REAL] = 1;
      r[Bytes.FIRST] = k == 0 ? 1 : 0;
      r[Bytes.TS] = ts;
      r[Bytes.IN] = in ? 1 : 0;
      r[Bytes.PUB_KIND] = in ? 0 : 1;
      r[Bytes.ADDR] = Integer.toUnsignedLong(addr);
      r[Bytes.K] = k;
      r[Bytes.COUNT] = count;
      r[Bytes.PUB] = pub + k;
      long wq = Integer.toUnsignedLong(waddr) >>> 2;
      r[Bytes.WQ_LO] = wq & 0xffff;
      r[Bytes.WQ_HI] = wq >>> 16;
      r[Bytes.OFF0] = off & 1;
      r[Bytes.OFF1] = off >>> 1;
      for (int j = 0; j < 4; j++) {
        r[Bytes.B0 + j] = (before >>> (8 * (3 - j))) & 0xff;
      }
      r[Bytes.OLDB] = oldByte;
      r[Bytes.W] = 1L << (8 * (3 - off));
      r[Bytes.NEW] = newByte;
      limbs(r, Bytes.D, st.touch(waddr, afterWord, ts + 4 + off));
      byteRows.add(r);
    }
  }

  private void limbPair(int i, int col, long v) {
    put(i, col, v & 0xffff);
    put(i, col + 1, (v >>> 16) & 0xffff);
  }

  private void signParts(int i, long a, long b) {
    put(i, Cpu.SIGN_A, a >>> 31);
    put(i, Cpu.A_LO, a & 0xffff);
    put(i, Cpu.A_MID, (a >>> 16) & 0x7fff);
    put(i, Cpu.SIGN_B, b >>> 31);
    put(i, Cpu.B_LO, b & 0xffff);
    put(i, Cpu.B_MID, (b >>> 16) & 0x7fff);
  }

  private void put(int row, int col, long v) {
    cpu[col][row] = v;
  }

  /** The final piece's traces: register cells and every memory word, after the whole run. */
  public static List<long[][]> finalTraces(RunState st) {
    int cells = st.finalCells();
    st.ensureThreads(cells / MipsAir.CELLS);
    long[][] regs = new long[MipsAir.RegFinal.WIDTH][cells];
    for (int c = 0; c < cells; c++) {
      regs[MipsAir.RegFinal.CELL][c] = c;
      regs[MipsAir.RegFinal.VALUE][c] = st.cellValue[c];
      regs[MipsAir.RegFinal.TS][c] = st.cellTs[c];
    }
    // every boundary of a cleared region is a row (an untouched word where the run has none)
    st.boundaries.forEach((b, delta) -> {
      if (delta != 0) {
        st.memory.putIfAbsent((int) (long) b, new long[] {0, 0, 0});
      }
    });
    int rows = st.memory.size();
    // at least one padding row: the last real row is followed by one (it holds the ceiling check)
    int height = Math.max(2, Integer.highestOneBit(rows) << 1);
    long[][] mem = new long[MipsAir.MemFinal.WIDTH][height];
    LookupCounts counts = new LookupCounts();
    int r = 0;
    long prev = -1;
    long covering = 0;
    for (Map.Entry<Integer, long[]> e : st.memory.entrySet()) {
      long addr = Integer.toUnsignedLong(e.getKey());
      if (r > 0) {
        setLimbs(mem, MipsAir.MemFinal.GAP_LO, r - 1, addr - prev - 1);
      }
      mem[MipsAir.MemFinal.REAL][r] = 1;
      mem[MipsAir.MemFinal.ADDR][r] = addr;
      mem[MipsAir.MemFinal.VALUE][r] = e.getValue()[0];
      mem[MipsAir.MemFinal.TS][r] = e.getValue()[1];
      mem[MipsAir.MemFinal.IMAGE][r] = e.getValue()[2];
      long delta = st.boundaries.getOrDefault(addr, 0L);
      if (delta != 0) {
        covering += delta;
        mem[MipsAir.MemFinal.HB][r] = 1;
        mem[MipsAir.MemFinal.DELTA][r] = Goldilocks.fromSigned(delta);
      }
      mem[MipsAir.MemFinal.ZC][r] = covering;
      prev = addr;
      r++;
    }
    // the floor on the first row, the ceiling on the last real one (a run outside user space
    // cannot satisfy them: the executor faults there, so only a forged trace gets here)
    long first = r == 0 ? MipsAir.MemFinal.FLOOR : mem[MipsAir.MemFinal.ADDR][0];
    mem[MipsAir.MemFinal.ADDR][0] = first;
    setLimbs(mem, MipsAir.MemFinal.FLOOR_LO, 0, first - MipsAir.MemFinal.FLOOR);
    if (r > 0) {
      setLimbs(mem, MipsAir.MemFinal.GAP_LO, r - 1, MipsAir.MemFinal.CEILING - prev);
    }
    for (int i = 0; i < height; i++) {
      counts.range(mem[MipsAir.MemFinal.GAP_LO][i]);
      counts.range(mem[MipsAir.MemFinal.GAP_LO + 1][i]);
      counts.range(mem[MipsAir.MemFinal.FLOOR_LO][i]);
      counts.range(mem[MipsAir.MemFinal.FLOOR_LO + 1][i]);
    }
    return List.of(regs, mem, new long[][] {counts.range16});
  }

  /**
   * Two 16-bit limbs of {@code v} in columns lo, lo + 1 of row r. A value outside [0, 2^32) (an
   * address outside user space) keeps only its low 32 bits, and the constraint that reads the limbs
   * then fails.
   */
  private static void setLimbs(long[][] table, int lo, int r, long v) {
    table[lo][r] = v & 0xffff;
    table[lo + 1][r] = (v >>> 16) & 0xffff;
  }
}
