package io.entangled.zkvm.prover.air;

import static io.entangled.zkvm.prover.air.MipsAir.LIMB;
import static io.entangled.zkvm.prover.air.MipsAir.TWO32;
import static io.entangled.zkvm.prover.chips.ChipExprs.bool;
import static io.entangled.zkvm.prover.chips.ChipExprs.c;
import static io.entangled.zkvm.prover.chips.ChipExprs.limbs;
import static io.entangled.zkvm.prover.chips.ChipExprs.m;
import static io.entangled.zkvm.prover.chips.ChipExprs.n;

import io.entangled.zkvm.prover.chips.Lookups;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import java.util.ArrayList;
import java.util.List;

/** The CPU table's constraints and bus interactions (columns in {@link Cpu}). */
final class CpuConstraints {
  private CpuConstraints() {}

  static TableDef table() {
    List<Constraint> cs = new ArrayList<>();
    Expr real = m(Cpu.IS_REAL);
    cs.add(Constraint.everyRow(bool(real)));
    Expr selSum = c(0);
    for (Kind k : Kind.values()) {
      cs.add(Constraint.everyRow(bool(sel(k))));
      selSum = selSum.plus(sel(k));
    }
    cs.add(Constraint.everyRow(selSum.minus(real)));
    flow(cs);
    alu(cs);
    memory(cs);
    return new TableDef("cpu", Cpu.WIDTH, null, cs, interactions());
  }

  static Expr sel(Kind k) {
    return m(Cpu.sel(k));
  }

  private static Expr sum(Kind... ks) {
    Expr e = c(0);
    for (Kind k : ks) {
      e = e.plus(sel(k));
    }
    return e;
  }

  private static Expr signBranches() {
    return sum(Kind.BLEZ, Kind.BGTZ, Kind.BLTZAL, Kind.BGEZAL);
  }

  private static Expr trapping() {
    return sum(Kind.ADDT, Kind.SUBT);
  }

  private static Expr memOps() {
    return sum(Kind.LOAD, Kind.STORE, Kind.SC);
  }

  /**
   * Segment start from the public values, rows in order with ts += 8, pc/nextPc and the thread
   * chained through delay slots except into the row after a SYSCALL (which the kernel places), and
   * the segment's end state published.
   */
  private static void flow(List<Constraint> cs) {
    Expr real = m(Cpu.IS_REAL);
    Expr realNext = n(Cpu.IS_REAL);
    Expr entry = m(Cpu.ENTRY);
    cs.add(Constraint.firstRow(real.minus(1)));
    cs.add(Constraint.firstRow(m(Cpu.PC).minus(Expr.pub(MipsAir.PV_START_PC))));
    cs.add(Constraint.firstRow(m(Cpu.NEXT_PC).minus(Expr.pub(MipsAir.PV_START_NPC))));
    cs.add(Constraint.firstRow(m(Cpu.TS).minus(Expr.pub(MipsAir.PV_START_CYCLE).times(8)).minus(8)));
    cs.add(Constraint.firstRow(m(Cpu.THREAD).minus(Expr.pub(MipsAir.PV_START_THREAD))));
    cs.add(Constraint.firstRow(entry.minus(Expr.pub(MipsAir.PV_START_ENTRY))));
    cs.add(Constraint.everyRow(bool(entry)));
    cs.add(Constraint.everyRow(entry.times(c(1).minus(real))));
    cs.add(Constraint.transition(n(Cpu.TS).minus(m(Cpu.TS)).minus(8)));
    cs.add(Constraint.transition(realNext.times(c(1).minus(real))));
    // the row after a SYSCALL is an entry; any other row continues its predecessor's thread
    cs.add(Constraint.transition(realNext.times(n(Cpu.ENTRY).minus(sel(Kind.SYSCALL)))));
    Expr follows = realNext.times(c(1).minus(n(Cpu.ENTRY)));
    cs.add(Constraint.transition(follows.times(n(Cpu.PC).minus(m(Cpu.NEXT_PC)))));
    cs.add(Constraint.transition(follows.times(n(Cpu.NEXT_PC).minus(m(Cpu.NNPC)))));
    cs.add(Constraint.transition(follows.times(n(Cpu.THREAD).minus(m(Cpu.THREAD)))));
    Expr lastReal = real.times(c(1).minus(realNext));
    // a segment ending in a SYSCALL leaves its end state to the next segment's entry row
    Expr endEntry = Expr.pub(MipsAir.PV_END_ENTRY);
    Expr plainEnd = lastReal.times(c(1).minus(endEntry));
    cs.add(Constraint.transition(lastReal.times(sel(Kind.SYSCALL).minus(endEntry))));
    cs.add(Constraint.transition(plainEnd.times(m(Cpu.NEXT_PC).minus(Expr.pub(MipsAir.PV_END_PC)))));
    cs.add(Constraint.transition(plainEnd.times(m(Cpu.NNPC).minus(Expr.pub(MipsAir.PV_END_NPC)))));
    cs.add(Constraint.transition(plainEnd.times(m(Cpu.THREAD)
        .minus(Expr.pub(MipsAir.PV_END_THREAD)))));
    cs.add(Constraint.transition(lastReal.times(m(Cpu.TS)
        .minus(Expr.pub(MipsAir.PV_END_CYCLE).times(8)))));
    // a segment that fills its table has no padding row: its last row is the last real one
    Expr fullEnd = real.times(c(1).minus(endEntry));
    cs.add(Constraint.lastRow(real.times(sel(Kind.SYSCALL).minus(endEntry))));
    cs.add(Constraint.lastRow(fullEnd.times(m(Cpu.NEXT_PC).minus(Expr.pub(MipsAir.PV_END_PC)))));
    cs.add(Constraint.lastRow(fullEnd.times(m(Cpu.NNPC).minus(Expr.pub(MipsAir.PV_END_NPC)))));
    cs.add(Constraint.lastRow(fullEnd.times(m(Cpu.THREAD).minus(Expr.pub(MipsAir.PV_END_THREAD)))));
    cs.add(Constraint.lastRow(real.times(m(Cpu.TS).minus(Expr.pub(MipsAir.PV_END_CYCLE).times(8)))));
    Expr seq = m(Cpu.NEXT_PC).plus(4);
    Expr branch = sel(Kind.BEQ).plus(sel(Kind.BNE)).plus(signBranches());
    Expr jumps = sum(Kind.JAL, Kind.JALR);
    // a branch or jump in a delay slot is UNPREDICTABLE in MIPS32: not provable
    cs.add(Constraint.everyRow(branch.plus(jumps).times(m(Cpu.NEXT_PC).minus(m(Cpu.PC)).minus(4))));
    Expr sequential = real.minus(branch).minus(jumps);
    Expr expected = sequential.times(seq)
        .plus(branch.times(seq.plus(m(Cpu.TAKEN).times(m(Cpu.TARGET).minus(seq)))))
        .plus(sel(Kind.JAL).times(m(Cpu.TARGET)))
        .plus(sel(Kind.JALR).times(m(Cpu.RS_VAL)));
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
    cs.add(Constraint.everyRow(bool(carry)));
    cs.add(Constraint.everyRow(sum.minus(limbs(Cpu.SUM_LO))));
    Expr adding = sel(Kind.ADD).plus(memOps()).plus(sel(Kind.ADDT));
    cs.add(Constraint.everyRow(adding.times(a.plus(b).minus(sum).minus(carry.times(TWO32)))));
    Expr subtracting = sum(Kind.SUB, Kind.SLTU, Kind.BEQ, Kind.BNE, Kind.MOVZ, Kind.MOVN,
        Kind.SUBT, Kind.TEQ, Kind.TNE).plus(signBranches());
    cs.add(Constraint.everyRow(subtracting.times(a.minus(b).plus(carry.times(TWO32)).minus(sum))));
    Expr eq = m(Cpu.EQ);
    cs.add(Constraint.everyRow(eq.minus(1).plus(sum.times(m(Cpu.SUM_INV)))));
    cs.add(Constraint.everyRow(eq.times(sum)));
    Expr taken = m(Cpu.TAKEN);
    cs.add(Constraint.everyRow(sel(Kind.BEQ).times(taken.minus(eq))));
    cs.add(Constraint.everyRow(sel(Kind.BNE).times(taken.minus(1).plus(eq))));
    // sign branches compare rs with r0 (rt = 0): sum = rs, eq = (rs == 0), sign from the SLT parts
    Expr sign = m(Cpu.SIGN_A);
    cs.add(Constraint.everyRow(sel(Kind.BLEZ).times(taken.minus(sign).minus(eq))));
    cs.add(Constraint.everyRow(sel(Kind.BGTZ).times(taken.minus(1).plus(sign).plus(eq))));
    cs.add(Constraint.everyRow(sel(Kind.BLTZAL).times(taken.minus(sign))));
    cs.add(Constraint.everyRow(sel(Kind.BGEZAL).times(taken.minus(1).plus(sign))));
    // traps: provable only when they do not trap
    cs.add(Constraint.everyRow(sel(Kind.TEQ).times(eq)));
    cs.add(Constraint.everyRow(sel(Kind.TNE).times(c(1).minus(eq))));
    // compare traps (InstructionDecoder#TRAP_UNLESS_LESS, #TRAP_IF_LESS): target t = 1 needs
    // lt = 1, t = 2 needs lt = 0, t = 0 (SLT, SLTU) leaves lt free: t·(t + lt − 2) = 0
    Expr t = m(Cpu.TARGET);
    cs.add(Constraint.everyRow(sum(Kind.SLTU, Kind.SLT).times(t).times(t.plus(carry).minus(2))));
    overflow(cs);
    signedCompare(cs);
    shifts(cs);
    Expr old = m(Cpu.OLD);
    Expr moved = m(Cpu.RT_VAL);
    Expr x = m(Cpu.X);
    Expr res = sum(Kind.ADD, Kind.SUB, Kind.SLL, Kind.SRL, Kind.ADDT, Kind.SUBT).times(sum)
        .plus(sum(Kind.SLTU, Kind.SLT).times(carry))
        .plus(sel(Kind.SRA).times(sum.plus(m(Cpu.SIGN_B).times(m(Cpu.TARGET)))))
        .plus(sum(Kind.JAL, Kind.JALR, Kind.BLTZAL, Kind.BGEZAL).times(m(Cpu.PC).plus(8)))
        .plus(sel(Kind.MOVZ).times(old.plus(eq.times(moved.minus(old)))))
        .plus(sel(Kind.MOVN).times(moved.plus(eq.times(old.minus(moved)))))
        .plus(sum(Kind.CHIP, Kind.MACC, Kind.LOAD, Kind.SYSCALL).times(x))
        .plus(sel(Kind.SC).times(m(Cpu.RES)));
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
    cs.add(Constraint.everyRow(bool(sa)));
    cs.add(Constraint.everyRow(bool(sb)));
    cs.add(Constraint.everyRow(slt.plus(signBranches()).plus(trapping()).times(a.minus(m(Cpu.A_LO))
        .minus(m(Cpu.A_MID).times(LIMB)).minus(sa.times(1L << 31)))));
    cs.add(Constraint.everyRow(slt.plus(sel(Kind.SRA)).plus(trapping()).times(b.minus(m(Cpu.B_LO))
        .minus(m(Cpu.B_MID).times(LIMB)).minus(sb.times(1L << 31)))));
    cs.add(Constraint.everyRow(slt.times(a.minus(b).minus(sa.times(TWO32)).plus(sb.times(TWO32))
        .plus(m(Cpu.CARRY).times(TWO32)).minus(m(Cpu.SUM)))));
  }

  /**
   * ADD/ADDI/SUB trap on signed overflow, so only runs without it are provable. With the signs sa,
   * sb of the operands and ss of the sum, F = sa + sb − 2ss (ADD) or sa + 1 − sb − 2ss (SUB) is ±2
   * exactly on overflow and in {−1, 0, 1} otherwise; T = F² must be boolean.
   */
  private static void overflow(List<Constraint> cs) {
    Expr sa = m(Cpu.SIGN_A);
    Expr sb = m(Cpu.SIGN_B);
    Expr ss = m(Cpu.SIGN_S);
    cs.add(Constraint.everyRow(bool(ss)));
    cs.add(Constraint.everyRow(m(Cpu.SUM_HI).minus(m(Cpu.S_MID)).minus(ss.times(1L << 15))));
    Expr f = sel(Kind.ADDT).times(sa.plus(sb).minus(ss.times(2)))
        .plus(sel(Kind.SUBT).times(sa.plus(1).minus(sb).minus(ss.times(2))));
    cs.add(Constraint.everyRow(m(Cpu.OV_F).minus(f)));
    cs.add(Constraint.everyRow(m(Cpu.OV_T).minus(m(Cpu.OV_F).times(m(Cpu.OV_F)))));
    cs.add(Constraint.everyRow(bool(m(Cpu.OV_T))));
  }

  /**
   * Shifts by a constant, pow = 2^sa from the program table: SLL rt·pow = sum + 2^32·x, SRL
   * rt = sum·pow + x, with x < pow shown by y = shift·(x + 2^32 − pow) having two 16-bit limbs.
   */
  private static void shifts(List<Constraint> cs) {
    Expr shift = sum(Kind.SLL, Kind.SRL, Kind.SRA);
    Expr x = limbs(Cpu.SH_X_LO);
    Expr pow = m(Cpu.IMM);
    Expr rt = m(Cpu.RT_VAL);
    Expr sum = m(Cpu.SUM);
    cs.add(Constraint.everyRow(limbs(Cpu.SH_Y_LO).minus(shift.times(x.plus(TWO32).minus(pow)))));
    cs.add(Constraint.everyRow(sel(Kind.SLL).times(rt.times(pow).minus(sum).minus(x.times(TWO32)))));
    cs.add(Constraint.everyRow(sum(Kind.SRL, Kind.SRA).times(rt.minus(sum.times(pow)).minus(x))));
  }

  /**
   * Loads and stores: the adder gives the address rs + imm; its low limb is 4·WQ + off (off from
   * two bits, WQ range-checked), the word address is sum − off; the word after the step is the
   * memory-op chip's x for stores, the word before for loads.
   */
  private static void memory(List<Constraint> cs) {
    Expr mem = memOps();
    cs.add(Constraint.everyRow(bool(m(Cpu.OFF0))));
    cs.add(Constraint.everyRow(bool(m(Cpu.OFF1))));
    cs.add(Constraint.everyRow(mem.times(m(Cpu.SUM_LO).minus(m(Cpu.WQ).times(4)).minus(off()))));
    Expr before = m(Cpu.MEM_BEFORE);
    // a store writes x; an SC writes x when it succeeds (RES = 1) and leaves the word when it fails
    Expr stored = sel(Kind.STORE).plus(sel(Kind.SC).times(m(Cpu.RES)));
    cs.add(Constraint.everyRow(m(Cpu.MEM_AFTER).minus(before)
        .minus(stored.times(m(Cpu.X).minus(before)))));
    cs.add(Constraint.everyRow(sel(Kind.SC).times(bool(m(Cpu.RES)))));
  }

  private static Expr off() {
    return m(Cpu.OFF0).plus(m(Cpu.OFF1).times(2));
  }

  private static List<Interaction> interactions() {
    List<Interaction> its = new ArrayList<>();
    Expr real = m(Cpu.IS_REAL);
    List<Expr> tuple = new ArrayList<>();
    tuple.add(m(Cpu.PC));
    // the selectors are boolean (constrained above), so Σ sel_k·2^k names the family injectively
    Expr packed = c(0);
    for (int k = 0; k < Kind.COUNT; k++) {
      packed = packed.plus(m(Cpu.SEL + k).times(1L << k));
    }
    tuple.add(packed);
    for (int col = Cpu.OP; col <= Cpu.TARGET; col++) {
      tuple.add(m(col));
    }
    its.add(new Interaction(MipsAir.BUS_PROGRAM, tuple, real, true));
    Expr ts = m(Cpu.TS);
    int reg = MipsAir.BUS_REG;
    Expr thread = m(Cpu.THREAD);
    MipsAir.access(its, reg, real, MipsAir.cell(m(Cpu.RS), thread), m(Cpu.RS_VAL), m(Cpu.RS_VAL),
        ts, Cpu.D_RS_LO);
    MipsAir.access(its, reg, real, MipsAir.cell(m(Cpu.RT), thread), m(Cpu.RT_VAL), m(Cpu.RT_VAL),
        ts.plus(1), Cpu.D_RT_LO);
    MipsAir.access(its, MipsAir.BUS_MEM, memOps(), m(Cpu.SUM).minus(off()), m(Cpu.MEM_BEFORE),
        m(Cpu.MEM_AFTER), ts.plus(2), Cpu.D_MEM_LO);
    MipsAir.access(its, reg, m(Cpu.WR), MipsAir.cell(m(Cpu.RD), thread), m(Cpu.OLD), m(Cpu.RES),
        ts.plus(3), Cpu.D_RD_LO);
    MipsAir.access(its, reg, m(Cpu.WR2), MipsAir.cell(m(Cpu.RD2), thread), m(Cpu.OLD2), m(Cpu.Y),
        ts.plus(4), Cpu.D_RD2_LO);
    Expr macc = sel(Kind.MACC);
    its.add(Interaction.send(Lookups.BUS_ALU, sum(Kind.CHIP, Kind.MACC), m(Cpu.OP), m(Cpu.RS_VAL),
        m(Cpu.B), m(Cpu.IMM), macc.times(m(Cpu.OLD2)), macc.times(m(Cpu.OLD)), m(Cpu.X),
        m(Cpu.Y)));
    its.add(Interaction.send(Lookups.BUS_MEMOP, memOps(), m(Cpu.OP), off(), m(Cpu.RT_VAL),
        m(Cpu.MEM_BEFORE), m(Cpu.X)));
    its.add(Interaction.send(MipsAir.BUS_SYSCALL, sel(Kind.SYSCALL), ts, thread, m(Cpu.NEXT_PC),
        m(Cpu.RS_VAL), m(Cpu.RT_VAL), m(Cpu.X), m(Cpu.Y)));
    its.add(Interaction.receive(MipsAir.BUS_ENTRY, m(Cpu.ENTRY), ts, thread, m(Cpu.PC),
        m(Cpu.NEXT_PC)));
    for (int col : new int[] {Cpu.SUM_LO, Cpu.SUM_LO + 1, Cpu.D_RS_LO, Cpu.D_RS_LO + 1,
        Cpu.D_RT_LO, Cpu.D_RT_LO + 1, Cpu.D_MEM_LO, Cpu.D_MEM_LO + 1, Cpu.D_RD_LO, Cpu.D_RD_LO + 1,
        Cpu.D_RD2_LO, Cpu.D_RD2_LO + 1, Cpu.SH_X_LO, Cpu.SH_X_LO + 1, Cpu.SH_Y_LO,
        Cpu.SH_Y_LO + 1, Cpu.WQ, Cpu.A_LO, Cpu.A_MID, Cpu.B_LO, Cpu.B_MID, Cpu.S_MID}) {
      its.add(Lookups.range(c(1), m(col)));
    }
    // mid < 2^15: both mid and mid + 2^15 in [0, 2^16). (2·mid alone would admit (v + p)/2 for odd
    // v, which decomposes a negative word with sign 0.)
    its.add(Lookups.range(c(1), m(Cpu.A_MID).plus(1L << 15)));
    its.add(Lookups.range(c(1), m(Cpu.B_MID).plus(1L << 15)));
    its.add(Lookups.range(c(1), m(Cpu.S_MID).plus(1L << 15)));
    return its;
  }
}
