package io.entangled.zkvm.prover.chips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.testkit.Asm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BitsChip: results against the executor (MipsMachine running CLZ/CLO/SEB/SEH/WSBH/EXT/INS), proofs
 * of edge and random operands (every EXT/INS position and size), and forged rows refused by the
 * constraints.
 */
class BitsChipTest {
  private static final BitsChip CHIP = new BitsChip();
  private static List<AluEvent> honest;

  @BeforeAll
  static void buildEvents() {
    List<AluEvent> shape = new ArrayList<>();
    Random rnd = new Random(11);
    List<Long> values = new ArrayList<>();
    for (long v : ShiftChipTest.EDGES) {
      values.add(v);
    }
    for (int k = 0; k < 32; k++) {
      values.add(1L << k);
      values.add(0xffff_ffffL - (1L << k));
      values.add((1L << k) - 1);
      values.add(0xffff_ffffL ^ ((1L << k) - 1));
    }
    for (long v : new long[] {0x7f, 0x80, 0xff, 0x7fff, 0x80ff, 0xff7f, 0x1234_80ffL}) {
      values.add(v);
    }
    for (long v : values) {
      shape.add(event(AluOp.CLZ, v, 0, 0));
      shape.add(event(AluOp.CLO, v, 0, 0));
      shape.add(event(AluOp.SEB, 0, v, 0));
      shape.add(event(AluOp.SEH, 0, v, 0));
      shape.add(event(AluOp.WSBH, 0, v, 0));
    }
    for (int size = 1; size <= 32; size++) {
      for (int pos = 0; pos + size <= 32; pos++) {
        long a = values.get(rnd.nextInt(values.size()));
        long b = rnd.nextLong() & 0xffff_ffffL;
        shape.add(event(AluOp.EXT, a, 0, pos + 32L * size));
        shape.add(event(AluOp.INS, a, b, pos + 32L * size));
      }
    }
    long[] x = ShiftChipTest.Executor.run(shape, BitsChipTest::emit);
    honest = new ArrayList<>();
    for (int i = 0; i < shape.size(); i++) {
      honest.add(ShiftChipTest.withX(shape.get(i), x[i]));
    }
  }

  private static AluEvent event(AluOp op, long a, long b, long imm) {
    return new AluEvent(op, a, b, imm, 0, 0, 0, 0);
  }

  /** The instruction for an event: a in r8, b in r9, result in r2. */
  private static void emit(Asm asm, AluEvent e) {
    int pos = (int) e.imm() & 31;
    int size = (int) (e.imm() >>> 5);
    switch (e.op()) {
      case CLZ -> asm.special2(8, 0, 2, 0x20);
      case CLO -> asm.special2(8, 0, 2, 0x21);
      case SEB -> asm.special3(0, 9, 2, 0x10, 0x20);
      case SEH -> asm.special3(0, 9, 2, 0x18, 0x20);
      case WSBH -> asm.special3(0, 9, 2, 0x02, 0x20);
      case EXT -> asm.special3(8, 2, size - 1, pos, 0x00);
      case INS -> asm.addu(2, 9, 0).special3(8, 2, pos + size - 1, pos, 0x04);
      default -> throw new IllegalArgumentException(e.op().toString());
    }
  }

  @Test
  void chipResultsAreTheExecutors() {
    for (AluEvent e : honest) {
      assertThat(BitsChip.expected(e.op(), e.a(), e.b(), e.imm())).as(e.toString())
          .isEqualTo(e.x());
    }
  }

  @Test
  void edgeAndRandomOpsProveAndVerify() {
    assertThat(honest).hasSizeGreaterThan(1500);
    assertThat(ShiftChipTest.violated(CHIP.table(), trace(honest))).isEmpty();
    assertThat(ChipHarness.proveAndVerify(CHIP, honest)).isEqualTo("accepted");
  }

  @Test
  void traceRefusesAWrongResultOrABadImmediate() {
    AluEvent e = first(AluOp.INS);
    assertThatThrownBy(() -> trace(List.of(ShiftChipTest.withX(e, e.x() ^ 4))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INS");
    assertThatThrownBy(() -> trace(List.of(event(AluOp.EXT, 1, 0, 20 + 32 * 13))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("imm=436");
  }

  /** The CPU sends x + 1 for every op while the chip proves the true results (one proof). */
  @Test
  void refusesAWrongXSentByTheCpu() {
    List<AluEvent> truth = new ArrayList<>();
    List<AluEvent> lies = new ArrayList<>();
    for (AluOp op : CHIP.ops()) {
      AluEvent e = first(op);
      truth.add(e);
      lies.add(ShiftChipTest.withX(e, (e.x() + 1) & 0xffff_ffffL));
    }
    assertThat(ChipHarness.proveAndVerify(CHIP, truth, lies)).isNotEqualTo("accepted");
  }

  @Test
  void refusesAWrongYOpIdOrImmediate() {
    AluEvent e = first(AluOp.EXT);
    List<AluEvent> truth = List.of(e);
    AluEvent wrongY = new AluEvent(e.op(), e.a(), e.b(), e.imm(), 0, 0, e.x(), 1);
    AluEvent asIns = new AluEvent(AluOp.INS, e.a(), e.b(), e.imm(), 0, 0, e.x(), 0);
    AluEvent otherPos = new AluEvent(e.op(), e.a(), e.b(), e.imm() + 1, 0, 0, e.x(), 0);
    for (AluEvent lie : List.of(wrongY, asIns, otherPos)) {
      assertThat(ChipHarness.proveAndVerify(CHIP, truth, List.of(lie))).as(lie.toString())
          .isNotEqualTo("accepted");
    }
  }

  /** Forged rows whose x is off by one or has a flipped bit violate a constraint of every op. */
  @Test
  void refusesAForgedRowWithAWrongX() {
    for (AluOp op : CHIP.ops()) {
      AluEvent e = first(op);
      for (long bad : new long[] {(e.x() + 1) & 0xffff_ffffL, e.x() ^ 0x8000_0000L}) {
        long[][] t = trace(List.of(e));
        t[BitsChip.X][0] = bad;
        t[BitsChip.Y][0] = Goldilocks.mul(bad, 2 * (t[BitsChip.PA][0] + 1));
        assertThat(ShiftChipTest.violated(CHIP.table(), t)).as(op + " x=" + bad).hasSize(1);
        if (op == AluOp.INS) {
          assertThat(prove(t, ShiftChipTest.withX(e, bad)))
              .startsWith("prover: table bits: constraints not satisfied");
        }
      }
    }
  }

  /**
   * EXT of a = 1 at pos 31, size 1: a·2 = U1 + 2^32·L1 also holds mod p with U1 = 3, L1 = 2^32 − 1,
   * which would make x = 1; every limb is in range and only the first split's guard refuses it.
   */
  @Test
  void refusesTheWrapAroundSplitWithAllLimbsInRange() {
    AluEvent e = ShiftChipTest.withX(event(AluOp.EXT, 1, 0, 31 + 32), 0);
    long[][] t = trace(List.of(e));
    long u1 = 3;
    long l1 = 0xffff_ffffL;
    setSplit(t, 0, u1, l1);
    long product = l1 << 31;
    setSplit(t, 1, product & 0xffff_ffffL, product >>> 32);
    t[BitsChip.X][0] = 1;
    t[BitsChip.Y][0] = Goldilocks.mul(1, 2 * (t[BitsChip.PA][0] + 1));
    List<Integer> bad = ShiftChipTest.violated(CHIP.table(), t);
    assertThat(bad).hasSize(1);
    assertThat(CHIP.table().constraints().get(bad.get(0)).expr().canonical())
        .as("the first split's guard").contains("main[" + (BitsChip.SPLIT + 4) + "]");
    assertThat(prove(t, ShiftChipTest.withX(e, 1)))
        .startsWith("prover: table bits: constraints not satisfied");
  }

  /** EXT at pos 4 proved with the columns of pos 5: only the immediate's decoding fails. */
  @Test
  void refusesAnImmediateDecodedAsAnotherPosition() {
    long a = 0xdead_beefL;
    long imm = 4 + 32 * 8;
    AluEvent other = event(AluOp.EXT, a, 0, imm + 1);
    long x = BitsChip.expected(AluOp.EXT, a, 0, imm + 1);
    assertThat(x).isNotEqualTo(BitsChip.expected(AluOp.EXT, a, 0, imm));
    long[][] t = trace(List.of(ShiftChipTest.withX(other, x)));
    t[BitsChip.IMM][0] = imm;
    List<Integer> bad = ShiftChipTest.violated(CHIP.table(), t);
    assertThat(bad).hasSize(1);
    assertThat(CHIP.table().constraints().get(bad.get(0)).expr().canonical())
        .contains("main[" + BitsChip.IMM + "]");
    assertThat(prove(t, ShiftChipTest.withX(event(AluOp.EXT, a, 0, imm), x)))
        .startsWith("prover: table bits: constraints not satisfied");
  }

  /** CLZ(0) claimed 0 (z = 0) needs W = −2^32, which has no 16-bit limbs. */
  @Test
  void refusesACountOfAZeroWithoutTheZeroFlag() {
    AluEvent e = event(AluOp.CLZ, 0, 0, 0);
    long[][] t = trace(List.of(ShiftChipTest.withX(e, 32)));
    t[BitsChip.Z][0] = 0;
    t[BitsChip.X][0] = 0;
    t[BitsChip.Y][0] = 0;
    forceU1(t, Goldilocks.neg(1L << 32));
    assertThat(ShiftChipTest.violated(CHIP.table(), t)).isEmpty();
    assertThat(prove(t, ShiftChipTest.withX(e, 0))).isNotEqualTo("accepted");
  }

  /** CLZ(0x00ff_ffff) claimed 9 instead of 8: v·2^9 ≥ 2^32, so W needs a limb ≥ 2^16. */
  @Test
  void refusesACountOffByOneThroughTheRangeCheck() {
    long v = 0x00ff_ffffL;
    AluEvent e = event(AluOp.CLZ, v, 0, 0);
    long[][] t = trace(List.of(ShiftChipTest.withX(e, 8)));
    t[BitsChip.C][0] = 1;
    t[BitsChip.C + 3][0] = 1;
    t[BitsChip.PA_HELP][0] = 1;
    t[BitsChip.PA][0] = (1 << 9) - 1;
    t[BitsChip.X][0] = 9;
    t[BitsChip.Y][0] = 9L << 10;
    forceU1(t, (v << 10) - (1L << 32));
    assertThat(ShiftChipTest.violated(CHIP.table(), t)).isEmpty();
    assertThat(prove(t, ShiftChipTest.withX(e, 9))).isNotEqualTo("accepted");
  }

  /** SEB of 0x80 with sign 0 claimed: 512·0x80 = 2^16 is outside the range table. */
  @Test
  void refusesAWrongSignExtensionThroughTheRangeCheck() {
    AluEvent e = event(AluOp.SEB, 0, 0x80, 0);
    long[][] t = trace(List.of(ShiftChipTest.withX(e, 0xffff_ff80L)));
    t[BitsChip.SG][0] = 0;
    t[BitsChip.X][0] = 0x80;
    t[BitsChip.Y][0] = 0x100;
    assertThat(ShiftChipTest.violated(CHIP.table(), t)).isEmpty();
    assertThat(prove(t, ShiftChipTest.withX(e, 0x80))).isNotEqualTo("accepted");
  }

  /** Completeness on random operands and bit fields: honest rows satisfy every constraint. */
  @Property(tries = 300)
  void honestRowsOfRandomInputsSatisfyEveryConstraint(@ForAll("bitsOps") AluOp op,
      @ForAll @LongRange(max = 0xffff_ffffL) long a, @ForAll @LongRange(max = 0xffff_ffffL) long b,
      @ForAll @IntRange(max = 31) int pos, @ForAll @IntRange(min = 1, max = 32) int size) {
    boolean field = op == AluOp.EXT || op == AluOp.INS;
    long imm = field ? Math.min(pos, 32 - size) + 32L * size : 0;
    AluEvent e = ShiftChipTest.withX(event(op, a, b, imm), BitsChip.expected(op, a, b, imm));
    assertThat(ShiftChipTest.violated(CHIP.table(), trace(List.of(e)))).isEmpty();
  }

  @Provide
  Arbitrary<AluOp> bitsOps() {
    return Arbitraries.of(AluOp.CLZ, AluOp.CLO, AluOp.SEB, AluOp.SEH, AluOp.WSBH, AluOp.EXT,
        AluOp.INS);
  }

  @Test
  void paddingRowsSendNothingAndTheTableHasDegreeThree() {
    LookupCounts counts = new LookupCounts();
    long[][] t = CHIP.trace(List.of(), counts);
    assertThat(Arrays.asList(t)).allSatisfy(col -> assertThat(col).hasSize(2).containsOnly(0));
    assertThat(ShiftChipTest.violated(CHIP.table(), t)).isEmpty();
    assertThat(counts.range16).containsOnly(0);
    assertThat(counts.bytes).containsOnly(0);
    LookupCounts one = new LookupCounts();
    CHIP.trace(List.of(ShiftChipTest.withX(event(AluOp.INS, 1, 0, 3 + 32 * 4), 8)), one);
    assertThat(Arrays.stream(one.range16).sum()).as("3 splits + the sign").isEqualTo(13);
    assertThat(Arrays.stream(one.bytes).sum()).isEqualTo(2);
    TableDef def = CHIP.table();
    assertThat(def.constraints()).allSatisfy(
        c -> assertThat(c.expr().degree()).isLessThanOrEqualTo(3));
    assertThat(def.interactions()).allSatisfy(i -> {
      assertThat(i.multiplicity().degree()).isLessThanOrEqualTo(2);
      i.values().forEach(v -> assertThat(v.degree()).isLessThanOrEqualTo(1));
    });
  }

  private static void setSplit(long[][] t, int k, long u, long l) {
    int base = BitsChip.SPLIT + 5 * k;
    t[base][0] = u & 0xffff;
    t[base + 1][0] = u >>> 16;
    t[base + 2][0] = l & 0xffff;
    t[base + 3][0] = l >>> 16;
    t[base + 4][0] = l == 0xffff_ffffL ? 0 : Goldilocks.inv(Goldilocks.sub(l, 0xffff_ffffL));
  }

  /** U1 = w as a field element: low limb w mod 2^16, high limb (w − low)/2^16 in the field. */
  private static void forceU1(long[][] t, long w) {
    long lo = w & 0xffff;
    t[BitsChip.SPLIT][0] = lo;
    t[BitsChip.SPLIT + 1][0] = Goldilocks.mul(Goldilocks.sub(w, lo), Goldilocks.inv(1 << 16));
    t[BitsChip.SPLIT + 4][0] = Goldilocks.inv(Goldilocks.neg(0xffff_ffffL));
  }

  private static String prove(long[][] t, AluEvent sent) {
    return ShiftChipTest.Tampered.prove(CHIP, t, List.of(sent), BitsChip::countLookups);
  }

  private static long[][] trace(List<AluEvent> events) {
    return CHIP.trace(events, new LookupCounts());
  }

  private static AluEvent first(AluOp op) {
    return honest.stream().filter(e -> e.op() == op && e.x() != 0 && e.x() != 0xffff_ffffL
        && (e.a() | e.b()) > 0x1_0000).findFirst().orElseThrow();
  }
}
