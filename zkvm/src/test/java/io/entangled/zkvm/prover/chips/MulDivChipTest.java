package io.entangled.zkvm.prover.chips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.Interaction;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.AsmRun;
import io.entangled.zkvm.testkit.TestElf;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MulDivChip: edge and random inputs of every op, with results taken from the executor
 * (MipsMachine running the real instructions), proved and verified through the chip harness; and
 * forged traces (built by hand, so that the constraints, not trace generation, are what refuses
 * them) for wrong outputs, out-of-range limbs, wrong signs and wrong remainders.
 */
class MulDivChipTest {
  static final long P = Goldilocks.P;
  static final long[] EDGES = {0, 1, 2, 3, 7, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffffL,
      0x80000000L, 0x80000001L, 0xfffffff9L, 0xfffffffeL, 0xffffffffL};
  static final List<AluOp> MUL_OPS = List.of(AluOp.MUL, AluOp.MULT, AluOp.MULTU, AluOp.MADD,
      AluOp.MADDU, AluOp.MSUB, AluOp.MSUBU);
  static final List<AluOp> DIV_OPS = List.of(AluOp.DIV, AluOp.DIVU);
  static final MulDivChip.Mul MUL = new MulDivChip.Mul();
  static final MulDivChip.Div DIV = new MulDivChip.Div();
  static List<AluEvent> mulEvents;
  static List<AluEvent> divEvents;

  @BeforeAll
  static void runTheExecutor() {
    mulEvents = executed(inputs(MUL_OPS, 40, 1));
    divEvents = executed(inputs(DIV_OPS, 60, 2));
  }

  // ---------------------------------------------------------------- honest proofs

  @Test
  void provesEveryMultiplyOpOnEdgeAndRandomInputsAsTheExecutorComputesThem() {
    assertThat(mulEvents).hasSizeGreaterThan(7 * EDGES.length * EDGES.length);
    assertThat(ChipHarness.proveAndVerify(MUL, mulEvents)).isEqualTo("accepted");
  }

  @Test
  void provesDivisionsIncludingByZeroAndMinByMinusOne() {
    assertThat(divEvents).contains(
        new AluEvent(AluOp.DIV, 0x80000000L, 0xffffffffL, 0, 0, 0, 0x80000000L, 0),
        new AluEvent(AluOp.DIV, 0xfffffff9L, 0, 0, 0, 0, 0xfffffff9L, 0),
        new AluEvent(AluOp.DIVU, 7, 0, 0, 0, 0, 7, 0),
        new AluEvent(AluOp.DIV, 0xfffffff9L, 2, 0, 0, 0, 0xfffffffdL, 0xffffffffL));
    assertThat(ChipHarness.proveAndVerify(DIV, divEvents)).isEqualTo("accepted");
  }

  @Test
  void honestTracesSatisfyEveryConstraintAndPaddingIsAllZero() {
    long[][] t = MUL.trace(mulEvents, new LookupCounts());
    assertThat(failing(MUL.table(), t)).isEmpty();
    assertThat(t[MulDivChip.Mul.REAL][t[0].length - 1]).isZero();
    long[][] d = DIV.trace(divEvents, new LookupCounts());
    assertThat(failing(DIV.table(), d)).isEmpty();
  }

  @Test
  void countsTheLookupsOfPaddingRows() {
    LookupCounts counts = new LookupCounts();
    DIV.trace(List.of(new AluEvent(AluOp.DIVU, 9, 3, 0, 0, 0, 3, 0)), counts);
    // height 2: one real row, one padding row of 11 zero lookups
    long total = 0;
    for (long c : counts.range16) {
      total += c;
    }
    assertThat(total).isEqualTo(2L * MulDivChip.Div.LOOKUPS);
    assertThat(counts.range16[0]).isGreaterThanOrEqualTo(MulDivChip.Div.LOOKUPS);
  }

  @Test
  void everyConstraintHasDegreeAtMostThreeAndTupleValuesDegreeOne() {
    for (Chip chip : MulDivChip.chips()) {
      for (Constraint c : chip.table().constraints()) {
        assertThat(c.expr().degree()).isLessThanOrEqualTo(3);
      }
      for (Interaction it : chip.table().interactions()) {
        assertThat(it.multiplicity().degree()).isLessThanOrEqualTo(2);
        it.values().forEach(v -> assertThat(v.degree()).isLessThanOrEqualTo(1));
      }
    }
    assertThat(MUL.ops()).doesNotContainAnyElementsOf(DIV.ops());
    assertThat(Set.copyOf(MUL_OPS)).isEqualTo(MUL.ops());
  }

  @Property(tries = 300)
  void honestRowsMatchTheJavaSemanticsAndSatisfyTheConstraints(@ForAll("ops") AluOp op,
      @ForAll("words") long a, @ForAll("words") long b, @ForAll("words") long hi,
      @ForAll("words") long lo) {
    AluEvent e = reference(op, a, b, hi, lo);
    Chip chip = MUL.ops().contains(op) ? MUL : DIV;
    long[][] t = chip.trace(List.of(e), new LookupCounts());
    assertThat(failing(chip.table(), t)).isEmpty();
    // the chip's outputs cannot be moved by one in either limb of x without breaking a constraint
    int x0 = chip == MUL ? MulDivChip.Mul.X0 : MulDivChip.Div.X0;
    t[x0][0] = Goldilocks.add(t[x0][0], 1);
    assertThat(failing(chip.table(), t)).isNotEmpty();
  }

  @Provide
  Arbitrary<AluOp> ops() {
    List<AluOp> all = new ArrayList<>(MUL_OPS);
    all.addAll(DIV_OPS);
    return Arbitraries.of(all);
  }

  @Provide
  Arbitrary<Long> words() {
    return Arbitraries.oneOf(Arbitraries.of(EDGES[0], EDGES[1], EDGES[5], EDGES[6], EDGES[9],
        EDGES[10], EDGES[14]), Arbitraries.longs().between(0, 0xffffffffL));
  }

  @Test
  void traceRefusesAWrongResultNamingTheOpAndValues() {
    AluEvent e = new AluEvent(AluOp.MULTU, 3, 5, 0, 0, 0, 16, 0);
    assertThatThrownBy(() -> MUL.trace(List.of(e), new LookupCounts()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MULTU")
        .hasMessageContaining("a=3").hasMessageContaining("(0, 15)");
    AluEvent d = new AluEvent(AluOp.DIV, 7, 0, 0, 0, 0, 0, 7);
    assertThatThrownBy(() -> DIV.trace(List.of(d), new LookupCounts()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIV of a=7, b=0");
  }

  // ---------------------------------------------------------------- wrong tuples from the CPU

  @Test
  void refusesAWrongXOrYOrOpSentByTheCpu() {
    List<AluEvent> honest = mulEvents.subList(400, 416);
    AluEvent e = honest.get(5);
    assertThat(e.y()).isNotZero();
    assertThat(sendInstead(MUL, honest, 5, withXy(e, (e.x() + 1) & 0xffffffffL, e.y())))
        .startsWith("bus 5");
    assertThat(sendInstead(MUL, honest, 5, withXy(e, e.x(), e.y() ^ 0x10000)))
        .startsWith("bus 5");
    AluEvent mult = new AluEvent(AluOp.MULT, 0xfffffff9L, 3, 0, 0, 0, 0xffffffebL, 0xffffffffL);
    AluEvent asMultu = new AluEvent(AluOp.MULTU, 0xfffffff9L, 3, 0, 0, 0, 0xffffffebL,
        0xffffffffL);
    assertThat(ChipHarness.proveAndVerify(MUL, List.of(mult), List.of(asMultu)))
        .startsWith("bus 5");
    AluEvent div = divEvents.get(40);
    assertThat(sendInstead(DIV, divEvents.subList(32, 48), 8,
        withXy(div, div.x() ^ 1, div.y()))).startsWith("bus 5");
  }

  // ---------------------------------------------------------------- forged chip traces

  @Test
  void refusesAForgedProductLimb() {
    AluEvent e = new AluEvent(AluOp.MULTU, 123456789, 987654321, 0, 0, 0, 0, 0);
    e = reference(e.op(), e.a(), e.b(), 0, 0);
    long[][] t = honestRow(MUL, e);
    t[MulDivChip.Mul.X0][0] += 1;
    assertThat(failing(MUL.table(), t)).isNotEmpty();
    assertThat(forged(MUL, t, withXy(e, e.x() + 1, e.y())))
        .contains("constraints not satisfied");
  }

  @Test
  void refusesAHighLowSplitWithANegativeLimbEvenThoughEveryEquationHolds() {
    // (y + 1 : x − 2^32) is the same 64-bit number; x's high limb becomes x1 − 2^16 (mod p)
    AluEvent e = reference(AluOp.MULTU, 0x12345678L, 0x9abcdef0L, 0, 0);
    long[][] t = honestRow(MUL, e);
    t[MulDivChip.Mul.X1][0] = Goldilocks.sub(t[MulDivChip.Mul.X1][0], 1L << 16);
    t[MulDivChip.Mul.Y0][0] += 1;
    setCarry1(t, MulDivChip.Mul.C1_LO, carry1(t, MulDivChip.Mul.C1_LO) + 1);
    assertThat(failing(MUL.table(), t)).isEmpty();
    AluEvent sent = withXy(e, Goldilocks.sub(e.x(), 1L << 32), e.y() + 1);
    assertThat(forged(MUL, t, sent)).startsWith("bus 3");
  }

  @Test
  void refusesALowWordAboveTwoToThe32ByALimbOfTwoToThe16() {
    AluEvent e = reference(AluOp.MUL, 0xffffffffL, 0xffffffffL, 0, 0);
    long[][] t = honestRow(MUL, e);
    t[MulDivChip.Mul.X1][0] += 1L << 16;
    setCarry1(t, MulDivChip.Mul.C1_LO, carry1(t, MulDivChip.Mul.C1_LO) - 1);
    assertThat(failing(MUL.table(), t)).isEmpty();
    assertThat(forged(MUL, t, withXy(e, e.x() + (1L << 32), 0))).startsWith("bus 3");
  }

  @Test
  void refusesReadingANegativeInputAsUnsignedInASignedMultiply() {
    // MULTU's row relabelled MULT (sign bits left 0): the equations hold after C2 += 2
    // (the 2^33 offset); only the sign lookup of a's high limb refuses it
    AluEvent unsigned = reference(AluOp.MULTU, 0xfffffff9L, 3, 0, 0);
    long[][] t = honestRow(MUL, unsigned);
    t[MulDivChip.Mul.UNS][0] = 0;
    long c2 = t[MulDivChip.Mul.C2_LO][0] + 2 * t[MulDivChip.Mul.C2_HI][0] + 2;
    t[MulDivChip.Mul.C2_LO][0] = c2 & 1;
    t[MulDivChip.Mul.C2_HI][0] = c2 >> 1;
    assertThat(failing(MUL.table(), t)).isEmpty();
    AluEvent claimed = new AluEvent(AluOp.MULT, unsigned.a(), 3, 0, 0, 0, unsigned.x(),
        unsigned.y());
    assertThat(forged(MUL, t, claimed)).startsWith("bus 3");
  }

  @Test
  void refusesFlagCombinationsThatDisguiseOneOpAsAnother() {
    // mul + uns has id 2 (MULT) but no high line: y would be free
    AluEvent mul = reference(AluOp.MUL, 0x80000003L, 0x80000005L, 0, 0);
    long[][] t = honestRow(MUL, mul);
    t[MulDivChip.Mul.UNS][0] = 1;
    t[MulDivChip.Mul.Y0][0] = 12345;
    assertThat(failing(MUL.table(), t)).hasSize(1);
    AluEvent asMult = new AluEvent(AluOp.MULT, mul.a(), mul.b(), 0, 0, 0, mul.x(), 12345);
    assertThat(forged(MUL, t, asMult)).contains("constraints not satisfied");
    // sub without acc has id 4 (MADD) but subtracts
    AluEvent msub = reference(AluOp.MSUB, 6, 7, 0, 0);
    long[][] u = honestRow(MUL, msub);
    u[MulDivChip.Mul.ACC][0] = 0;
    assertThat(failing(MUL.table(), u)).hasSize(1);
    AluEvent asMadd = new AluEvent(AluOp.MADD, 6, 7, 0, 0, 0, msub.x(), msub.y());
    assertThat(forged(MUL, u, asMadd)).contains("constraints not satisfied");
  }

  @Test
  void refusesAMultiplyRowThatIgnoresItsAccumulator() {
    AluEvent e = reference(AluOp.MULTU, 1000, 1000, 0, 0);
    long[][] t = honestRow(MUL, e);
    t[MulDivChip.Mul.LO_IN][0] = 5;
    AluEvent sent = new AluEvent(AluOp.MULTU, 1000, 1000, 0, 0, 5, e.x(), e.y());
    assertThat(failing(MUL.table(), t)).isNotEmpty();
    assertThat(forged(MUL, t, sent)).contains("constraints not satisfied");
  }

  @Test
  void refusesARemainderNotBelowTheDivisor() {
    // 100 / 7 = 14 rem 2; the forgery claims 13 rem 9 (the equation a = q·d + r holds)
    AluEvent e = reference(AluOp.DIVU, 100, 7, 0, 0);
    long[][] t = honestRow(DIV, e);
    setDivResult(t, 13, 9, 0, 0, 7 - 9 - 1, 0, 0);
    assertThat(failing(DIV.table(), t)).isEmpty();
    assertThat(forged(DIV, t, withXy(e, 13, 9))).startsWith("bus 3");
  }

  @Test
  void refusesARemainderWhoseSignDiffersFromTheDividend() {
    // −7 / 2 = −3 rem −1 (Java); the forgery claims −4 rem 1 with |1| < 2
    AluEvent e = reference(AluOp.DIV, 0xfffffff9L, 2, 0, 0);
    long[][] t = honestRow(DIV, e);
    setDivResult(t, 0xfffffffcL, 1, 1, 0, 0, 1, 1);
    assertThat(failing(DIV.table(), t)).hasSize(1);
    assertThat(forged(DIV, t, withXy(e, 0xfffffffcL, 1))).contains("constraints not satisfied");
  }

  @Test
  void refusesDivisionByZeroOtherThanByOneAndAFakeZeroDivisor() {
    // b = 0 without the flag: 5 = q·0 + 5 needs |5| < 0
    AluEvent z = reference(AluOp.DIVU, 5, 0, 0, 0);
    long[][] t = honestRow(DIV, z);
    t[MulDivChip.Div.BZ][0] = 0;
    setDivResult(t, 0, 5, 0, 0, -6, 0, 0);
    assertThat(failing(DIV.table(), t)).isEmpty();
    assertThat(forged(DIV, t, withXy(z, 0, 5))).startsWith("bus 3");
    // b = 7 with the flag (divides by 8): 100 = 12·8 + 4
    AluEvent e = reference(AluOp.DIVU, 100, 7, 0, 0);
    long[][] u = honestRow(DIV, e);
    u[MulDivChip.Div.BZ][0] = 1;
    setDivResult(u, 12, 4, 0, 0, 8 - 4 - 1, 0, 0);
    assertThat(failing(DIV.table(), u)).hasSize(1);
    assertThat(forged(DIV, u, withXy(e, 12, 4))).contains("constraints not satisfied");
  }

  @Test
  void refusesMinByMinusOneWithTheQuotientsSignTakenFromItsTopBit() {
    // q' = q − 2^32·sq must be +2^31 here; sq = 1 (q' = −2^31) breaks the high line
    AluEvent e = reference(AluOp.DIV, 0x80000000L, 0xffffffffL, 0, 0);
    long[][] t = honestRow(DIV, e);
    t[MulDivChip.Div.SQ][0] = 1;
    assertThat(failing(DIV.table(), t)).isNotEmpty();
    assertThat(forged(DIV, t, e)).contains("constraints not satisfied");
  }

  // ---------------------------------------------------------------- helpers

  /** Overwrites row 0 of a Div trace: quotient q, remainder r, signs and gap; fixes the carries. */
  private static void setDivResult(long[][] t, long q, long r, long sq, long sr, long gap,
      long signedFlag, long sa) {
    t[MulDivChip.Div.X0][0] = q & 0xffff;
    t[MulDivChip.Div.X1][0] = q >>> 16;
    t[MulDivChip.Div.Y0][0] = r & 0xffff;
    t[MulDivChip.Div.Y1][0] = r >>> 16;
    t[MulDivChip.Div.SQ][0] = sq;
    t[MulDivChip.Div.SR][0] = sr;
    t[MulDivChip.Div.E0][0] = gap & 0xffff;
    t[MulDivChip.Div.E1][0] = Goldilocks.fromSigned(gap >> 16);
    long a = t[MulDivChip.Div.A0][0] + (t[MulDivChip.Div.A1][0] << 16);
    long d = t[MulDivChip.Div.B0][0] + (t[MulDivChip.Div.B1][0] << 16) + t[MulDivChip.Div.BZ][0];
    long sb = t[MulDivChip.Div.SB][0];
    long[] c = MulDivChip.carries(q, d, new long[] {r, a},
        new long[] {sr * 0xffffffffL, sa * 0xffffffffL}, signedFlag == 1, sq, sb, true);
    setCarry1(t, MulDivChip.Div.C1_LO, c[0]);
    t[MulDivChip.Div.C2_LO][0] = c[1] & 1;
    t[MulDivChip.Div.C2_HI][0] = c[1] >> 1;
  }

  private static long carry1(long[][] t, int c1Lo) {
    return t[c1Lo][0] + (t[c1Lo + 1][0] << 16);
  }

  private static void setCarry1(long[][] t, int c1Lo, long c1) {
    t[c1Lo][0] = c1 & 0xffff;
    t[c1Lo + 1][0] = c1 >> 16;
  }

  private static long[][] honestRow(Chip chip, AluEvent e) {
    return chip.trace(List.of(e), new LookupCounts());
  }

  private static AluEvent withXy(AluEvent e, long x, long y) {
    return new AluEvent(e.op(), e.a(), e.b(), e.imm(), e.hiIn(), e.loIn(), x, y);
  }

  private static String sendInstead(Chip chip, List<AluEvent> honest, int i, AluEvent wrong) {
    List<AluEvent> sent = new ArrayList<>(honest);
    sent.set(i, wrong);
    return ChipHarness.proveAndVerify(chip, honest, sent);
  }

  /** Proves a hand-made chip trace (lookups counted from the trace) against one sent tuple. */
  private static String forged(Chip chip, long[][] trace, AluEvent sent) {
    return ChipHarness.proveAndVerify(new Forged(chip, trace), List.of(sent), List.of(sent));
  }

  /** A chip whose trace is given; range lookups are counted by evaluating its interactions. */
  private record Forged(Chip chip, long[][] forgedTrace) implements Chip {
    @Override
    public String name() {
      return chip.name();
    }

    @Override
    public Set<AluOp> ops() {
      return chip.ops();
    }

    @Override
    public TableDef table() {
      return chip.table();
    }

    @Override
    public long[][] trace(List<AluEvent> events, LookupCounts counts) {
      for (Interaction it : chip.table().interactions()) {
        if (it.bus() != Lookups.BUS_RANGE) {
          continue;
        }
        for (int row = 0; row < forgedTrace[0].length; row++) {
          long v = eval(it.values().get(0), forgedTrace, row);
          if (v >= 0 && v < 1 << 16) {
            counts.range16[(int) v] += eval(it.multiplicity(), forgedTrace, row);
          }
          // a value outside the table is left uncounted: only the bus can refuse it
        }
      }
      return forgedTrace;
    }
  }

  /** Indices of the table's constraints that do not vanish on some row. */
  static List<Integer> failing(TableDef table, long[][] t) {
    List<Integer> out = new ArrayList<>();
    List<Constraint> cs = table.constraints();
    for (int k = 0; k < cs.size(); k++) {
      for (int row = 0; row < t[0].length; row++) {
        if (eval(cs.get(k).expr(), t, row) != 0) {
          out.add(k);
          break;
        }
      }
    }
    return out;
  }

  static long eval(Expr e, long[][] t, int row) {
    return switch (e) {
      case Expr.Const c -> c.value();
      case Expr.Var v -> {
        if (v.source() != Expr.Source.MAIN || v.next()) {
          throw new IllegalArgumentException("chip constraints read only this row's main columns");
        }
        yield t[v.index()][row];
      }
      case Expr.Add x -> Goldilocks.add(eval(x.a(), t, row), eval(x.b(), t, row));
      case Expr.Sub x -> Goldilocks.sub(eval(x.a(), t, row), eval(x.b(), t, row));
      case Expr.Mul x -> Goldilocks.mul(eval(x.a(), t, row), eval(x.b(), t, row));
    };
  }

  // ---------------------------------------------------------------- the executor as reference

  /** Inputs (op, a, b, hiIn, loIn): all edge pairs per op plus random ones. */
  private static List<long[]> inputs(List<AluOp> ops, int randomPerOp, long seed) {
    Random rnd = new Random(seed);
    List<long[]> out = new ArrayList<>();
    for (AluOp op : ops) {
      boolean acc = op.name().startsWith("MADD") || op.name().startsWith("MSUB");
      int k = 0;
      for (long a : EDGES) {
        for (long b : EDGES) {
          long hi = acc ? EDGES[(k * 7) % EDGES.length] : 0;
          long lo = acc ? EDGES[(k * 11 + 3) % EDGES.length] : 0;
          out.add(new long[] {op.ordinal(), a, b, hi, lo});
          k++;
        }
      }
      for (int i = 0; i < randomPerOp; i++) {
        long a = rnd.nextLong() & 0xffffffffL;
        long b = i % 4 == 0 ? rnd.nextInt(20) : rnd.nextLong() & 0xffffffffL;
        long hi = acc ? rnd.nextLong() & 0xffffffffL : 0;
        long lo = acc ? rnd.nextLong() & 0xffffffffL : 0;
        out.add(new long[] {op.ordinal(), a, b, hi, lo});
      }
    }
    return out;
  }

  /** Runs every input's instruction on MipsMachine (in batches) and records its HI/LO or rd. */
  private static List<AluEvent> executed(List<long[]> inputs) {
    List<AluEvent> out = new ArrayList<>();
    for (int from = 0; from < inputs.size(); from += 500) {
      List<long[]> batch = inputs.subList(from, Math.min(inputs.size(), from + 500));
      Asm asm = new Asm().li(16, TestElf.DATA);
      for (int i = 0; i < batch.size(); i++) {
        instruction(asm, batch.get(i), 8 * i);
      }
      AsmRun run = AsmRun.run(asm.exit(0), new byte[0], 1_000_000);
      for (int i = 0; i < batch.size(); i++) {
        long[] in = batch.get(i);
        long hi = Integer.toUnsignedLong(run.word(TestElf.DATA + 8 * i));
        long lo = Integer.toUnsignedLong(run.word(TestElf.DATA + 8 * i + 4));
        AluOp op = AluOp.values()[(int) in[0]];
        out.add(new AluEvent(op, in[1], in[2], 0, in[3], in[4], lo, op == AluOp.MUL ? 0 : hi));
      }
    }
    return out;
  }

  /** a → r8, b → r9, HI/LO preset, the op, then HI and LO (or MUL's rd) stored at r16 + off. */
  private static void instruction(Asm asm, long[] in, int off) {
    AluOp op = AluOp.values()[(int) in[0]];
    asm.li(8, (int) in[1]).li(9, (int) in[2]).li(10, (int) in[3]).li(11, (int) in[4]);
    asm.special(10, 0, 0, 0, 0x11).special(11, 0, 0, 0, 0x13);
    switch (op) {
      case MULT -> asm.special(8, 9, 0, 0, 0x18);
      case MULTU -> asm.special(8, 9, 0, 0, 0x19);
      case DIV -> asm.special(8, 9, 0, 0, 0x1a);
      case DIVU -> asm.special(8, 9, 0, 0, 0x1b);
      case MADD -> asm.word(0x1c << 26 | Asm.r(8, 9, 0, 0, 0x00));
      case MADDU -> asm.word(0x1c << 26 | Asm.r(8, 9, 0, 0, 0x01));
      case MUL -> asm.word(0x1c << 26 | Asm.r(8, 9, 12, 0, 0x02)).special(0, 0, 13, 0, 0x21);
      case MSUB -> asm.word(0x1c << 26 | Asm.r(8, 9, 0, 0, 0x04));
      case MSUBU -> asm.word(0x1c << 26 | Asm.r(8, 9, 0, 0, 0x05));
      default -> throw new IllegalArgumentException(op.name());
    }
    if (op == AluOp.MUL) {
      asm.sw(13, 16, off).sw(12, 16, off + 4);
    } else {
      asm.mfhi(13).mflo(12).sw(13, 16, off).sw(12, 16, off + 4);
    }
  }

  /** The executor's semantics in Java ints (mirrors MipsMachine), for the property test. */
  static AluEvent reference(AluOp op, long a, long b, long hi, long lo) {
    int ia = (int) a;
    int ib = (int) b;
    boolean acc = op.name().startsWith("MADD") || op.name().startsWith("MSUB");
    long hiIn = acc ? hi : 0;
    long loIn = acc ? lo : 0;
    long hiLo = hiIn << 32 | loIn;
    long ua = Integer.toUnsignedLong(ia);
    long ub = Integer.toUnsignedLong(ib);
    int d = ib == 0 ? 1 : ib;
    long r = switch (op) {
      case MUL -> Integer.toUnsignedLong(ia * ib);
      case MULT -> (long) ia * ib;
      case MULTU -> ua * ub;
      case MADD -> hiLo + (long) ia * ib;
      case MADDU -> hiLo + ua * ub;
      case MSUB -> hiLo - (long) ia * ib;
      case MSUBU -> hiLo - ua * ub;
      case DIV -> (long) (ia % d) << 32 | Integer.toUnsignedLong(ia / d);
      case DIVU -> (long) Integer.remainderUnsigned(ia, d) << 32
          | Integer.toUnsignedLong(Integer.divideUnsigned(ia, d));
      default -> throw new IllegalArgumentException(op.name());
    };
    return new AluEvent(op, a, b, 0, hiIn, loIn, r & 0xffffffffL, r >>> 32);
  }
}
