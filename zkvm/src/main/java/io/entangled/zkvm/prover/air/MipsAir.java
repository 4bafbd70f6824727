package io.entangled.zkvm.prover.air;

import static io.entangled.zkvm.prover.chips.ChipExprs.bool;
import static io.entangled.zkvm.prover.chips.ChipExprs.c;
import static io.entangled.zkvm.prover.chips.ChipExprs.limbs;
import static io.entangled.zkvm.prover.chips.ChipExprs.m;
import static io.entangled.zkvm.prover.chips.ChipExprs.n;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.chips.Chip;
import io.entangled.zkvm.prover.chips.ChipExprs;
import io.entangled.zkvm.prover.chips.Lookups;
import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The MIPS AIR of one program, in two parts proved as pieces that share one LogUp argument: the
 * <em>segment</em> AIR (one proof per segment of the run: CPU, program, chip, syscall and
 * syscall-byte tables, lookups) and the <em>final</em> AIR (one proof per run: the final register
 * cells and the final memory, which consume the last value of every cell and word). See
 * zkvm/docs/MIPS-AIR.md.
 */
public final class MipsAir {
  public static final int BUS_PROGRAM = Lookups.BUS_PROGRAM;
  public static final int BUS_REG = Lookups.BUS_REG;
  public static final int BUS_RANGE = Lookups.BUS_RANGE;
  public static final int BUS_BYTES = Lookups.BUS_BYTES;
  public static final int BUS_MEM = Lookups.BUS_MEM;
  public static final int BUS_PUBLIC = Lookups.BUS_PUBLIC;
  /**
   * CPU → syscall table or verifier: (ts, thread, resume pc, number, a0, v0 result, a3 result).
   * The syscall table receives the calls it covers, the verifier (from the kernel transcript) the
   * others.
   */
  public static final int BUS_SYSCALL = 9;
  /** Syscall table → syscall-byte table: (ts, buf, count, isInput, isPublic, public index). */
  public static final int BUS_SYSGROUP = 10;
  /** exit_group → verifier: (ts, exit code). */
  public static final int BUS_EXIT = 11;
  /**
   * Verifier → the CPU row after a SYSCALL: (ts, thread, pc, next pc) of the step the kernel
   * resumes, from the kernel transcript.
   */
  public static final int BUS_ENTRY = 12;
  /** Syscall table → verifier: (ts, thread, resume pc, number, a0) of the calls it covers. */
  public static final int BUS_TRANSCRIPT = 13;
  /**
   * Kernel table → verifier: (ts, isMemory, address, before, after) of every register cell and
   * memory word a kernel call reads or writes, from the kernel transcript.
   */
  public static final int BUS_KERNEL = 14;
  /**
   * Final memory → verifier: (address) of a word, once per cleared region that covers it (its
   * ZC count); the verifier receives it once per region whose call's transcript lists the word.
   */
  public static final int BUS_CLEARED = 15;
  /**
   * Verifier → final memory: (address, Δ) for every region boundary, Δ the number of cleared
   * regions starting there minus those ending there; the row with that address receives it.
   */
  public static final int BUS_BOUNDARY = 16;
  /** Segment public values. */
  public static final int PV_START_CYCLE = 0;
  public static final int PV_START_PC = 1;
  public static final int PV_START_NPC = 2;
  public static final int PV_START_THREAD = 3;
  /** 1 when the segment's first step follows a SYSCALL (it receives its entry from the kernel). */
  public static final int PV_START_ENTRY = 4;
  public static final int PV_END_CYCLE = 5;
  public static final int PV_END_PC = 6;
  public static final int PV_END_NPC = 7;
  public static final int PV_END_THREAD = 8;
  /** 1 when the last step is a SYSCALL (then the next segment's first step says where it goes). */
  public static final int PV_END_ENTRY = 9;
  public static final int SEGMENT_PUBLIC_VALUES = 10;
  /**
   * Register cells per thread: 0..31, HI 32, LO 33; thread s owns cells 64·s .. 64·s + 63. Cell
   * 40 (in thread 0's block) is the public-output offset.
   */
  public static final int CELLS = 64;
  public static final int CELL_PUBLIC_OFFSET = 40;
  public static final int RANGE_BITS = Lookups.RANGE_BITS;
  static final long TWO32 = 1L << 32;
  static final long LIMB = ChipExprs.LIMB;

  private final Air segment;
  private final Air finale;
  private final ProgramTable program;
  private final ChipSet chips;
  private final int tSyscall;

  private static final java.util.Map<String, MipsAir> RECENT =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, MipsAir> eldest) {
          return size() > 4;
        }
      });

  /**
   * The AIRs of a program with the standard chips, shared with recent callers for the same image
   * (a verifier checking many proofs of one program decodes and digests it once).
   */
  public static MipsAir of(LoadedProgram loaded) {
    String key = HexFormat.of().formatHex(loaded.imageId());
    return RECENT.computeIfAbsent(key, k -> new MipsAir(loaded));
  }

  /** Builds the AIRs for a program with the standard chips. */
  public MipsAir(LoadedProgram loaded) {
    this(loaded, ChipSet.standard());
  }

  public MipsAir(LoadedProgram loaded, ChipSet chips) {
    this.chips = chips;
    this.program = new ProgramTable(loaded, chips::covers);
    String id = HexFormat.of().formatHex(loaded.imageId());
    List<TableDef> tables = new ArrayList<>();
    tables.add(CpuConstraints.table());
    tables.add(programTable());
    for (Chip c : chips.chips()) {
      tables.add(c.table());
    }
    tSyscall = tables.size();
    tables.add(SyscallTables.syscalls());
    tables.add(SyscallTables.sysBytes());
    tables.add(SyscallTables.kernel());
    tables.add(Lookups.range16());
    tables.add(Lookups.bytes());
    this.segment = new Air("mips32-segment-v3:" + id, tables, SEGMENT_PUBLIC_VALUES);
    this.finale = new Air("mips32-final-v4:" + id, List.of(registers(), memoryFinal(),
        Lookups.range16()), 0);
  }

  public Air segment() {
    return segment;
  }

  public Air finale() {
    return finale;
  }

  public ProgramTable program() {
    return program;
  }

  public ChipSet chips() {
    return chips;
  }

  /** Table index of the first chip in the segment AIR. */
  public int chipTable(int chip) {
    return 2 + chip;
  }

  public int syscallTable() {
    return tSyscall;
  }

  public int sysBytesTable() {
    return tSyscall + 1;
  }

  public int kernelTable() {
    return tSyscall + 2;
  }

  public int rangeTable() {
    return tSyscall + 3;
  }

  public int bytesTable() {
    return tSyscall + 4;
  }

  /** The cell of register (or HI/LO) {@code reg} of thread {@code thread}. */
  static Expr cell(Expr reg, Expr thread) {
    return reg.plus(thread.times(CELLS));
  }

  /**
   * One access at time ts on a memory-like bus: consumes (addr, before, ts − 1 − d) and produces
   * (addr, after, ts), where d (two range-checked limbs at gapLo) makes the consumed time earlier.
   */
  static void access(List<Interaction> its, int bus, Expr mult, Expr addr, Expr before, Expr after,
      Expr ts, int gapLo) {
    its.add(Interaction.receive(bus, mult, addr, before, ts.minus(1).minus(limbs(gapLo))));
    its.add(Interaction.send(bus, mult, addr, after, ts));
  }

  private TableDef programTable() {
    List<Expr> tuple = new ArrayList<>();
    tuple.add(Expr.pre(ProgramTable.PC));
    Expr packed = c(0);
    for (int k = 0; k < Kind.COUNT; k++) {
      packed = packed.plus(Expr.pre(ProgramTable.SEL + k).times(1L << k));
    }
    tuple.add(packed);
    for (int col = ProgramTable.OP; col < ProgramTable.WIDTH; col++) {
      tuple.add(Expr.pre(col));
    }
    return new TableDef("program", 1, program.columns(), List.of(),
        List.of(new Interaction(BUS_PROGRAM, tuple, m(0), false)));
  }

  /** Final-register columns. */
  public static final class RegFinal {
    public static final int CELL = 0;
    public static final int VALUE = 1;
    public static final int TS = 2;
    public static final int WIDTH = 3;

    private RegFinal() {}
  }

  /**
   * Final register cells 0, 1, .., height − 1 (64 per thread): each consumed once with its last
   * value and timestamp. The verifier produces every cell's initial value.
   */
  private static TableDef registers() {
    List<Constraint> cs = List.of(
        Constraint.firstRow(m(RegFinal.CELL)),
        Constraint.transition(n(RegFinal.CELL).minus(m(RegFinal.CELL)).minus(1)));
    return new TableDef("registers", RegFinal.WIDTH, null, cs, List.of(Interaction.receive(BUS_REG,
        c(1), m(RegFinal.CELL), m(RegFinal.VALUE), m(RegFinal.TS))));
  }

  /** Final-memory columns. */
  public static final class MemFinal {
    public static final int REAL = 0;
    public static final int ADDR = 1;
    public static final int VALUE = 2;
    public static final int TS = 3;
    /** 1 when the word is a nonzero word of the initial image (the verifier produces its Init). */
    public static final int IMAGE = 4;
    /**
     * addr' − addr − 1 as two 16-bit limbs (strictly increasing addresses); on the last real row,
     * {@link #CEILING} − addr (no address above the user space).
     */
    public static final int GAP_LO = 5;
    /** How many cleared regions cover the address: the running sum of DELTA from the first row. */
    public static final int ZC = 7;
    /** Regions starting at the address minus regions ending there (nonzero only when HB = 1). */
    public static final int DELTA = 8;
    /** 1 when the address is a region boundary (it receives its Δ from the verifier). */
    public static final int HB = 9;
    /** On the first row, addr − {@link #FLOOR} as two 16-bit limbs (no address below 64 KiB). */
    public static final int FLOOR_LO = 10;
    public static final int WIDTH = 12;
    /** The lowest word a run may touch: {@link LoadedProgram#USER_FLOOR}. */
    public static final long FLOOR = LoadedProgram.USER_FLOOR;
    /** The highest word a run may touch: the last word below {@link LoadedProgram#USER_LIMIT}. */
    public static final long CEILING = LoadedProgram.USER_LIMIT - 4;

    private MemFinal() {}
  }

  /**
   * Every memory word the run touched or that is nonzero at the start, in strictly increasing
   * address order (so each word has exactly one row): consumes its final (value, ts) and, unless
   * the verifier produced its initial value from the image, produces its zero initial value.
   *
   * <p>Cleared memory: the verifier sends every boundary of the regions kernel calls cleared with
   * its Δ; the row at that address (the prover adds an untouched word if none is there) receives
   * it, every other row has Δ = 0, and ZC sums Δ from the first row, so ZC is the number of regions
   * that cover the row's address. The row sends its address ZC times; the verifier receives it once
   * for each region whose call lists it. So every word the run ever holds in a cleared region is
   * listed by that region's call, whose kernel-table access zeroes it at that time.
   *
   * <p>User space: the first row's address is at least {@link MemFinal#FLOOR} and the last real
   * row's at most {@link MemFinal#CEILING} (the table ends in a padding row), so no access below
   * 64 KiB — where a nil-pointer dereference lands and Linux faults — or in kernel space proves.
   */
  private static TableDef memoryFinal() {
    List<Constraint> cs = new ArrayList<>();
    Expr real = m(MemFinal.REAL);
    cs.add(Constraint.everyRow(bool(real)));
    cs.add(Constraint.everyRow(bool(m(MemFinal.IMAGE))));
    cs.add(Constraint.everyRow(m(MemFinal.IMAGE).times(c(1).minus(real))));
    cs.add(Constraint.transition(n(MemFinal.REAL).times(c(1).minus(real))));
    cs.add(Constraint.transition(n(MemFinal.REAL).times(n(MemFinal.ADDR).minus(m(MemFinal.ADDR))
        .minus(1).minus(limbs(MemFinal.GAP_LO)))));
    cs.add(Constraint.firstRow(m(MemFinal.ADDR).minus(MemFinal.FLOOR)
        .minus(limbs(MemFinal.FLOOR_LO))));
    cs.add(Constraint.transition(real.times(c(1).minus(n(MemFinal.REAL)))
        .times(c(MemFinal.CEILING).minus(m(MemFinal.ADDR)).minus(limbs(MemFinal.GAP_LO)))));
    cs.add(Constraint.lastRow(real));
    Expr hb = m(MemFinal.HB);
    cs.add(Constraint.everyRow(bool(hb)));
    cs.add(Constraint.everyRow(hb.times(c(1).minus(real))));
    cs.add(Constraint.everyRow(c(1).minus(hb).times(m(MemFinal.DELTA))));
    cs.add(Constraint.everyRow(c(1).minus(real).times(m(MemFinal.ZC))));
    cs.add(Constraint.firstRow(m(MemFinal.ZC).minus(m(MemFinal.DELTA))));
    cs.add(Constraint.transition(n(MemFinal.REAL).times(n(MemFinal.ZC).minus(m(MemFinal.ZC))
        .minus(n(MemFinal.DELTA)))));
    List<Interaction> its = new ArrayList<>();
    its.add(Interaction.send(BUS_CLEARED, m(MemFinal.ZC), m(MemFinal.ADDR)));
    its.add(Interaction.receive(BUS_BOUNDARY, hb, m(MemFinal.ADDR), m(MemFinal.DELTA)));
    its.add(Interaction.receive(BUS_MEM, real, m(MemFinal.ADDR), m(MemFinal.VALUE), m(MemFinal.TS)));
    its.add(Interaction.send(BUS_MEM, real.minus(m(MemFinal.IMAGE)), m(MemFinal.ADDR), c(0), c(0)));
    its.add(Lookups.range(c(1), m(MemFinal.GAP_LO)));
    its.add(Lookups.range(c(1), m(MemFinal.GAP_LO + 1)));
    its.add(Lookups.range(c(1), m(MemFinal.FLOOR_LO)));
    its.add(Lookups.range(c(1), m(MemFinal.FLOOR_LO + 1)));
    return new TableDef("memory", MemFinal.WIDTH, null, cs, its);
  }
}
