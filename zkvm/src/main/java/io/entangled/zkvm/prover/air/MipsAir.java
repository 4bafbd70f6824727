package io.entangled.zkvm.prover.air;

import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The MIPS AIR of one program (single segment): CPU, program, final-register and 16-bit range
 * tables. See zkvm/docs/MIPS-AIR.md for the layout, the buses and what is not covered yet.
 */
public final class MipsAir {
  /** Table order in the AIR and in the trace list. */
  public static final int T_CPU = 0;
  public static final int T_PROGRAM = 1;
  public static final int T_REGISTERS = 2;
  public static final int T_RANGE = 3;
  public static final int T_BYTES = 4;
  /** Buses. */
  public static final int BUS_PROGRAM = 1;
  public static final int BUS_REG = 2;
  public static final int BUS_RANGE = 3;
  public static final int BUS_BYTES = 4;
  /** Public values: exit code (u32) and number of executed instructions. */
  public static final int PV_EXIT_CODE = 0;
  public static final int PV_CYCLES = 1;
  public static final int PUBLIC_VALUES = 2;
  public static final int REGISTER_COUNT = 32;
  public static final int RANGE_BITS = 16;
  private static final long TWO32 = 1L << 32;
  private static final long LIMB = 1L << RANGE_BITS;

  private final Air air;
  private final ProgramTable program;

  /** Builds the AIR for a program; its digest covers the image id and the decoded program table. */
  public MipsAir(LoadedProgram loaded) {
    this.program = new ProgramTable(loaded);
    String name = "mips32-v0:" + HexFormat.of().formatHex(loaded.imageId());
    this.air = new Air(name, List.of(cpu(loaded.entry()), programTable(), registers(), range(),
        bytes()),
        PUBLIC_VALUES);
  }

  public Air air() {
    return air;
  }

  public ProgramTable program() {
    return program;
  }

  private static Expr m(int c) {
    return Expr.main(c);
  }

  private static Expr n(int c) {
    return Expr.mainNext(c);
  }

  private static Expr c(long v) {
    return Expr.constant(v);
  }

  private static Expr sel(Kind k) {
    return m(Cpu.sel(k));
  }

  private static Expr limbs(int lo) {
    return m(lo).plus(m(lo + 1).times(LIMB));
  }

  private static TableDef cpu(int entry) {
    return new TableDef("cpu", Cpu.WIDTH, null, cpuConstraints(entry), cpuInteractions());
  }

  private static List<Constraint> cpuConstraints(int entry) {
    List<Constraint> cs = new ArrayList<>();
    Expr real = m(Cpu.IS_REAL);
    cs.add(Constraint.everyRow(real.times(c(1).minus(real))));
    Expr selSum = c(0);
    for (Kind k : Kind.values()) {
      cs.add(Constraint.everyRow(sel(k).times(c(1).minus(sel(k)))));
      selSum = selSum.plus(sel(k));
    }
    cs.add(Constraint.everyRow(selSum.minus(real)));
    cs.add(Constraint.everyRow(m(Cpu.WR).times(c(1).minus(real))));
    flow(cs, entry);
    alu(cs);
    Expr exit = sel(Kind.EXIT);
    cs.add(Constraint.everyRow(exit.times(m(Cpu.RS_VAL).minus(InstructionDecoder.SYS_EXIT_GROUP))));
    cs.add(Constraint.everyRow(exit.times(m(Cpu.RT_VAL).minus(Expr.pub(PV_EXIT_CODE)))));
    cs.add(Constraint.everyRow(exit.times(m(Cpu.TS).minus(Expr.pub(PV_CYCLES).times(4)))));
    return cs;
  }

  /** Start at the entry, rows in order, pc/nextPc chained through delay slots, end in exit. */
  private static void flow(List<Constraint> cs, int entry) {
    Expr real = m(Cpu.IS_REAL);
    Expr realNext = n(Cpu.IS_REAL);
    cs.add(Constraint.firstRow(real.minus(1)));
    cs.add(Constraint.firstRow(m(Cpu.PC).minus(c(Integer.toUnsignedLong(entry)))));
    cs.add(Constraint.firstRow(m(Cpu.NEXT_PC).minus(c(Integer.toUnsignedLong(entry + 4)))));
    cs.add(Constraint.firstRow(m(Cpu.TS).minus(4)));
    cs.add(Constraint.lastRow(real));
    cs.add(Constraint.transition(n(Cpu.TS).minus(m(Cpu.TS)).minus(4)));
    cs.add(Constraint.transition(realNext.times(c(1).minus(real))));
    cs.add(Constraint.transition(realNext.times(n(Cpu.PC).minus(m(Cpu.NEXT_PC)))));
    cs.add(Constraint.transition(realNext.times(n(Cpu.NEXT_PC).minus(m(Cpu.NNPC)))));
    cs.add(Constraint.transition(real.times(c(1).minus(realNext)).times(c(1).minus(sel(Kind.EXIT)))));
    cs.add(Constraint.transition(sel(Kind.EXIT).times(realNext)));
    Expr seq = m(Cpu.NEXT_PC).plus(4);
    Expr branch = sel(Kind.BEQ).plus(sel(Kind.BNE)).plus(signBranches());
    Expr control = branch.plus(sel(Kind.J)).plus(sel(Kind.JAL)).plus(sel(Kind.JR))
        .plus(sel(Kind.JALR));
    // a branch or jump in a delay slot is UNPREDICTABLE in MIPS32: not provable
    cs.add(Constraint.everyRow(control.times(m(Cpu.NEXT_PC).minus(m(Cpu.PC)).minus(4))));
    Expr expected = sel(Kind.ADD).plus(sel(Kind.SUB)).plus(sel(Kind.SLTU)).plus(sel(Kind.SLT))
        .plus(sel(Kind.SLL)).plus(sel(Kind.SRL)).plus(sel(Kind.SRA)).plus(logic()).times(seq)
        .plus(branch.times(seq.plus(m(Cpu.TAKEN).times(m(Cpu.TARGET).minus(seq)))))
        .plus(sel(Kind.J).plus(sel(Kind.JAL)).times(m(Cpu.TARGET)))
        .plus(sel(Kind.JR).plus(sel(Kind.JALR)).times(m(Cpu.RS_VAL)));
    cs.add(Constraint.everyRow(m(Cpu.NNPC).minus(expected)));
  }

  /** Adder with carry, 32-bit range of the sum, equality flag, branch decision and the result. */
  private static void alu(List<Constraint> cs) {
    Expr a = m(Cpu.RS_VAL);
    Expr b = m(Cpu.B);
    Expr sum = m(Cpu.SUM);
    Expr carry = m(Cpu.CARRY);
    cs.add(Constraint.everyRow(b.minus(m(Cpu.RT_VAL))
        .minus(m(Cpu.USE_IMM).times(m(Cpu.IMM).minus(m(Cpu.RT_VAL))))));
    cs.add(Constraint.everyRow(carry.times(c(1).minus(carry))));
    cs.add(Constraint.everyRow(sum.minus(limbs(Cpu.SUM_LO))));
    cs.add(Constraint.everyRow(sel(Kind.ADD).times(a.plus(b).minus(sum).minus(carry.times(TWO32)))));
    Expr subtracting = sel(Kind.SUB).plus(sel(Kind.SLTU)).plus(sel(Kind.BEQ)).plus(sel(Kind.BNE))
        .plus(signBranches());
    cs.add(Constraint.everyRow(subtracting.times(a.minus(b).plus(carry.times(TWO32)).minus(sum))));
    Expr eq = m(Cpu.EQ);
    cs.add(Constraint.everyRow(eq.minus(1).plus(sum.times(m(Cpu.SUM_INV)))));
    cs.add(Constraint.everyRow(eq.times(sum)));
    cs.add(Constraint.everyRow(sel(Kind.BEQ).times(m(Cpu.TAKEN).minus(eq))));
    cs.add(Constraint.everyRow(sel(Kind.BNE).times(m(Cpu.TAKEN).minus(1).plus(eq))));
    // sign branches compare rs with r0 (rt = 0): sum = rs, eq = (rs == 0), sign from the SLT parts
    Expr sign = m(Cpu.SIGN_A);
    Expr taken = m(Cpu.TAKEN);
    cs.add(Constraint.everyRow(sel(Kind.BLEZ).times(taken.minus(sign).minus(eq))));
    cs.add(Constraint.everyRow(sel(Kind.BGTZ).times(taken.minus(1).plus(sign).plus(eq))));
    cs.add(Constraint.everyRow(sel(Kind.BLTZ).times(taken.minus(sign))));
    cs.add(Constraint.everyRow(sel(Kind.BGEZ).times(taken.minus(1).plus(sign))));
    signedCompare(cs);
    shifts(cs);
    Expr logic = logic();
    cs.add(Constraint.everyRow(logic.times(a.minus(word(Cpu.A_BYTES)))));
    cs.add(Constraint.everyRow(logic.times(b.minus(word(Cpu.B_BYTES)))));
    Expr res = sel(Kind.ADD).plus(sel(Kind.SUB)).plus(sel(Kind.SLL)).plus(sel(Kind.SRL)).times(sum)
        .plus(sel(Kind.SLTU).plus(sel(Kind.SLT)).times(carry))
        .plus(sel(Kind.AND).times(word(Cpu.AND_BYTES)))
        .plus(sel(Kind.OR).times(word(Cpu.OR_BYTES)))
        .plus(sel(Kind.XOR).times(word(Cpu.XOR_BYTES)))
        .plus(sel(Kind.NOR).times(c(0xffff_ffffL).minus(word(Cpu.OR_BYTES))))
        .plus(sel(Kind.SRA).times(sum.plus(m(Cpu.SIGN_B).times(m(Cpu.TARGET)))))
        .plus(sel(Kind.JAL).plus(sel(Kind.JALR)).times(m(Cpu.PC).plus(8)));
    cs.add(Constraint.everyRow(m(Cpu.RES).minus(res)));
  }

  /**
   * SLT: rsVal = lo + 2^16·mid + 2^31·sign (lo < 2^16, mid < 2^15, sign boolean), same for b;
   * flipping the sign bit (x + 2^31 − 2^32·sign) turns the signed compare into the unsigned one.
   */
  private static void signedCompare(List<Constraint> cs) {
    Expr slt = sel(Kind.SLT);
    Expr a = m(Cpu.RS_VAL);
    Expr b = m(Cpu.B);
    Expr sa = m(Cpu.SIGN_A);
    Expr sb = m(Cpu.SIGN_B);
    cs.add(Constraint.everyRow(sa.times(c(1).minus(sa))));
    cs.add(Constraint.everyRow(sb.times(c(1).minus(sb))));
    cs.add(Constraint.everyRow(slt.plus(signBranches()).times(a.minus(m(Cpu.A_LO))
        .minus(m(Cpu.A_MID).times(LIMB)).minus(sa.times(1L << 31)))));
    cs.add(Constraint.everyRow(slt.plus(sel(Kind.SRA)).times(b.minus(m(Cpu.B_LO))
        .minus(m(Cpu.B_MID).times(LIMB)).minus(sb.times(1L << 31)))));
    cs.add(Constraint.everyRow(slt.times(a.minus(b).minus(sa.times(TWO32)).plus(sb.times(TWO32))
        .plus(m(Cpu.CARRY).times(TWO32)).minus(m(Cpu.SUM)))));
  }

  /**
   * Shifts by a constant, pow = 2^sa from the program table: SLL rt·pow = sum + 2^32·x, SRL
   * rt = sum·pow + x, with x < pow shown by y = shift·(x + 2^32 − pow) having two 16-bit limbs
   * (y is 0 on other rows, whose imm is no power).
   */
  private static void shifts(List<Constraint> cs) {
    Expr shift = sel(Kind.SLL).plus(sel(Kind.SRL)).plus(sel(Kind.SRA));
    Expr x = limbs(Cpu.SH_X_LO);
    Expr pow = m(Cpu.IMM);
    Expr rt = m(Cpu.RT_VAL);
    Expr sum = m(Cpu.SUM);
    cs.add(Constraint.everyRow(limbs(Cpu.SH_Y_LO).minus(shift.times(x.plus(TWO32).minus(pow)))));
    cs.add(Constraint.everyRow(sel(Kind.SLL).times(rt.times(pow).minus(sum).minus(x.times(TWO32)))));
    cs.add(Constraint.everyRow(sel(Kind.SRL).plus(sel(Kind.SRA))
        .times(rt.minus(sum.times(pow)).minus(x))));
  }

  private static Expr signBranches() {
    return sel(Kind.BLEZ).plus(sel(Kind.BGTZ)).plus(sel(Kind.BLTZ)).plus(sel(Kind.BGEZ));
  }

  private static Expr logic() {
    return sel(Kind.AND).plus(sel(Kind.OR)).plus(sel(Kind.XOR)).plus(sel(Kind.NOR));
  }

  /** Σ byte_i·256^i over four consecutive columns. */
  private static Expr word(int first) {
    Expr w = m(first);
    for (int i = 1; i < 4; i++) {
      w = w.plus(m(first + i).times(1L << (8 * i)));
    }
    return w;
  }

  private static List<Interaction> cpuInteractions() {
    List<Interaction> its = new ArrayList<>();
    Expr real = m(Cpu.IS_REAL);
    List<Expr> tuple = new ArrayList<>();
    tuple.add(m(Cpu.PC));
    for (int k = 0; k < Kind.COUNT; k++) {
      tuple.add(m(Cpu.SEL + k));
    }
    for (int col = Cpu.RS; col <= Cpu.TARGET; col++) {
      tuple.add(m(col));
    }
    its.add(new Interaction(BUS_PROGRAM, tuple, real, true));
    Expr ts = m(Cpu.TS);
    access(its, real, m(Cpu.RS), m(Cpu.RS_VAL), m(Cpu.RS_VAL), ts, Cpu.D_RS_LO);
    access(its, real, m(Cpu.RT), m(Cpu.RT_VAL), m(Cpu.RT_VAL), ts.plus(1), Cpu.D_RT_LO);
    access(its, m(Cpu.WR), m(Cpu.RD), m(Cpu.OLD), m(Cpu.RES), ts.plus(2), Cpu.D_RD_LO);
    for (int col : new int[] {Cpu.SUM_LO, Cpu.SUM_HI, Cpu.D_RS_LO, Cpu.D_RS_HI, Cpu.D_RT_LO,
        Cpu.D_RT_HI, Cpu.D_RD_LO, Cpu.D_RD_HI, Cpu.SH_X_LO, Cpu.SH_X_HI, Cpu.SH_Y_LO,
        Cpu.SH_Y_HI}) {
      its.add(Interaction.send(BUS_RANGE, c(1), m(col)));
    }
    // mid < 2^15: both mid and mid + 2^15 in [0, 2^16). (2·mid alone would admit (v + p)/2 for odd
    // v, which decomposes a negative word with sign 0.)
    for (int col : new int[] {Cpu.A_LO, Cpu.A_MID, Cpu.B_LO, Cpu.B_MID}) {
      its.add(Interaction.send(BUS_RANGE, c(1), m(col)));
    }
    its.add(Interaction.send(BUS_RANGE, c(1), m(Cpu.A_MID).plus(1L << 15)));
    its.add(Interaction.send(BUS_RANGE, c(1), m(Cpu.B_MID).plus(1L << 15)));
    for (int i = 0; i < 4; i++) {
      its.add(Interaction.send(BUS_BYTES, logic(), m(Cpu.A_BYTES + i), m(Cpu.B_BYTES + i),
          m(Cpu.AND_BYTES + i), m(Cpu.OR_BYTES + i), m(Cpu.XOR_BYTES + i)));
    }
    return its;
  }

  /**
   * One register access at time ts: consumes (reg, before, ts − 1 − d) and produces (reg, after,
   * ts), where d (two range-checked limbs) makes the consumed timestamp earlier.
   */
  private static void access(List<Interaction> its, Expr mult, Expr reg, Expr before, Expr after,
      Expr ts, int gapLo) {
    its.add(Interaction.receive(BUS_REG, mult, reg, before, ts.minus(1).minus(limbs(gapLo))));
    its.add(Interaction.send(BUS_REG, mult, reg, after, ts));
  }

  private TableDef programTable() {
    List<Expr> tuple = new ArrayList<>();
    for (int col = 0; col < ProgramTable.WIDTH; col++) {
      tuple.add(Expr.pre(col));
    }
    return new TableDef("program", 1, program.columns(), List.of(),
        List.of(new Interaction(BUS_PROGRAM, tuple, m(0), false)));
  }

  /** Final register values: each register consumed once with its last value and timestamp. */
  private static TableDef registers() {
    long[][] pre = new long[1][REGISTER_COUNT];
    for (int r = 0; r < REGISTER_COUNT; r++) {
      pre[0][r] = r;
    }
    return new TableDef("registers", 2, pre, List.of(),
        List.of(Interaction.receive(BUS_REG, c(1), Expr.pre(0), m(0), m(1))));
  }

  /** All byte pairs (a, b) with a AND b, a OR b, a XOR b; a lookup also range-checks a and b. */
  private static TableDef bytes() {
    long[][] pre = new long[5][1 << 16];
    for (int v = 0; v < 1 << 16; v++) {
      int x = v >>> 8;
      int y = v & 0xff;
      pre[0][v] = x;
      pre[1][v] = y;
      pre[2][v] = x & y;
      pre[3][v] = x | y;
      pre[4][v] = x ^ y;
    }
    return new TableDef("bytes", 1, pre, List.of(), List.of(Interaction.receive(BUS_BYTES, m(0),
        Expr.pre(0), Expr.pre(1), Expr.pre(2), Expr.pre(3), Expr.pre(4))));
  }

  private static TableDef range() {
    long[][] pre = new long[1][1 << RANGE_BITS];
    for (int v = 0; v < pre[0].length; v++) {
      pre[0][v] = v;
    }
    return new TableDef("range16", 1, pre, List.of(),
        List.of(Interaction.receive(BUS_RANGE, m(0), Expr.pre(0))));
  }
}
