package io.entangled.zkvm.prover.chips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
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
 * ShiftChip: results against the executor (MipsMachine running the real instructions), proofs of
 * edge and random operands, and hand-built malicious traces that only the constraints can refuse.
 */
class ShiftChipTest {
  static final long[] EDGES = {0, 1, 2, 31, 32, 33, 0x7fff, 0x8000, 0xffff, 0x1_0000, 0x1234_5678,
      0x7fff_ffffL, 0x8000_0000L, 0x8000_0001L, 0xdead_beefL, 0xffff_fffeL, 0xffff_ffffL};

  private static final ShiftChip CHIP = new ShiftChip();
  private static List<AluEvent> honest;

  /** All ops over edge operands, every amount, and random operands, checked by the executor. */
  @BeforeAll
  static void buildEvents() {
    List<AluEvent> shape = new ArrayList<>();
    Random rnd = new Random(7);
    for (AluOp op : List.of(AluOp.SLLV, AluOp.SRLV, AluOp.SRAV, AluOp.ROTRV)) {
      for (long b : EDGES) {
        for (long a : new long[] {0, 1, 15, 16, 31, 32, 63, 0xffff_ffe1L, 0xffff_ffffL}) {
          shape.add(event(op, a, b, 0));
        }
      }
      for (int s = 0; s < 32; s++) {
        shape.add(event(op, s + 32L * rnd.nextInt(1 << 27), 0x8765_4321L, 0));
      }
      for (int k = 0; k < 40; k++) {
        shape.add(event(op, rnd.nextLong() & 0xffff_ffffL, rnd.nextLong() & 0xffff_ffffL, 0));
      }
    }
    for (int s = 0; s < 32; s++) {
      for (long b : EDGES) {
        shape.add(event(AluOp.ROTR, 0, b, s));
      }
    }
    long[] x = Executor.run(shape, ShiftChipTest::emit);
    honest = new ArrayList<>();
    for (int i = 0; i < shape.size(); i++) {
      AluEvent e = shape.get(i);
      honest.add(new AluEvent(e.op(), e.a(), e.b(), e.imm(), 0, 0, x[i], 0));
    }
  }

  static AluEvent event(AluOp op, long a, long b, long imm) {
    return new AluEvent(op, a, b, imm, 0, 0, 0, 0);
  }

  /** The instruction for an event: a in r8, b in r9, result in r2. */
  private static void emit(Asm asm, AluEvent e) {
    switch (e.op()) {
      case SLLV -> asm.special(8, 9, 2, 0, 0x04);
      case SRLV -> asm.special(8, 9, 2, 0, 0x06);
      case ROTRV -> asm.special(8, 9, 2, 1, 0x06);
      case SRAV -> asm.special(8, 9, 2, 0, 0x07);
      case ROTR -> asm.special(1, 9, 2, (int) e.imm(), 0x02);
      default -> throw new IllegalArgumentException(e.op().toString());
    }
  }

  @Test
  void chipResultsAreTheExecutors() {
    for (AluEvent e : honest) {
      assertThat(ShiftChip.expected(e.op(), e.a(), e.b(), e.imm())).as(e.toString())
          .isEqualTo(e.x());
    }
  }

  @Test
  void edgeAndRandomShiftsProveAndVerify() {
    assertThat(honest).hasSizeGreaterThan(900);
    assertThat(violated(CHIP.table(), honestTrace(honest))).isEmpty();
    assertThat(ChipHarness.proveAndVerify(CHIP, honest)).isEqualTo("accepted");
  }

  @Test
  void traceRefusesAWrongResultNamingTheOp() {
    AluEvent e = honest.get(3);
    AluEvent wrong = new AluEvent(e.op(), e.a(), e.b(), e.imm(), 0, 0, e.x() ^ 1, 0);
    assertThatThrownBy(() -> CHIP.trace(List.of(wrong), new LookupCounts()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(e.op().toString());
  }

  /** The CPU sends x + 1 for every op while the chip proves the true results (one proof). */
  @Test
  void refusesAWrongXSentByTheCpu() {
    List<AluEvent> truth = new ArrayList<>();
    List<AluEvent> lies = new ArrayList<>();
    for (AluOp op : CHIP.ops()) {
      AluEvent e = first(op, 0x8000_0001L);
      truth.add(e);
      lies.add(withX(e, (e.x() + 1) & 0xffff_ffffL));
    }
    assertThat(ChipHarness.proveAndVerify(CHIP, truth, lies)).isNotEqualTo("accepted");
  }

  /** Forged rows whose x is off by one or has a flipped bit: only the x constraint fails. */
  @Test
  void refusesAForgedRowWithAWrongX() {
    for (AluOp op : CHIP.ops()) {
      AluEvent e = first(op, 0x8000_0001L);
      for (long bad : new long[] {(e.x() + 1) & 0xffff_ffffL, e.x() ^ 0x8000_0000L}) {
        long[][] t = honestTrace(List.of(e));
        t[ShiftChip.X][0] = bad;
        assertThat(violated(CHIP.table(), t)).as(op + " x=" + bad)
            .containsExactly(CHIP.table().constraints().size() - 1);
        if (op == AluOp.SRAV) {
          assertThat(Tampered.prove(CHIP, t, List.of(withX(e, bad)))).as(op + " x=" + bad)
              .startsWith("prover: table shift: constraints not satisfied");
        }
      }
    }
  }

  @Test
  void refusesAWrongYOrAWrongOpId() {
    AluEvent e = first(AluOp.SRLV, 0x8000_0001L);
    AluEvent wrongY = new AluEvent(e.op(), e.a(), e.b(), e.imm(), 0, 0, e.x(), 1);
    assertThat(ChipHarness.proveAndVerify(CHIP, List.of(e), List.of(wrongY)))
        .isNotEqualTo("accepted");
    AluEvent asSll = new AluEvent(AluOp.SLLV, e.a(), e.b(), 0, 0, 0, e.x(), 0);
    assertThat(ChipHarness.proveAndVerify(CHIP, List.of(e), List.of(asSll)))
        .isNotEqualTo("accepted");
    AluEvent asSra = new AluEvent(AluOp.SRAV, e.a(), e.b(), 0, 0, 0, e.x(), 0);
    assertThat(ChipHarness.proveAndVerify(CHIP, List.of(e), List.of(asSra)))
        .isNotEqualTo("accepted");
  }

  /**
   * The wrap trick: U + 2^32·L ≡ b·2^e (mod p) also holds with L = 2^32 − 1 and U + 1 when the
   * product is small; every limb is in range, only the guard column's constraint refuses it.
   */
  @Test
  void refusesTheWrapAroundDecompositionWithAllLimbsInRange() {
    AluEvent e = event(AluOp.SLLV, 0, 5, 0);
    e = withX(e, 5);
    long[][] t = honestTrace(List.of(e));
    t[ShiftChip.U0][0] = 6;
    t[ShiftChip.L0][0] = 0xffff;
    t[ShiftChip.L1][0] = 0xffff;
    t[ShiftChip.X][0] = 6;
    t[ShiftChip.LINV][0] = 0;
    long u = 6;
    long l = 0xffff_ffffL;
    assertThat(Goldilocks.add(u, Goldilocks.mul(l, 1L << 32))).isEqualTo(5);
    List<Integer> bad = violated(CHIP.table(), t);
    assertThat(bad).hasSize(1);
    assertThat(CHIP.table().constraints().get(bad.get(0)).expr().canonical())
        .as("the guard").contains("main[" + ShiftChip.LINV + "]");
    assertThat(Tampered.prove(CHIP, t, List.of(withX(e, 6))))
        .startsWith("prover: table shift: constraints not satisfied");
  }

  /** SRAV of a negative b with sign 0 claimed: the bound L &lt; pow needs a limb ≥ 2^16. */
  @Test
  void refusesAWrongSignFillThroughTheRangeCheck() {
    AluEvent e = first(AluOp.SRAV, 0x8000_0001L);
    long s = e.a() & 31;
    long[][] t = honestTrace(List.of(e));
    long l = e.b() >>> s;
    long pow = 1L << (31 - s);
    t[ShiftChip.SIGN][0] = 0;
    t[ShiftChip.BB][0] = e.b();
    long product = e.b() << (32 - s);
    t[ShiftChip.U0][0] = product & 0xffff;
    t[ShiftChip.U1][0] = (product >>> 16) & 0xffff;
    t[ShiftChip.L0][0] = l & 0xffff;
    t[ShiftChip.L1][0] = l >>> 16;
    t[ShiftChip.LINV][0] = Goldilocks.inv(Goldilocks.sub(l, 0xffff_ffffL));
    t[ShiftChip.X][0] = l;
    long k = Goldilocks.sub(pow - 1, l);
    t[ShiftChip.K0][0] = k & 0xffff;
    t[ShiftChip.K1][0] = Goldilocks.mul(Goldilocks.sub(k, k & 0xffff), Goldilocks.inv(1 << 16));
    assertThat(t[ShiftChip.K1][0]).isGreaterThanOrEqualTo(1 << 16);
    assertThat(violated(CHIP.table(), t)).as("every polynomial constraint holds").isEmpty();
    assertThat(Tampered.prove(CHIP, t, List.of(withX(e, l)))).isNotEqualTo("accepted");
  }

  /** A shift amount of s + 1 with q − 1/32: q's limbs cannot both be in range. */
  @Test
  void refusesAWrongAmountThroughTheRangeCheck() {
    AluEvent e = first(AluOp.SLLV, 0x8000_0001L);
    long s = (e.a() & 31) + 1;
    AluEvent lie = withX(e, (e.b() << s) & 0xffff_ffffL);
    long[][] t = honestTrace(List.of(withX(event(AluOp.SLLV, s, e.b(), 0), lie.x())));
    t[ShiftChip.A][0] = e.a();
    long q = Goldilocks.mul(Goldilocks.sub(e.a(), s), Goldilocks.inv(32));
    t[ShiftChip.Q0][0] = q & 0xffff;
    t[ShiftChip.Q1][0] = Goldilocks.mul(Goldilocks.sub(q, q & 0xffff), Goldilocks.inv(1 << 16));
    assertThat(t[ShiftChip.Q1][0]).isGreaterThanOrEqualTo(1 << 16);
    assertThat(violated(CHIP.table(), t)).as("every polynomial constraint holds").isEmpty();
    assertThat(Tampered.prove(CHIP, t, List.of(lie))).isNotEqualTo("accepted");
  }

  /** Completeness on random operands: the honest row of any input satisfies every constraint. */
  @Property(tries = 300)
  void honestRowsOfRandomInputsSatisfyEveryConstraint(@ForAll("shiftOps") AluOp op,
      @ForAll @LongRange(max = 0xffff_ffffL) long a, @ForAll @LongRange(max = 0xffff_ffffL) long b,
      @ForAll @IntRange(max = 31) int amount) {
    long aa = op == AluOp.ROTR ? 0 : a;
    long imm = op == AluOp.ROTR ? amount : 0;
    AluEvent e = withX(event(op, aa, b, imm), ShiftChip.expected(op, aa, b, imm));
    assertThat(violated(CHIP.table(), honestTrace(List.of(e)))).isEmpty();
  }

  @Provide
  Arbitrary<AluOp> shiftOps() {
    return Arbitraries.of(AluOp.SLLV, AluOp.SRLV, AluOp.SRAV, AluOp.ROTR, AluOp.ROTRV);
  }

  @Test
  void paddingRowsSendNothingAndTheTableHasDegreeThree() {
    LookupCounts counts = new LookupCounts();
    long[][] t = CHIP.trace(List.of(), counts);
    assertThat(Arrays.asList(t)).allSatisfy(col -> assertThat(col).hasSize(2).containsOnly(0));
    assertThat(violated(CHIP.table(), t)).isEmpty();
    assertThat(counts.range16).containsOnly(0);
    LookupCounts one = new LookupCounts();
    CHIP.trace(List.of(withX(event(AluOp.SRAV, 3, 0x8000_0000L, 0), 0xf000_0000L)), one);
    assertThat(Arrays.stream(one.range16).sum()).as("6 lookups + 2 for SRAV")
        .isEqualTo(8);
    TableDef def = CHIP.table();
    assertThat(def.constraints())
        .allSatisfy(c -> assertThat(c.expr().degree()).isLessThanOrEqualTo(3));
    assertThat(def.interactions()).allSatisfy(i -> {
      assertThat(i.multiplicity().degree()).isLessThanOrEqualTo(2);
      i.values().forEach(v -> assertThat(v.degree()).isLessThanOrEqualTo(1));
    });
  }

  private static AluEvent first(AluOp op, long bAtLeast) {
    return honest.stream().filter(e -> e.op() == op && e.b() >= bAtLeast
        && (op == AluOp.ROTR ? e.imm() : e.a() & 31) > 1).findFirst().orElseThrow();
  }

  static AluEvent withX(AluEvent e, long x) {
    return new AluEvent(e.op(), e.a(), e.b(), e.imm(), e.hiIn(), e.loIn(), x, e.y());
  }

  private static long[][] honestTrace(List<AluEvent> events) {
    return CHIP.trace(events, new LookupCounts());
  }

  /**
   * A chip whose trace is a given (forged) matrix; lookups are counted from the forged columns,
   * leaving out values the range or byte table cannot hold (so such a bus cannot balance).
   */
  static final class Tampered implements Chip {
    private final Chip chip;
    private final long[][] trace;
    private final BiConsumer<long[][], LookupCounts> counter;

    Tampered(Chip chip, long[][] trace, BiConsumer<long[][], LookupCounts> counter) {
      this.chip = chip;
      this.trace = trace;
      this.counter = counter;
    }

    static String prove(ShiftChip chip, long[][] t, List<AluEvent> sent) {
      return prove(chip, t, sent, ShiftChip::countLookups);
    }

    /**
     * Proves a forged trace; {@code count} is the chip's lookup counter. Rows are counted one by
     * one; a row with a lookup the shared tables cannot hold is counted with its out-of-range
     * columns as 0, or not at all when a derived value is out of range: no multiplicities can
     * balance such a lookup, so the choice does not matter for the verdict.
     */
    static String prove(Chip chip, long[][] t, List<AluEvent> sent,
        BiConsumer<long[][], LookupCounts> count) {
      BiConsumer<long[][], LookupCounts> lenient = (trace, counts) -> {
        for (int i = 0; i < trace[0].length; i++) {
          long[][] row = row(trace, i);
          for (long[][] attempt : List.of(row, clip(row))) {
            LookupCounts one = new LookupCounts();
            try {
              count.accept(attempt, one);
              counts.add(one);
              break;
            } catch (IllegalArgumentException outOfRange) {
              // try the next attempt, or leave the row uncounted
            }
          }
        }
      };
      String verdict = ChipHarness.proveAndVerify(new Tampered(chip, t, lenient), sent, sent);
      assertThat(verdict).as("a forged trace must reach the prover").doesNotStartWith("trace:");
      return verdict;
    }

    private static long[][] row(long[][] t, int i) {
      long[][] r = new long[t.length][];
      for (int j = 0; j < t.length; j++) {
        r[j] = new long[] {t[j][i]};
      }
      return r;
    }

    /** A copy with every value ≥ 2^16 replaced by 0. */
    static long[][] clip(long[][] t) {
      long[][] c = new long[t.length][];
      for (int j = 0; j < t.length; j++) {
        c[j] = t[j].clone();
        for (int i = 0; i < c[j].length; i++) {
          if (c[j][i] < 0 || c[j][i] >= 1 << 16) {
            c[j][i] = 0;
          }
        }
      }
      return c;
    }

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
      counter.accept(trace, counts);
      return trace;
    }
  }

  /** Indexes of the user constraints (EVERY_ROW) that some row of {@code t} violates. */
  static List<Integer> violated(TableDef def, long[][] t) {
    List<Integer> bad = new ArrayList<>();
    for (int k = 0; k < def.constraints().size(); k++) {
      Expr e = def.constraints().get(k).expr();
      for (int i = 0; i < t[0].length; i++) {
        if (eval(e, t, i) != 0) {
          bad.add(k);
          break;
        }
      }
    }
    return bad;
  }

  private static long eval(Expr e, long[][] t, int row) {
    return switch (e) {
      case Expr.Const c -> c.value();
      case Expr.Var v -> t[v.index()][row];
      case Expr.Add x -> Goldilocks.add(eval(x.a(), t, row), eval(x.b(), t, row));
      case Expr.Sub x -> Goldilocks.sub(eval(x.a(), t, row), eval(x.b(), t, row));
      case Expr.Mul x -> Goldilocks.mul(eval(x.a(), t, row), eval(x.b(), t, row));
    };
  }

  /** Runs events' instructions through MipsMachine (a in r8, b in r9) and reads r2 after each. */
  static final class Executor {
    private Executor() {}

    static long[] run(List<AluEvent> events, BiConsumer<Asm, AluEvent> emit) {
      Asm asm = new Asm();
      for (AluEvent e : events) {
        asm.li(8, (int) e.a()).li(9, (int) e.b()).addu(2, 0, 0);
        emit.accept(asm, e);
        asm.sw(2, 29, -4).li(4, 1).addiu(5, 29, -4).li(6, 4).li(2, 4004).syscall();
      }
      asm.exit(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        LoadedProgram p = ElfLoader.load(new TestElf().text(asm.bytes()).build());
        RunResult r = new MipsMachine(p, new GuestIo(new byte[0], out,
            OutputStream.nullOutputStream())).run(100L * events.size() + 100);
        assertThat(r.status()).isEqualTo(RunResult.Status.EXITED);
      } catch (Exception e) {
        throw new IllegalStateException("executor run failed", e);
      }
      byte[] bytes = out.toByteArray();
      assertThat(bytes).hasSize(4 * events.size());
      long[] x = new long[events.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = ((bytes[4 * i] & 0xffL) << 24) | ((bytes[4 * i + 1] & 0xffL) << 16)
            | ((bytes[4 * i + 2] & 0xffL) << 8) | (bytes[4 * i + 3] & 0xffL);
      }
      return x;
    }
  }
}
