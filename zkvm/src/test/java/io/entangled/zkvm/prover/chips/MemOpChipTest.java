package io.entangled.zkvm.prover.chips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.AsmRun;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.vm.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * MemOpChip: its result for every op, offset and edge/random word agrees with MipsMachine (run on
 * assembled programs), honest batches prove, and tampered tuples or hand-built malicious rows are
 * refused by the constraints and lookups (not just by trace generation).
 */
class MemOpChipTest {
  private static final MemOpChip CHIP = new MemOpChip();
  private static final long[] EDGE = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fff_ffffL,
      0x8000_0000L, 0xffff_ffffL, 0x1122_3344L, 0x80ff_7f01L};
  private static final Map<AluOp, Integer> OPCODE = Map.ofEntries(Map.entry(AluOp.LB, 0x20),
      Map.entry(AluOp.LH, 0x21), Map.entry(AluOp.LWL, 0x22), Map.entry(AluOp.LW, 0x23),
      Map.entry(AluOp.LBU, 0x24), Map.entry(AluOp.LHU, 0x25), Map.entry(AluOp.LWR, 0x26),
      Map.entry(AluOp.SB, 0x28), Map.entry(AluOp.SH, 0x29), Map.entry(AluOp.SWL, 0x2a),
      Map.entry(AluOp.SW, 0x2b), Map.entry(AluOp.SWR, 0x2e));
  private static final Set<AluOp> STORES = Set.of(AluOp.SB, AluOp.SH, AluOp.SW, AluOp.SWL,
      AluOp.SWR);
  /** Cases per executor run: befores in words 0..511 of the data page, load results above. */
  private static final int BATCH = 512;
  private static final int RESULTS = 2048;
  private static final String CONSTRAINTS = "prover: table memop: constraints not satisfied";
  private static final String BYTES = "bus " + Lookups.BUS_BYTES + " does not balance";
  private static final String MEMOP = "bus " + Lookups.BUS_MEMOP + " does not balance";

  /** One use: op at byte offset off of a word holding before, with rt's value rt. */
  record Case(AluOp op, int off, long rt, long before) {}

  // ---------------------------------------------------------------- semantics vs the executor

  @Test
  void resultMatchesExecutorForEveryOpOffsetAndEdgeWord() {
    List<Case> cases = new ArrayList<>();
    for (AluOp op : MemOpChip.OPS) {
      for (int off = 0; off < 4; off++) {
        if (!MemOpChip.aligned(op, off)) {
          continue;
        }
        for (long rt : EDGE) {
          for (long before : EDGE) {
            cases.add(new Case(op, off, rt, before));
          }
        }
      }
    }
    assertThat(cases).hasSize(36 * EDGE.length * EDGE.length);
    assertMatchesExecutor(cases);
  }

  @Property(tries = 25)
  void resultMatchesExecutorOnRandomWords(@ForAll("cases") List<Case> cases) {
    assertMatchesExecutor(cases);
  }

  @Provide
  Arbitrary<List<Case>> cases() {
    Arbitrary<Case> one = Combinators.combine(Arbitraries.of(MemOpChip.OPS),
        Arbitraries.integers().between(0, 3), Arbitraries.integers(), Arbitraries.integers())
        .as((op, off, rt, before) -> new Case(op, off, rt & 0xffff_ffffL, before & 0xffff_ffffL))
        .filter(c -> MemOpChip.aligned(c.op(), c.off()));
    return one.list().ofMinSize(1).ofMaxSize(64);
  }

  @Test
  void misalignedHalfAndWordAccessesFaultInExecutorAndHaveNoResult() {
    for (AluOp op : List.of(AluOp.LH, AluOp.LHU, AluOp.SH, AluOp.LW, AluOp.SW)) {
      for (int off = 1; off < 4; off++) {
        boolean aligned = MemOpChip.aligned(op, off);
        assertThat(runOne(op, off).result.status())
            .as(op + " at offset " + off)
            .isEqualTo(aligned ? RunResult.Status.EXITED : RunResult.Status.FAULT);
        if (!aligned) {
          int o = off;
          assertThatThrownBy(() -> MemOpChip.result(op, o, 1, 2))
              .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("misaligned");
        }
      }
    }
  }

  @Test
  void traceRefusesWrongResultNamingOpAndValues() {
    AluEvent wrong = AluEvent.memory(AluOp.LB, 3, 0, 0x80, 0x80);
    assertThatThrownBy(() -> CHIP.trace(List.of(wrong), new LookupCounts()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LB").hasMessageContaining("off=3")
        .hasMessageContaining("0xffffff80");
    AluEvent badOff = AluEvent.memory(AluOp.LB, 4, 0, 0, 0);
    assertThatThrownBy(() -> CHIP.trace(List.of(badOff), new LookupCounts()))
        .hasMessageContaining("off must be 0..3");
  }

  @Test
  void tableHasDegreeAtMostThreeAndSmallTuples() {
    TableDef t = CHIP.table();
    assertThat(t.mainWidth()).isEqualTo(MemOpChip.WIDTH);
    assertThat(t.constraints())
        .allSatisfy(c -> assertThat(c.expr().degree()).isLessThanOrEqualTo(3));
    assertThat(t.interactions()).allSatisfy(i -> {
      assertThat(i.multiplicity().degree()).isLessThanOrEqualTo(2);
      assertThat(i.values()).allSatisfy(v -> assertThat(v.degree()).isLessThanOrEqualTo(1));
    });
    assertThat(t.interactions()).hasSize(1 + MemOpChip.LOOKUPS);
  }

  // ---------------------------------------------------------------- honest proofs

  @Test
  void provesEveryOpAtEveryAlignedOffsetWithPadding() {
    Random rnd = new Random(7);
    List<AluEvent> events = new ArrayList<>();
    for (AluOp op : MemOpChip.OPS) {
      for (int off = 0; off < 4; off++) {
        if (!MemOpChip.aligned(op, off)) {
          continue;
        }
        for (long before : new long[] {0, 0xffff_ffffL, 0x8000_0000L, 0x7fff_ffffL, 0x80ff_7f01L}) {
          events.add(event(op, off, EDGE[rnd.nextInt(EDGE.length)], before));
        }
        events.add(event(op, off, rnd.nextInt() & 0xffff_ffffL, rnd.nextInt() & 0xffff_ffffL));
      }
    }
    assertThat(Integer.bitCount(events.size())).isGreaterThan(1);
    assertThat(ChipHarness.proveAndVerify(CHIP, events)).isEqualTo("accepted");
  }

  // ---------------------------------------------------------------- adversarial

  @Test
  void refusesXOffByOneEvenWithAMatchingChipRow() {
    List<AluEvent> honest = List.of(event(AluOp.LWL, 1, 0xdead_beefL, 0x1122_3344L),
        event(AluOp.SB, 2, 0xff, 0));
    long x = honest.get(0).x() + 1;
    List<AluEvent> sent = List.of(withX(honest.get(0), x), honest.get(1));
    assertThat(proveTampered(honest, sent, t -> t[MemOpChip.X][0] = x)).startsWith(CONSTRAINTS);
  }

  @Test
  void refusesFlippedBitInSentX() {
    List<AluEvent> honest = List.of(event(AluOp.SWR, 0, 0xcafe_babeL, 0x0102_0304L),
        event(AluOp.LH, 2, 0, 0x1234_8001L));
    AluEvent flipped = withX(honest.get(1), honest.get(1).x() ^ 1L << 20);
    List<AluEvent> sent = List.of(honest.get(0), flipped);
    assertThat(ChipHarness.proveAndVerify(CHIP, honest, sent)).isEqualTo(MEMOP);
  }

  @Test
  void refusesXComputedFromAStaleBefore() {
    AluEvent stale = event(AluOp.SWL, 2, 0xa1b2_c3d4L, 0x5566_7788L);
    long current = 0x5567_7788L;
    AluEvent sent = AluEvent.memory(AluOp.SWL, 2, 0xa1b2_c3d4L, current, stale.x());
    assertThat(stale.x()).isNotEqualTo(MemOpChip.result(AluOp.SWL, 2, 0xa1b2_c3d4L, current));
    assertThat(ChipHarness.proveAndVerify(CHIP, List.of(stale, event(AluOp.LW, 0, 0, 5)),
        List.of(sent, event(AluOp.LW, 0, 0, 5)))).isEqualTo(MEMOP);
  }

  @Test
  void refusesAnotherOpsResultUnderTheSentOpId() {
    AluEvent lbu = event(AluOp.LBU, 1, 0, 0x0090_0000L);
    AluEvent asLb = new AluEvent(AluOp.LB, 1, 0, 0x0090_0000L, 0, 0, lbu.x(), 0);
    List<AluEvent> other = List.of(event(AluOp.LHU, 0, 0, 0xffff_0000L));
    assertThat(ChipHarness.proveAndVerify(CHIP, list(lbu, other), list(asLb, other)))
        .isEqualTo(MEMOP);
    // the chip row claims LB but keeps LBU's x: the result constraint refuses it
    int lb = MemOpChip.selector(AluOp.LB);
    int lbuSel = MemOpChip.selector(AluOp.LBU);
    assertThat(proveTampered(list(lbu, other), list(asLb, other), t -> {
      t[lbuSel][0] = 0;
      t[lb][0] = 1;
    })).startsWith(CONSTRAINTS);
  }

  @Test
  void refusesAByteAboveTwoFiftyFiveThatKeepsTheWordsValue() {
    // before = 0x00000105 = bytes (0, 0, 1, 5), forged as (0, 0, 0, 261): same sum, LBU at 3 = 261
    long before = 0x0000_0105L;
    AluEvent honest = event(AluOp.LBU, 3, 0, before);
    long forged = 5 + 256;
    AluEvent sent = withX(honest, forged);
    String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
      t[MemOpChip.BEFORE + 2][0] = 0;
      t[MemOpChip.BEFORE + 3][0] = forged;
      t[MemOpChip.SIGN_BYTE][0] = forged;
      t[MemOpChip.X][0] = forged;
    });
    assertThat(verdict).isEqualTo(BYTES);
    // same with a wrapped (p − 1) digit: before = 0x00000005 as (0, 0, −1, 261)
    AluEvent honest2 = event(AluOp.LBU, 3, 0, 5);
    String verdict2 = proveTampered(List.of(honest2), List.of(withX(honest2, forged)), t -> {
      t[MemOpChip.BEFORE + 2][0] = Goldilocks.P - 1;
      t[MemOpChip.BEFORE + 3][0] = forged;
      t[MemOpChip.SIGN_BYTE][0] = forged;
      t[MemOpChip.X][0] = forged;
    });
    assertThat(verdict2).isEqualTo(BYTES);
  }

  @Test
  void refusesABorrowMovedBetweenTheBytesOfAPair() {
    // LWR at offset 2 of 0x11223344 gives R_0 then bytes 0..2 of before: 0x..112233. Writing before
    // as (0x11, 0x22, 0x32, 0x144) keeps its value and the selected byte 0x32 valid, and gives
    // x − 1: only the pair lookup of (B_2, B_3) stands in the way
    long before = 0x1122_3344L;
    AluEvent honest = event(AluOp.LWR, 2, 0xaa00_0000L, before);
    assertThat(honest.x()).isEqualTo(0xaa11_2233L);
    AluEvent sent = withX(honest, 0xaa11_2232L);
    String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
      t[MemOpChip.BEFORE + 2][0] = 0x32;
      t[MemOpChip.BEFORE + 3][0] = 0x144;
      t[MemOpChip.SIGN_BYTE][0] = 0x32;
      t[MemOpChip.X][0] = 0xaa11_2232L;
    });
    assertThat(verdict).isEqualTo(BYTES);
  }

  @Test
  void refusesABeforeThatIsNotAU32() {
    // the chip does not trust the CPU's ranges: before = 2^32 + 5 would need B_0 = 256
    long big = (1L << 32) + 5;
    AluEvent honest = event(AluOp.LW, 0, 0, 5);
    AluEvent sent = AluEvent.memory(AluOp.LW, 0, 0, big, big);
    String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
      t[MemOpChip.BEFORE][0] = 256;
      t[MemOpChip.SIGN_BYTE][0] = 256;
      t[MemOpChip.X][0] = big;
    });
    assertThat(verdict).isEqualTo(BYTES);
  }

  @Test
  void refusesAWrongSignBit() {
    AluEvent honest = event(AluOp.LB, 0, 0, 0x8011_2233L);
    assertThat(honest.x()).isEqualTo(0xffff_ff80L);
    AluEvent sent = withX(honest, 0x80);
    String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
      t[MemOpChip.SIGN_BIT][0] = 0;
      t[MemOpChip.X][0] = 0x80;
    });
    assertThat(verdict).isEqualTo(BYTES);
  }

  @Test
  void refusesASignBitTakenFromAnotherByte() {
    // LB at offset 0 of 0x00800000 is 0; claiming sb = 0x80 (byte 1, a valid byte-table row with
    // s = 1) would give 0xffffff00: only sb = Σ o_k·B_k stands in the way
    AluEvent honest = event(AluOp.LB, 0, 0, 0x0080_0000L);
    assertThat(honest.x()).isZero();
    AluEvent sent = withX(honest, 0xffff_ff00L);
    String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
      t[MemOpChip.SIGN_BYTE][0] = 0x80;
      t[MemOpChip.SIGN_BIT][0] = 1;
      t[MemOpChip.X][0] = 0xffff_ff00L;
    });
    assertThat(verdict).startsWith(CONSTRAINTS);
  }

  @Test
  void refusesMisalignedHalfAndWordRowsBuiltByHand() {
    for (AluOp op : List.of(AluOp.LH, AluOp.SW)) {
      int off = op == AluOp.LH ? 1 : 2;
      AluEvent honest = event(op, 0, 0x0102_0304L, 0x0506_0708L);
      // the result constraint has no term for a misaligned (op, off): x = 0 satisfies it, so only
      // the alignment constraint stands in the way
      AluEvent sent = AluEvent.memory(op, off, 0x0102_0304L, 0x0506_0708L, 0);
      String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
        t[MemOpChip.OFF][0] = 0;
        t[MemOpChip.OFF + off][0] = 1;
        t[MemOpChip.X][0] = 0;
      });
      assertThat(verdict).as(op.toString()).startsWith(CONSTRAINTS);
    }
  }

  @Test
  void refusesTwoOffsetSelectorsThatAddUpToTheSentOffset() {
    // o_1 + o_2 set: Σ k·o_k = 3 as sent, and the result constraint gives LBU's x = B_1 + B_2;
    // only Σ o_k = real stands in the way
    long before = 0x0011_2233L;
    AluEvent honest = event(AluOp.LBU, 3, 0, before);
    AluEvent sent = withX(honest, 0x11 + 0x22);
    String verdict = proveTampered(List.of(honest), List.of(sent), t -> {
      t[MemOpChip.OFF + 3][0] = 0;
      t[MemOpChip.OFF + 1][0] = 1;
      t[MemOpChip.OFF + 2][0] = 1;
      t[MemOpChip.X][0] = 0x11 + 0x22;
    });
    assertThat(verdict).startsWith(CONSTRAINTS);
  }

  // ---------------------------------------------------------------- helpers

  private static AluEvent event(AluOp op, int off, long rt, long before) {
    return AluEvent.memory(op, off, rt, before, MemOpChip.result(op, off, rt, before));
  }

  private static AluEvent withX(AluEvent e, long x) {
    return AluEvent.memory(e.op(), e.a(), e.b(), e.imm(), x);
  }

  private static List<AluEvent> list(AluEvent first, List<AluEvent> rest) {
    List<AluEvent> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /**
   * The honest trace of chipEvents, modified by tamper, with the lookup multiplicities a cheating
   * prover would claim for it (every lookup the tampered rows send that the byte table has); the
   * driver sends sent.
   */
  private static String proveTampered(List<AluEvent> chipEvents, List<AluEvent> sent,
      Consumer<long[][]> tamper) {
    Chip tampered = new Chip() {
      @Override
      public String name() {
        return CHIP.name();
      }

      @Override
      public Set<AluOp> ops() {
        return CHIP.ops();
      }

      @Override
      public TableDef table() {
        return CHIP.table();
      }

      @Override
      public long[][] trace(List<AluEvent> events, LookupCounts counts) {
        long[][] t = CHIP.trace(events, new LookupCounts());
        tamper.accept(t);
        countLookups(t, counts);
        return t;
      }
    };
    return ChipHarness.proveAndVerify(tampered, chipEvents, sent);
  }

  private static void countLookups(long[][] t, LookupCounts counts) {
    int[] firsts = {MemOpChip.BEFORE, MemOpChip.BEFORE + 2, MemOpChip.RT, MemOpChip.RT + 2};
    for (int row = 0; row < t[0].length; row++) {
      long real = 0;
      for (int sel = 0; sel < MemOpChip.OPS.size(); sel++) {
        real += t[sel][row];
      }
      for (long n = 0; n < real; n++) {
        for (int p = 0; p < firsts.length; p++) {
          int u = firsts[p];
          countIfInTable(counts, t[u][row], t[u + 1][row], t[MemOpChip.AND + p][row]);
        }
        long sb = t[MemOpChip.SIGN_BYTE][row];
        countIfInTable(counts, sb, 128, 128 * t[MemOpChip.SIGN_BIT][row]);
      }
    }
  }

  /** Counts the lookup (u, v, and, ...) when the byte table has that row. */
  private static void countIfInTable(LookupCounts counts, long u, long v, long and) {
    if (u >= 0 && u < 256 && v >= 0 && v < 256 && (u & v) == and) {
      counts.bytePair(u, v);
    }
  }

  private static void assertMatchesExecutor(List<Case> cases) {
    for (int from = 0; from < cases.size(); from += BATCH) {
      List<Case> batch = cases.subList(from, Math.min(cases.size(), from + BATCH));
      long[] got = executor(batch);
      for (int i = 0; i < batch.size(); i++) {
        Case c = batch.get(i);
        assertThat(MemOpChip.result(c.op(), c.off(), c.rt(), c.before()))
            .as("%s off=%d rt=0x%08x before=0x%08x", c.op(), c.off(), c.rt(), c.before())
            .isEqualTo(got[i]);
      }
    }
  }

  /**
   * Runs every case in one program: word i of the data page holds before; rt is loaded into $9,
   * the op addresses byte 4i + off; a load's $9 is stored at RESULTS + 4i, a store's word is read
   * back from word i.
   */
  private static long[] executor(List<Case> cases) {
    byte[] data = new byte[4096];
    Asm a = new Asm().li(8, TestElf.DATA);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      putWord(data, 4 * i, c.before());
      a.li(9, (int) c.rt()).imm(OPCODE.get(c.op()), 8, 9, 4 * i + c.off());
      if (!STORES.contains(c.op())) {
        a.sw(9, 8, RESULTS + 4 * i);
      }
    }
    AsmRun run = AsmRun.run(a.exit(0), data);
    assertThat(run.result.status()).isEqualTo(RunResult.Status.EXITED);
    long[] out = new long[cases.size()];
    for (int i = 0; i < cases.size(); i++) {
      int at = TestElf.DATA + (STORES.contains(cases.get(i).op()) ? 4 * i : RESULTS + 4 * i);
      out[i] = run.word(at) & 0xffff_ffffL;
    }
    return out;
  }

  private static AsmRun runOne(AluOp op, int off) {
    Asm a = new Asm().li(8, TestElf.DATA).li(9, 0x1234_5678).imm(OPCODE.get(op), 8, 9, off);
    return AsmRun.run(a.exit(0), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
  }

  private static void putWord(byte[] data, int at, long w) {
    for (int k = 0; k < 4; k++) {
      data[at + k] = (byte) (w >>> (24 - 8 * k));
    }
  }
}
