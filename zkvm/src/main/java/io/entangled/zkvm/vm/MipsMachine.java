package io.entangled.zkvm.vm;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.elf.LoadedSegment;
import io.entangled.zkvm.trace.MachineState;
import io.entangled.zkvm.trace.ThreadState;
import io.entangled.zkvm.trace.TraceSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MIPS32r2 (big-endian, o32) interpreter with branch delay slots and a deterministic Linux
 * kernel underneath. {@link #run(long)} is the fast path; {@link #run(long, TraceSink)} executes
 * the same interpreter one instruction at a time and reports each step to the sink.
 */
public final class MipsMachine {
  private static final Logger LOG = LoggerFactory.getLogger(MipsMachine.class);

  static final long STACK_TOP = 0x7fff_0000L;
  static final long STACK_SIZE = 8L << 20;
  private static final int AT_NULL = 0;
  private static final int AT_PAGESZ = 6;
  private static final int AT_RANDOM = 25;

  private final Memory mem;
  private final LinuxKernel kernel;
  private final LoadedProgram program;
  long cycles;

  /** Loads the program, builds the initial stack (argv = {"guest"}, no env) and the main thread. */
  public MipsMachine(LoadedProgram program, GuestIo io) {
    this(program, io, Memory.MAX_RESIDENT_PAGES);
  }

  /** As above, with a cap on guest memory in 4 KiB pages (touching more is a fault). */
  public MipsMachine(LoadedProgram program, GuestIo io, int maxResidentPages) {
    this.mem = new Memory(maxResidentPages);
    this.program = program;
    for (LoadedSegment s : program.segments()) {
      mem.map(Integer.toUnsignedLong(s.vaddr()), s.memSize());
      mem.writeBytes(s.vaddr(), s.data(), 0, s.data().length);
    }
    GuestThread main = new GuestThread(LinuxKernel.FIRST_TID);
    main.pc = program.entry();
    main.npc = program.entry() + 4;
    main.regs[29] = buildStack();
    this.kernel = new LinuxKernel(this, mem, io, program.initialBreak(), main);
    LOG.debug("loaded program: entry=0x{} sp=0x{}", Integer.toHexString(main.pc),
        Integer.toHexString(main.regs[29]));
  }

  private int buildStack() {
    mem.map(STACK_TOP - STACK_SIZE, STACK_SIZE);
    int p = (int) STACK_TOP - 64;
    byte[] name = "guest\0".getBytes(StandardCharsets.US_ASCII);
    mem.writeBytes(p, name, 0, name.length);
    int argv0 = p;
    int random = p + 16;
    for (int i = 0; i < 16; i++) {
      mem.writeByte(random + i, 0x5a ^ (i * 37));
    }
    int[] words = {1, argv0, 0, 0, AT_PAGESZ, Memory.PAGE_SIZE, AT_RANDOM, random, AT_NULL, 0};
    int sp = (p - 128) & ~15;
    for (int i = 0; i < words.length; i++) {
      mem.writeWord(sp + 4 * i, words[i]);
    }
    return sp;
  }

  public Memory memory() {
    return mem;
  }

  public LoadedProgram program() {
    return program;
  }

  /** Instructions executed so far, all threads together. */
  public long cycles() {
    return cycles;
  }

  /** The thread that runs next. */
  public GuestThread currentThread() {
    return kernel.current();
  }

  /** All threads, exited ones included, in creation order. */
  public List<GuestThread> threads() {
    return kernel.threads();
  }

  LinuxKernel kernel() {
    return kernel;
  }

  /** Runs until the guest exits, faults, or {@code maxCycles} instructions have run in total. */
  public RunResult run(long maxCycles) {
    return run(maxCycles, null);
  }

  /** As {@link #run(long)}, reporting every step to {@code sink} when it is not null. */
  public RunResult run(long maxCycles, TraceSink sink) {
    StepTracer tracer = sink == null ? null : new StepTracer(this, sink);
    if (tracer != null) {
      tracer.begin();
    }
    try {
      while (!kernel.exited()) {
        long budget = maxCycles - cycles;
        if (budget <= 0) {
          return new RunResult(RunResult.Status.CYCLE_LIMIT, 0, cycles, null);
        }
        if (tracer == null) {
          interpret(budget);
        } else {
          tracer.step();
        }
      }
      return new RunResult(RunResult.Status.EXITED, kernel.exitCode(), cycles, null);
    } catch (GuestFault fault) {
      return new RunResult(RunResult.Status.FAULT, 0, cycles, fault);
    } catch (MemoryFault e) {
      GuestThread t = kernel.current();
      return new RunResult(RunResult.Status.FAULT, 0, cycles, new GuestFault(t.pc, 0,
          e.getMessage()));
    } finally {
      kernel.flush();
      if (tracer != null) {
        tracer.end();
      }
    }
  }

  /** A copy of the full machine state (all threads, clock, break). */
  public MachineState snapshot() {
    List<ThreadState> states = new ArrayList<>();
    for (GuestThread t : kernel.threads()) {
      states.add(StepTracer.state(t));
    }
    return new MachineState(cycles, kernel.current().tid, kernel.now(), kernel.brkValue(), states);
  }

  /**
   * Executes up to {@code budget} instructions of the current thread; returns early after a
   * syscall (which may switch threads). The thread's pc/npc are written back on return.
   */
  void interpret(long budget) {
    final GuestThread t = kernel.current();
    final int[] r = t.regs;
    final int[][] pages = mem.pages;
    int pc = t.pc;
    int npc = t.npc;
    int insn = 0;
    long n = 0;
    try {
      while (n < budget) {
        int[] page = pages[pc >>> 12];
        if (page == null) {
          page = fetchPage(pc);
        }
        insn = page[(pc >>> 2) & 1023];
        int nnpc = npc + 4;
        n++;
        switch (insn >>> 26) {
          case 0x00 -> {
            if ((insn & 63) == 12) {
              t.pc = npc;
              t.npc = nnpc;
              cycles += n;
              n = 0;
              kernel.syscall(t, pc);
              return;
            }
            nnpc = special(t, r, insn, pc, npc, nnpc);
          }
          case 0x01 -> nnpc = regimm(r, insn, pc, npc, nnpc);
          case 0x02 -> {
            notInDelaySlot(pc, npc, insn);
            nnpc = (npc & 0xf000_0000) | ((insn & 0x03ff_ffff) << 2);
          }
          case 0x03 -> {
            notInDelaySlot(pc, npc, insn);
            r[31] = npc + 4;
            nnpc = (npc & 0xf000_0000) | ((insn & 0x03ff_ffff) << 2);
          }
          case 0x04 -> {
            notInDelaySlot(pc, npc, insn);
            if (r[(insn >>> 21) & 31] == r[(insn >>> 16) & 31]) {
              nnpc = npc + (((short) insn) << 2);
            }
          }
          case 0x05 -> {
            notInDelaySlot(pc, npc, insn);
            if (r[(insn >>> 21) & 31] != r[(insn >>> 16) & 31]) {
              nnpc = npc + (((short) insn) << 2);
            }
          }
          case 0x06 -> {
            notInDelaySlot(pc, npc, insn);
            if (r[(insn >>> 21) & 31] <= 0) {
              nnpc = npc + (((short) insn) << 2);
            }
          }
          case 0x07 -> {
            notInDelaySlot(pc, npc, insn);
            if (r[(insn >>> 21) & 31] > 0) {
              nnpc = npc + (((short) insn) << 2);
            }
          }
          case 0x08 -> {
            int a = r[(insn >>> 21) & 31];
            int b = (short) insn;
            int s = a + b;
            if (((a ^ s) & (b ^ s)) < 0) {
              throw new GuestFault(pc, insn, "integer overflow (ADDI)");
            }
            r[(insn >>> 16) & 31] = s;
          }
          case 0x09 -> r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] + (short) insn;
          case 0x0a -> r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] < (short) insn ? 1 : 0;
          case 0x0b ->
              r[(insn >>> 16) & 31] =
                  Integer.compareUnsigned(r[(insn >>> 21) & 31], (short) insn) < 0 ? 1 : 0;
          case 0x0c -> r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] & (insn & 0xffff);
          case 0x0d -> r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] | (insn & 0xffff);
          case 0x0e -> r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] ^ (insn & 0xffff);
          case 0x0f -> r[(insn >>> 16) & 31] = insn << 16;
          case 0x1c -> special2(t, r, insn, pc);
          case 0x1f -> special3(t, r, insn, pc);
          case 0x20 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            r[(insn >>> 16) & 31] = (byte) (mem.readWord(a) >>> ((3 - (a & 3)) << 3));
          }
          case 0x21 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 1, pc, insn);
            r[(insn >>> 16) & 31] = (short) (mem.readWord(a) >>> ((2 - (a & 2)) << 3));
          }
          case 0x22 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            int k = (a & 3) << 3;
            int rt = (insn >>> 16) & 31;
            r[rt] = (mem.readWord(a) << k) | (r[rt] & ((1 << k) - 1));
          }
          case 0x23 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 3, pc, insn);
            int[] p = pages[a >>> 12];
            if (p == null) {
              p = mem.page(a);
            }
            r[(insn >>> 16) & 31] = p[(a >>> 2) & 1023];
          }
          case 0x24 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            r[(insn >>> 16) & 31] = (mem.readWord(a) >>> ((3 - (a & 3)) << 3)) & 0xff;
          }
          case 0x25 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 1, pc, insn);
            r[(insn >>> 16) & 31] = (mem.readWord(a) >>> ((2 - (a & 2)) << 3)) & 0xffff;
          }
          case 0x26 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            int k = (3 - (a & 3)) << 3;
            int rt = (insn >>> 16) & 31;
            r[rt] = (mem.readWord(a) >>> k) | (r[rt] & ~(0xffff_ffff >>> k));
          }
          case 0x28 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            int shift = (3 - (a & 3)) << 3;
            int[] p = mem.page(a);
            int i = (a >>> 2) & 1023;
            p[i] = (p[i] & ~(0xff << shift)) | ((r[(insn >>> 16) & 31] & 0xff) << shift);
          }
          case 0x29 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 1, pc, insn);
            int shift = (2 - (a & 2)) << 3;
            int[] p = mem.page(a);
            int i = (a >>> 2) & 1023;
            p[i] = (p[i] & ~(0xffff << shift)) | ((r[(insn >>> 16) & 31] & 0xffff) << shift);
          }
          case 0x2a -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            int k = (a & 3) << 3;
            int[] p = mem.page(a);
            int i = (a >>> 2) & 1023;
            p[i] = (r[(insn >>> 16) & 31] >>> k) | (p[i] & ~(0xffff_ffff >>> k));
          }
          case 0x2b -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 3, pc, insn);
            int[] p = pages[a >>> 12];
            if (p == null) {
              p = mem.page(a);
            }
            p[(a >>> 2) & 1023] = r[(insn >>> 16) & 31];
          }
          case 0x2e -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            int k = (3 - (a & 3)) << 3;
            int[] p = mem.page(a);
            int i = (a >>> 2) & 1023;
            p[i] = (r[(insn >>> 16) & 31] << k) | (p[i] & ((1 << k) - 1));
          }
          case 0x30 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 3, pc, insn);
            r[(insn >>> 16) & 31] = mem.readWord(a);
            t.llBit = true;
          }
          case 0x33 -> {
            // PREF: a hint, no effect
          }
          case 0x38 -> {
            int a = r[(insn >>> 21) & 31] + (short) insn;
            checkAlign(a, 3, pc, insn);
            int rt = (insn >>> 16) & 31;
            if (t.llBit) {
              mem.writeWord(a, r[rt]);
              r[rt] = 1;
            } else {
              r[rt] = 0;
            }
            t.llBit = false;
          }
          default -> throw illegal(pc, insn);
        }
        r[0] = 0;
        pc = npc;
        npc = nnpc;
      }
    } catch (MemoryFault e) {
      t.pc = pc;
      t.npc = npc;
      throw new GuestFault(pc, insn, e.getMessage());
    } catch (GuestFault e) {
      t.pc = pc;
      t.npc = npc;
      throw e;
    } finally {
      cycles += n;
    }
    t.pc = pc;
    t.npc = npc;
  }

  private int[] fetchPage(int pc) {
    if (!mem.isMapped(pc)) {
      throw new GuestFault(pc, 0, String.format("jump to unmapped address 0x%08x", pc));
    }
    return mem.page(pc);
  }

  private static void checkAlign(int addr, int mask, int pc, int insn) {
    if ((addr & mask) != 0) {
      throw new GuestFault(
          pc, insn, String.format("unaligned %s access at 0x%08x",
              mask == 3 ? "word" : "halfword", addr));
    }
  }

  /**
   * A branch or jump in the delay slot of a taken branch or jump (npc is not pc + 4) is a fault:
   * UNPREDICTABLE in MIPS32 (qemu raises SIGILL), and the MIPS AIR has no row for it. In the slot of
   * a branch not taken it runs as the next instruction, as the AIR proves it.
   */
  private static void notInDelaySlot(int pc, int npc, int insn) {
    if (npc != pc + 4) {
      throw new GuestFault(pc, insn, String.format(
          "branch or jump 0x%08x in the delay slot of a taken branch (UNPREDICTABLE in MIPS32)",
          insn));
    }
  }

  static GuestFault illegal(int pc, int insn) {
    return new GuestFault(pc, insn, String.format("illegal instruction 0x%08x", insn));
  }

  private static int jumpTarget(int target, int pc, int insn) {
    if ((target & 3) != 0) {
      throw new GuestFault(pc, insn, String.format("jump to unaligned address 0x%08x", target));
    }
    return target;
  }

  /** SPECIAL (opcode 0) other than SYSCALL; returns the pc after the delay slot. */
  private static int special(GuestThread t, int[] r, int insn, int pc, int npc, int nnpc) {
    int rs = (insn >>> 21) & 31;
    int rt = (insn >>> 16) & 31;
    int rd = (insn >>> 11) & 31;
    int sa = (insn >>> 6) & 31;
    switch (insn & 63) {
      case 0x00 -> r[rd] = r[rt] << sa;
      case 0x02 -> r[rd] = rs == 1 ? Integer.rotateRight(r[rt], sa) : r[rt] >>> sa;
      case 0x03 -> r[rd] = r[rt] >> sa;
      case 0x04 -> r[rd] = r[rt] << r[rs];
      case 0x06 -> r[rd] = sa == 1 ? Integer.rotateRight(r[rt], r[rs]) : r[rt] >>> r[rs];
      case 0x07 -> r[rd] = r[rt] >> r[rs];
      case 0x08 -> {
        notInDelaySlot(pc, npc, insn);
        return jumpTarget(r[rs], pc, insn);
      }
      case 0x09 -> {
        notInDelaySlot(pc, npc, insn);
        int target = jumpTarget(r[rs], pc, insn);
        r[rd] = npc + 4;
        return target;
      }
      case 0x0a -> {
        if (r[rt] == 0) {
          r[rd] = r[rs];
        }
      }
      case 0x0b -> {
        if (r[rt] != 0) {
          r[rd] = r[rs];
        }
      }
      case 0x0f -> {
        // SYNC: a single core sees its own order
      }
      case 0x10 -> r[rd] = t.hi;
      case 0x11 -> t.hi = r[rs];
      case 0x12 -> r[rd] = t.lo;
      case 0x13 -> t.lo = r[rs];
      case 0x18 -> setHiLo(t, (long) r[rs] * r[rt]);
      case 0x19 -> setHiLo(t, Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case 0x1a -> divide(t, r[rs], r[rt]);
      case 0x1b -> divideUnsigned(t, r[rs], r[rt]);
      case 0x20 -> r[rd] = addChecked(r[rs], r[rt], pc, insn);
      case 0x21 -> r[rd] = r[rs] + r[rt];
      case 0x22 -> r[rd] = subChecked(r[rs], r[rt], pc, insn);
      case 0x23 -> r[rd] = r[rs] - r[rt];
      case 0x24 -> r[rd] = r[rs] & r[rt];
      case 0x25 -> r[rd] = r[rs] | r[rt];
      case 0x26 -> r[rd] = r[rs] ^ r[rt];
      case 0x27 -> r[rd] = ~(r[rs] | r[rt]);
      case 0x2a -> r[rd] = r[rs] < r[rt] ? 1 : 0;
      case 0x2b -> r[rd] = Integer.compareUnsigned(r[rs], r[rt]) < 0 ? 1 : 0;
      case 0x30 -> trapIf(r[rs] >= r[rt], pc, insn, "TGE");
      case 0x31 -> trapIf(Integer.compareUnsigned(r[rs], r[rt]) >= 0, pc, insn, "TGEU");
      case 0x32 -> trapIf(r[rs] < r[rt], pc, insn, "TLT");
      case 0x33 -> trapIf(Integer.compareUnsigned(r[rs], r[rt]) < 0, pc, insn, "TLTU");
      case 0x34 -> trapIf(r[rs] == r[rt], pc, insn, "TEQ");
      case 0x36 -> trapIf(r[rs] != r[rt], pc, insn, "TNE");
      case 0x0d -> throw new GuestFault(pc, insn, "BREAK instruction");
      default -> throw illegal(pc, insn);
    }
    return nnpc;
  }

  private static int regimm(int[] r, int insn, int pc, int npc, int nnpc) {
    int v = r[(insn >>> 21) & 31];
    int target = npc + (((short) insn) << 2);
    int simm = (short) insn;
    switch ((insn >>> 16) & 31) {
      case 0x00 -> {
        notInDelaySlot(pc, npc, insn);
        return v < 0 ? target : nnpc;
      }
      case 0x01 -> {
        notInDelaySlot(pc, npc, insn);
        return v >= 0 ? target : nnpc;
      }
      case 0x10 -> {
        notInDelaySlot(pc, npc, insn);
        r[31] = npc + 4;
        return v < 0 ? target : nnpc;
      }
      case 0x11 -> {
        notInDelaySlot(pc, npc, insn);
        r[31] = npc + 4;
        return v >= 0 ? target : nnpc;
      }
      case 0x08 -> trapIf(v >= simm, pc, insn, "TGEI");
      case 0x09 -> trapIf(Integer.compareUnsigned(v, simm) >= 0, pc, insn, "TGEIU");
      case 0x0a -> trapIf(v < simm, pc, insn, "TLTI");
      case 0x0b -> trapIf(Integer.compareUnsigned(v, simm) < 0, pc, insn, "TLTIU");
      case 0x0c -> trapIf(v == simm, pc, insn, "TEQI");
      case 0x0e -> trapIf(v != simm, pc, insn, "TNEI");
      default -> throw illegal(pc, insn);
    }
    return nnpc;
  }

  private static void special2(GuestThread t, int[] r, int insn, int pc) {
    int rs = (insn >>> 21) & 31;
    int rt = (insn >>> 16) & 31;
    int rd = (insn >>> 11) & 31;
    switch (insn & 63) {
      case 0x00 -> setHiLo(t, hiLo(t) + (long) r[rs] * r[rt]);
      case 0x01 ->
          setHiLo(t, hiLo(t) + Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case 0x02 -> r[rd] = r[rs] * r[rt];
      case 0x04 -> setHiLo(t, hiLo(t) - (long) r[rs] * r[rt]);
      case 0x05 ->
          setHiLo(t, hiLo(t) - Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case 0x20 -> r[rd] = Integer.numberOfLeadingZeros(r[rs]);
      case 0x21 -> r[rd] = Integer.numberOfLeadingZeros(~r[rs]);
      default -> throw illegal(pc, insn);
    }
  }

  private static void special3(GuestThread t, int[] r, int insn, int pc) {
    int rs = (insn >>> 21) & 31;
    int rt = (insn >>> 16) & 31;
    int rd = (insn >>> 11) & 31;
    int sa = (insn >>> 6) & 31;
    switch (insn & 63) {
      case 0x00 -> {
        if (sa + rd + 1 > 32) {
          throw illegal(pc, insn);
        }
        r[rt] = (r[rs] >>> sa) & lowMask(rd + 1);
      }
      case 0x04 -> {
        if (rd < sa) {
          throw illegal(pc, insn);
        }
        int mask = lowMask(rd - sa + 1) << sa;
        r[rt] = (r[rt] & ~mask) | ((r[rs] << sa) & mask);
      }
      case 0x20 -> bshfl(r, insn, pc, rt, rd, sa);
      case 0x3b -> {
        if (rd != 29) {
          throw illegal(pc, insn);
        }
        r[rt] = t.tls;
      }
      default -> throw illegal(pc, insn);
    }
  }

  private static void bshfl(int[] r, int insn, int pc, int rt, int rd, int sa) {
    int v = r[rt];
    switch (sa) {
      case 0x02 -> r[rd] = ((v & 0x00ff_00ff) << 8) | ((v >>> 8) & 0x00ff_00ff);
      case 0x10 -> r[rd] = (byte) v;
      case 0x18 -> r[rd] = (short) v;
      default -> throw illegal(pc, insn);
    }
  }

  private static int lowMask(int bits) {
    return bits >= 32 ? -1 : (1 << bits) - 1;
  }

  private static long hiLo(GuestThread t) {
    return ((long) t.hi << 32) | Integer.toUnsignedLong(t.lo);
  }

  private static void setHiLo(GuestThread t, long v) {
    t.hi = (int) (v >>> 32);
    t.lo = (int) v;
  }

  /** Division by zero is UNPREDICTABLE in MIPS32; like qemu we divide by 1 (LO = rs, HI = 0). */
  private static void divide(GuestThread t, int a, int b) {
    int d = b == 0 ? 1 : b;
    t.lo = a / d;
    t.hi = a % d;
  }

  private static void divideUnsigned(GuestThread t, int a, int b) {
    int d = b == 0 ? 1 : b;
    t.lo = Integer.divideUnsigned(a, d);
    t.hi = Integer.remainderUnsigned(a, d);
  }

  private static int addChecked(int a, int b, int pc, int insn) {
    int s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) {
      throw new GuestFault(pc, insn, "integer overflow (ADD)");
    }
    return s;
  }

  private static int subChecked(int a, int b, int pc, int insn) {
    int s = a - b;
    if (((a ^ b) & (a ^ s)) < 0) {
      throw new GuestFault(pc, insn, "integer overflow (SUB)");
    }
    return s;
  }

  private static void trapIf(boolean condition, int pc, int insn, String name) {
    if (condition) {
      throw new GuestFault(pc, insn, "trap (" + name + ")");
    }
  }
}
