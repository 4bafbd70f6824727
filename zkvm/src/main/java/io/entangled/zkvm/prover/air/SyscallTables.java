package io.entangled.zkvm.prover.air;

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

/**
 * The syscall table (one row per SYSCALL step it covers: exit_group, read of the private input
 * from fd 0, write to fd 1/2 (no effect proved beyond its result) and to fd 3 (the public
 * values)), the syscall-byte table (one row per byte a read stores into memory or a public write
 * emits) and the kernel table (every other syscall's register and memory effects, checked against
 * the verifier's replay of the kernel transcript).
 */
public final class SyscallTables {
  public static final int SYS_EXIT_GROUP = 4246;
  public static final int SYS_READ = 4003;
  public static final int SYS_WRITE = 4004;
  public static final int FD_PUBLIC = 3;

  private SyscallTables() {}

  /** Syscall-table columns. */
  public static final class Sys {
    public static final int EXIT = 0;
    public static final int READ = 1;
    /** write to fd 1 or 2. */
    public static final int WOUT = 2;
    /** write to fd 3 (public values). */
    public static final int WPUB = 3;
    public static final int TS = 4;
    public static final int NUM = 5;
    public static final int A0 = 6;
    public static final int A1 = 7;
    public static final int A2 = 8;
    /** v0 after the call, as two limbs at V0_LO. */
    public static final int V0 = 9;
    public static final int A3 = 10;
    public static final int D_A1 = 11;
    public static final int D_A2 = 13;
    /** The public-output offset before a public write. */
    public static final int PUB = 15;
    public static final int D_PUB = 16;
    /** v0 ≠ 0 flag and v0's inverse. */
    public static final int NZ = 18;
    public static final int INV = 19;
    /** a2 − v0 (bytes not read) as limbs. */
    public static final int LEFT = 20;
    public static final int V0_LO = 22;
    /** The calling thread's slot and its resume pc (the SYSCALL's next pc). */
    public static final int THREAD = 24;
    public static final int NPC = 25;
    public static final int WIDTH = 26;

    private Sys() {}
  }

  static TableDef syscalls() {
    List<Constraint> cs = new ArrayList<>();
    Expr exit = m(Sys.EXIT);
    Expr read = m(Sys.READ);
    Expr wout = m(Sys.WOUT);
    Expr wpub = m(Sys.WPUB);
    Expr real = exit.plus(read).plus(wout).plus(wpub);
    for (int s = Sys.EXIT; s <= Sys.WPUB; s++) {
      cs.add(Constraint.everyRow(bool(m(s))));
    }
    cs.add(Constraint.everyRow(bool(real)));
    Expr num = m(Sys.NUM);
    Expr a0 = m(Sys.A0);
    Expr v0 = m(Sys.V0);
    cs.add(Constraint.everyRow(exit.times(num.minus(SYS_EXIT_GROUP))));
    cs.add(Constraint.everyRow(read.times(num.minus(SYS_READ))));
    cs.add(Constraint.everyRow(wout.plus(wpub).times(num.minus(SYS_WRITE))));
    cs.add(Constraint.everyRow(read.times(a0)));
    cs.add(Constraint.everyRow(wpub.times(a0.minus(FD_PUBLIC))));
    cs.add(Constraint.everyRow(wout.times(a0.minus(1)).times(a0.minus(2))));
    // results: exit leaves v0 = 4246; writes return the full count; a read returns v0 ≤ a2
    cs.add(Constraint.everyRow(exit.times(v0.minus(num))));
    cs.add(Constraint.everyRow(wout.plus(wpub).times(v0.minus(m(Sys.A2)))));
    cs.add(Constraint.everyRow(real.times(m(Sys.A3))));
    cs.add(Constraint.everyRow(v0.minus(limbs(Sys.V0_LO))));
    cs.add(Constraint.everyRow(read.times(m(Sys.A2).minus(v0).minus(limbs(Sys.LEFT)))));
    Expr nz = m(Sys.NZ);
    cs.add(Constraint.everyRow(nz.minus(v0.times(m(Sys.INV)))));
    cs.add(Constraint.everyRow(v0.times(c(1).minus(nz))));
    List<Interaction> its = new ArrayList<>();
    Expr ts = m(Sys.TS);
    Expr thread = m(Sys.THREAD);
    its.add(Interaction.receive(MipsAir.BUS_SYSCALL, real, ts, thread, m(Sys.NPC), num, a0, v0,
        m(Sys.A3)));
    its.add(Interaction.send(MipsAir.BUS_TRANSCRIPT, real, ts, thread, m(Sys.NPC), num, a0));
    int reg = MipsAir.BUS_REG;
    MipsAir.access(its, reg, real, MipsAir.cell(c(5), thread), m(Sys.A1), m(Sys.A1), ts.plus(5),
        Sys.D_A1);
    MipsAir.access(its, reg, real, MipsAir.cell(c(6), thread), m(Sys.A2), m(Sys.A2), ts.plus(6),
        Sys.D_A2);
    MipsAir.access(its, reg, wpub, c(MipsAir.CELL_PUBLIC_OFFSET), m(Sys.PUB),
        m(Sys.PUB).plus(m(Sys.A2)), ts.plus(7), Sys.D_PUB);
    its.add(Interaction.send(MipsAir.BUS_SYSGROUP, read.plus(wpub).times(nz), ts, m(Sys.A1), v0,
        read, wpub, m(Sys.PUB)));
    its.add(Interaction.send(MipsAir.BUS_EXIT, exit, ts, a0));
    for (int col : new int[] {Sys.D_A1, Sys.D_A1 + 1, Sys.D_A2, Sys.D_A2 + 1, Sys.D_PUB,
        Sys.D_PUB + 1, Sys.LEFT, Sys.LEFT + 1, Sys.V0_LO, Sys.V0_LO + 1}) {
      its.add(Lookups.range(c(1), m(col)));
    }
    return new TableDef("syscall", Sys.WIDTH, null, cs, its);
  }

  /** Syscall-byte columns. */
  public static final class Bytes {
    public static final int REAL = 0;
    /** First byte of a syscall's transfer (received from the syscall table). */
    public static final int FIRST = 1;
    public static final int TS = 2;
    public static final int IN = 3;
    public static final int PUB_KIND = 4;
    /** Byte address, its index in the transfer, the transfer's length, the public index. */
    public static final int ADDR = 5;
    public static final int K = 6;
    public static final int COUNT = 7;
    public static final int PUB = 8;
    /** Word index limbs: address = 4·(WQ_LO + 2^16·WQ_HI) + OFF0 + 2·OFF1. */
    public static final int WQ_LO = 9;
    public static final int WQ_HI = 10;
    public static final int OFF0 = 11;
    public static final int OFF1 = 12;
    /** The word's bytes before, most significant first. */
    public static final int B0 = 13;
    /** The old byte at the offset, its weight 256^(3 − off), the new byte. */
    public static final int OLDB = 17;
    public static final int W = 18;
    public static final int NEW = 19;
    public static final int D = 20;
    public static final int WIDTH = 22;

    private Bytes() {}
  }

  static TableDef sysBytes() {
    List<Constraint> cs = new ArrayList<>();
    Expr real = m(Bytes.REAL);
    Expr first = m(Bytes.FIRST);
    for (int col : new int[] {Bytes.REAL, Bytes.FIRST, Bytes.IN, Bytes.PUB_KIND, Bytes.OFF0,
        Bytes.OFF1}) {
      cs.add(Constraint.everyRow(bool(m(col))));
    }
    cs.add(Constraint.everyRow(first.times(c(1).minus(real))));
    cs.add(Constraint.everyRow(m(Bytes.IN).plus(m(Bytes.PUB_KIND)).minus(real)));
    cs.add(Constraint.everyRow(first.times(m(Bytes.K))));
    cs.add(Constraint.firstRow(real.times(c(1).minus(first))));
    cs.add(Constraint.lastRow(real));
    cs.add(Constraint.transition(n(Bytes.REAL).times(c(1).minus(real))));
    Expr cont = n(Bytes.REAL).minus(n(Bytes.FIRST));
    cs.add(Constraint.transition(cont.times(n(Bytes.ADDR).minus(m(Bytes.ADDR)).minus(1))));
    cs.add(Constraint.transition(cont.times(n(Bytes.K).minus(m(Bytes.K)).minus(1))));
    cs.add(Constraint.transition(cont.times(n(Bytes.PUB).minus(m(Bytes.PUB)).minus(1))));
    for (int col : new int[] {Bytes.TS, Bytes.IN, Bytes.COUNT}) {
      cs.add(Constraint.transition(cont.times(n(col).minus(m(col)))));
    }
    cs.add(Constraint.transition(real.times(c(1).minus(cont))
        .times(m(Bytes.K).plus(1).minus(m(Bytes.COUNT)))));
    Expr o0 = m(Bytes.OFF0);
    Expr o1 = m(Bytes.OFF1);
    Expr[] selOff = {c(1).minus(o0).times(c(1).minus(o1)), o0.times(c(1).minus(o1)),
        c(1).minus(o0).times(o1), o0.times(o1)};
    Expr wordAddr = m(Bytes.WQ_LO).plus(m(Bytes.WQ_HI).times(MipsAir.LIMB)).times(4);
    cs.add(Constraint.everyRow(m(Bytes.ADDR).minus(wordAddr).minus(o0).minus(o1.times(2))));
    Expr before = c(0);
    Expr oldb = c(0);
    Expr w = c(0);
    for (int j = 0; j < 4; j++) {
      before = before.plus(m(Bytes.B0 + j).times(1L << (8 * (3 - j))));
      oldb = oldb.plus(selOff[j].times(m(Bytes.B0 + j)));
      w = w.plus(selOff[j].times(1L << (8 * (3 - j))));
    }
    cs.add(Constraint.everyRow(m(Bytes.OLDB).minus(oldb)));
    cs.add(Constraint.everyRow(real.times(m(Bytes.W).minus(w))));
    cs.add(Constraint.everyRow(m(Bytes.PUB_KIND).times(m(Bytes.NEW).minus(m(Bytes.OLDB)))));
    Expr after = before.plus(m(Bytes.NEW).minus(m(Bytes.OLDB)).times(m(Bytes.W)));
    List<Interaction> its = new ArrayList<>();
    Expr tsAccess = m(Bytes.TS).plus(4).plus(o0).plus(o1.times(2));
    MipsAir.access(its, MipsAir.BUS_MEM, real, wordAddr, before, after, tsAccess, Bytes.D);
    its.add(Interaction.receive(MipsAir.BUS_SYSGROUP, first, m(Bytes.TS), m(Bytes.ADDR),
        m(Bytes.COUNT), m(Bytes.IN), m(Bytes.PUB_KIND), m(Bytes.PUB)));
    its.add(Interaction.send(MipsAir.BUS_PUBLIC, m(Bytes.PUB_KIND), m(Bytes.PUB), m(Bytes.NEW)));
    for (int col : new int[] {Bytes.WQ_LO, Bytes.WQ_HI, Bytes.D, Bytes.D + 1}) {
      its.add(Lookups.range(c(1), m(col)));
    }
    its.add(Lookups.range(c(1), m(Bytes.WQ_HI).plus((1L << 16) - (1L << 14))));
    for (int j = 0; j < 4; j++) {
      its.add(byteCheck(m(Bytes.B0 + j)));
    }
    its.add(byteCheck(m(Bytes.NEW)));
    return new TableDef("sysbytes", Bytes.WIDTH, null, cs, its);
  }

  /** Kernel-table columns: one register cell or memory word a kernel call reads or writes. */
  public static final class Kern {
    public static final int IS_REG = 0;
    public static final int IS_MEM = 1;
    public static final int TS = 2;
    public static final int ADDR = 3;
    public static final int BEFORE = 4;
    public static final int AFTER = 5;
    /** ts − (the cell's or word's previous ts) − 1 as two 16-bit limbs. */
    public static final int D = 6;
    public static final int WIDTH = 8;

    private Kern() {}
  }

  /**
   * The kernel table: one row per register cell or memory word a kernel call (any syscall but the
   * ones the syscall table covers) reads or writes. Each row is an access on the register or
   * memory bus and reports (ts, isMemory, address, before, after) to the verifier, which derives
   * the same list from the kernel transcript by replaying the kernel.
   */
  static TableDef kernel() {
    Expr isReg = m(Kern.IS_REG);
    Expr isMem = m(Kern.IS_MEM);
    List<Constraint> cs = List.of(Constraint.everyRow(bool(isReg)),
        Constraint.everyRow(bool(isMem)), Constraint.everyRow(bool(isReg.plus(isMem))));
    List<Interaction> its = new ArrayList<>();
    Expr ts = m(Kern.TS);
    Expr addr = m(Kern.ADDR);
    Expr before = m(Kern.BEFORE);
    Expr after = m(Kern.AFTER);
    MipsAir.access(its, MipsAir.BUS_REG, isReg, addr, before, after, ts, Kern.D);
    MipsAir.access(its, MipsAir.BUS_MEM, isMem, addr, before, after, ts, Kern.D);
    its.add(Interaction.send(MipsAir.BUS_KERNEL, isReg.plus(isMem), ts, isMem, addr, before,
        after));
    its.add(Lookups.range(c(1), m(Kern.D)));
    its.add(Lookups.range(c(1), m(Kern.D + 1)));
    return new TableDef("kernel", Kern.WIDTH, null, cs, its);
  }

  /** v is a byte: the byte table's tuple (v, 0, 0, v, v). */
  private static Interaction byteCheck(Expr v) {
    return Lookups.bytes(c(1), v, c(0), c(0), v, v);
  }
}
