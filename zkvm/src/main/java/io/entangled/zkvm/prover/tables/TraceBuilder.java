package io.entangled.zkvm.prover.tables;

import io.entangled.zkvm.prover.UnsupportedStepException;
import io.entangled.zkvm.prover.air.Cpu;
import io.entangled.zkvm.prover.air.Decoded;
import io.entangled.zkvm.prover.air.InstructionDecoder;
import io.entangled.zkvm.prover.air.Kind;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.prover.air.ProgramTable;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.trace.Segment;
import io.entangled.zkvm.trace.SyscallEffect;
import io.entangled.zkvm.trace.ThreadState;
import java.util.List;

/**
 * Fills the MIPS AIR's main traces from a recorded segment. It copies what the executor recorded
 * (register values read, value written, next pc) rather than recomputing it, so a trace tampered
 * after execution yields tables that violate the AIR: the prover or the verifier refuses them.
 * Steps the AIR does not cover throw {@link UnsupportedStepException}.
 */
public final class TraceBuilder {
  private static final long TWO32 = 1L << 32;

  private final MipsAir air;
  private final Segment seg;
  private final int steps;
  private final int height;
  private final long[][] cpu;
  private final long[] programMult;
  private final long[] rangeMult = new long[1 << MipsAir.RANGE_BITS];
  private final long[] byteMult = new long[1 << 16];
  private final long[] regVal = new long[MipsAir.REGISTER_COUNT];
  private final long[] regTs = new long[MipsAir.REGISTER_COUNT];
  private int syscallIndex;

  private TraceBuilder(MipsAir air, Segment seg) {
    this.air = air;
    this.seg = seg;
    this.steps = seg.stepCount();
    this.height = Math.max(2, Integer.highestOneBit(steps) << 1);
    this.cpu = new long[Cpu.WIDTH][height];
    this.programMult = new long[air.program().height()];
  }

  /** Builds the traces of a whole run recorded as one segment that ends in exit_group. */
  public static MainTraces build(MipsAir air, Segment segment) {
    return new TraceBuilder(air, segment).run();
  }

  private MainTraces run() {
    checkShape();
    ThreadState start = seg.start().current();
    for (int r = 0; r < MipsAir.REGISTER_COUNT; r++) {
      regVal[r] = Integer.toUnsignedLong(start.registers()[r]);
    }
    for (int i = 0; i < steps; i++) {
      step(i);
    }
    for (int i = steps; i < height; i++) {
      cpu[Cpu.TS][i] = 4L * (i + 1);
      cpu[Cpu.EQ][i] = 1;
      rangeMult[0] += 16;
      rangeMult[1 << 15] += 2;
    }
    long[][] registers = {regVal.clone(), regTs.clone()};
    long exitCode = cpu[Cpu.RT_VAL][steps - 1];
    return new MainTraces(List.of(cpu, new long[][] {programMult}, registers,
        new long[][] {rangeMult}, new long[][] {byteMult}), new long[] {exitCode, steps});
  }

  private void checkShape() {
    if (seg.index() != 0 || seg.start().cycle() != 0) {
      throw new UnsupportedStepException("continuations are not proved yet: segment " + seg.index()
          + " starts at cycle " + seg.start().cycle() + "; prove the run as one segment");
    }
    if (steps == 0 || Decode.kind(seg.get(steps - 1, Segment.COL_INSTRUCTION)) != Kind.EXIT) {
      throw new UnsupportedStepException("the segment does not end in exit_group: runs longer than"
          + " one segment (continuations) are not proved yet");
    }
  }

  private void step(int i) {
    int tid = seg.get(i, Segment.COL_TID);
    int pc = seg.get(i, Segment.COL_PC);
    int word = seg.get(i, Segment.COL_INSTRUCTION);
    if (tid != seg.start().currentTid()) {
      throw new UnsupportedStepException("step " + i + ": thread " + tid
          + " runs; only single-threaded guests are proved yet");
    }
    Decoded d = InstructionDecoder.decode(pc, word);
    int row = air.program().rowOf(pc);
    if (d == null || row < 0) {
      throw new UnsupportedStepException(String.format(
          "step %d: instruction 0x%08x at pc 0x%08x is not covered by the MIPS AIR yet", i, word, pc));
    }
    boolean control = switch (d.kind()) {
      case BEQ, BNE, BLEZ, BGTZ, BLTZ, BGEZ, J, JAL, JR, JALR -> true;
      default -> false;
    };
    if (control && seg.get(i, Segment.COL_NEXT_PC) != pc + 4) {
      throw new UnsupportedStepException(String.format(
          "step %d: branch or jump at pc 0x%08x sits in a delay slot (not provable)", i, pc));
    }
    programMult[row]++;
    long ts = 4L * (i + 1);
    put(i, Cpu.IS_REAL, 1);
    put(i, Cpu.PC, Integer.toUnsignedLong(pc));
    put(i, Cpu.NEXT_PC, Integer.toUnsignedLong(seg.get(i, Segment.COL_NEXT_PC)));
    put(i, Cpu.NNPC, i + 1 < steps ? Integer.toUnsignedLong(seg.get(i + 1, Segment.COL_NEXT_PC)) : 0);
    put(i, Cpu.TS, ts);
    put(i, Cpu.sel(d.kind()), 1);
    put(i, Cpu.USE_IMM, d.useImm() ? 1 : 0);
    put(i, Cpu.IMM, Integer.toUnsignedLong(d.imm()));
    put(i, Cpu.TARGET, Integer.toUnsignedLong(d.target()));
    long[] reads = reads(i, word, d);
    read(i, Cpu.RS, Cpu.RS_VAL, Cpu.D_RS_LO, d.rs(), reads[0], ts);
    read(i, Cpu.RT, Cpu.RT_VAL, Cpu.D_RT_LO, d.rt(), reads[1], ts + 1);
    alu(i, d, pc);
    write(i, d, ts + 2);
  }

  /** rs and rt values: as recorded when they are the word's rs/rt fields, else the syscall's. */
  private long[] reads(int i, int word, Decoded d) {
    if (d.kind() == Kind.EXIT) {
      List<SyscallEffect> calls = seg.syscalls();
      if (syscallIndex >= calls.size()) {
        throw new UnsupportedStepException("step " + i + ": SYSCALL without a recorded effect");
      }
      SyscallEffect e = calls.get(syscallIndex++);
      if (e.number() != InstructionDecoder.SYS_EXIT_GROUP) {
        throw new UnsupportedStepException("step " + i + ": syscall " + e.number()
            + " is not covered by the MIPS AIR yet (only exit_group)");
      }
      return new long[] {Integer.toUnsignedLong(e.number()), Integer.toUnsignedLong(e.args()[0])};
    }
    int rsField = (word >>> 21) & 31;
    int rtField = (word >>> 16) & 31;
    long rs = d.rs() == rsField ? Integer.toUnsignedLong(seg.get(i, Segment.COL_RS_VALUE))
        : regVal[d.rs()];
    long rt = d.rt() == rtField ? Integer.toUnsignedLong(seg.get(i, Segment.COL_RT_VALUE))
        : regVal[d.rt()];
    return new long[] {rs, rt};
  }

  private void read(int i, int idxCol, int valCol, int gapCol, int reg, long value, long ts) {
    put(i, idxCol, reg);
    put(i, valCol, value);
    gap(i, gapCol, ts - regTs[reg] - 1);
    regTs[reg] = ts;
  }

  private void gap(int i, int col, long d) {
    long g = Goldilocks.fromSigned(d);
    long lo = g & 0xffff;
    long hi = (g >>> 16) & 0xffff;
    put(i, col, lo);
    put(i, col + 1, hi);
    rangeMult[(int) lo]++;
    rangeMult[(int) hi]++;
  }

  private void alu(int i, Decoded d, int pc) {
    long a = cpu[Cpu.RS_VAL][i];
    long b = d.useImm() ? cpu[Cpu.IMM][i] : cpu[Cpu.RT_VAL][i];
    put(i, Cpu.B, b);
    long sum = 0;
    long carry = 0;
    long shiftRemainder = 0;
    switch (d.kind()) {
      case ADD -> {
        sum = (a + b) & 0xffff_ffffL;
        carry = (a + b) >>> 32;
      }
      case SUB, SLTU, BEQ, BNE, BLEZ, BGTZ, BLTZ, BGEZ -> {
        carry = a < b ? 1 : 0;
        sum = a - b + carry * TWO32;
      }
      case SLL -> {
        sum = (b << Integer.numberOfTrailingZeros(d.imm())) & 0xffff_ffffL;
        shiftRemainder = (b << Integer.numberOfTrailingZeros(d.imm())) >>> 32;
      }
      case SRL, SRA -> {
        sum = b >>> Integer.numberOfTrailingZeros(d.imm());
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
      case SLT, BLEZ, BGTZ, BLTZ, BGEZ -> true;
      default -> false;
    };
    signParts(i, signOfA ? a : 0, d.kind() == Kind.SLT || d.kind() == Kind.SRA ? b : 0);
    boolean shift = d.kind() == Kind.SLL || d.kind() == Kind.SRL || d.kind() == Kind.SRA;
    limbPair(i, Cpu.SH_X_LO, shiftRemainder);
    limbPair(i, Cpu.SH_Y_LO, shift ? shiftRemainder + TWO32 - Integer.toUnsignedLong(d.imm()) : 0);
    put(i, Cpu.SUM, sum);
    put(i, Cpu.CARRY, carry);
    put(i, Cpu.SUM_LO, sum & 0xffff);
    put(i, Cpu.SUM_HI, sum >>> 16);
    rangeMult[(int) (sum & 0xffff)]++;
    rangeMult[(int) (sum >>> 16)]++;
    put(i, Cpu.SUM_INV, sum == 0 ? 0 : Goldilocks.inv(sum));
    long eq = sum == 0 ? 1 : 0;
    put(i, Cpu.EQ, eq);
    long sign = a >>> 31;
    long taken = switch (d.kind()) {
      case BEQ -> eq;
      case BNE -> 1 - eq;
      case BLEZ -> sign + eq;
      case BGTZ -> 1 - sign - eq;
      case BLTZ -> sign;
      case BGEZ -> 1 - sign;
      default -> 0;
    };
    put(i, Cpu.TAKEN, taken);
    long res = switch (d.kind()) {
      case ADD, SUB, SLL, SRL -> sum;
      case SRA -> sum + (b >>> 31) * Integer.toUnsignedLong(d.target());
      case SLTU, SLT -> carry;
      case JAL, JALR -> Integer.toUnsignedLong(pc) + 8;
      case AND -> a & b;
      case OR -> a | b;
      case XOR -> a ^ b;
      case NOR -> ~(a | b) & 0xffff_ffffL;
      default -> 0;
    };
    switch (d.kind()) {
      case AND, OR, XOR, NOR -> bytes(i, a, b);
      default -> { }
    }
    put(i, Cpu.RES, res);
  }

  /** The recorded write (register and value), or none: the program table says which is allowed. */
  private void write(int i, Decoded d, long ts) {
    int dst = seg.get(i, Segment.COL_DST_REGISTER);
    if (dst < 0) {
      put(i, Cpu.RD, d.rd());
      gap(i, Cpu.D_RD_LO, 0);
      return;
    }
    put(i, Cpu.RD, dst);
    put(i, Cpu.WR, 1);
    put(i, Cpu.OLD, regVal[dst]);
    put(i, Cpu.RES, Integer.toUnsignedLong(seg.get(i, Segment.COL_DST_VALUE)));
    gap(i, Cpu.D_RD_LO, ts - regTs[dst] - 1);
    regVal[dst] = cpu[Cpu.RES][i];
    regTs[dst] = ts;
  }

  private void limbPair(int i, int col, long v) {
    put(i, col, v & 0xffff);
    put(i, col + 1, (v >>> 16) & 0xffff);
    rangeMult[(int) (v & 0xffff)]++;
    rangeMult[(int) ((v >>> 16) & 0xffff)]++;
  }

  private void signParts(int i, long a, long b) {
    put(i, Cpu.SIGN_A, a >>> 31);
    put(i, Cpu.A_LO, a & 0xffff);
    put(i, Cpu.A_MID, (a >>> 16) & 0x7fff);
    put(i, Cpu.SIGN_B, b >>> 31);
    put(i, Cpu.B_LO, b & 0xffff);
    put(i, Cpu.B_MID, (b >>> 16) & 0x7fff);
    for (long v : new long[] {a, b}) {
      int mid = (int) ((v >>> 16) & 0x7fff);
      rangeMult[(int) (v & 0xffff)]++;
      rangeMult[mid]++;
      rangeMult[mid + (1 << 15)]++;
    }
  }

  private void bytes(int i, long a, long b) {
    for (int k = 0; k < 4; k++) {
      int x = (int) (a >>> (8 * k)) & 0xff;
      int y = (int) (b >>> (8 * k)) & 0xff;
      put(i, Cpu.A_BYTES + k, x);
      put(i, Cpu.B_BYTES + k, y);
      put(i, Cpu.AND_BYTES + k, x & y);
      put(i, Cpu.OR_BYTES + k, x | y);
      put(i, Cpu.XOR_BYTES + k, x ^ y);
      byteMult[(x << 8) | y]++;
    }
  }

  private void put(int row, int col, long v) {
    cpu[col][row] = v;
  }

  /** Kind of a word without its address (only the family matters here). */
  private static final class Decode {
    static Kind kind(int word) {
      Decoded d = InstructionDecoder.decode(0, word);
      return d == null ? null : d.kind();
    }
  }
}
