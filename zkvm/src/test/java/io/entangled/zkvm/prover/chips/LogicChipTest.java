package io.entangled.zkvm.prover.chips;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.prover.tables.AluReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AND/OR/XOR/NOR through the byte table: honest events prove, wrong results or ops do not. */
class LogicChipTest {
  private static final long[] EDGES = {0, 1, 0xff, 0x100, 0x7fff_ffffL, 0x8000_0000L,
      0xffff_ffffL, 0x1234_5678L};
  private static final AluOp[] OPS = {AluOp.AND, AluOp.OR, AluOp.XOR, AluOp.NOR};

  private static AluEvent event(AluOp op, long a, long b) {
    return new AluEvent(op, a, b, 0, 0, 0, AluReference.alu(op, a, b, 0, 0, 0)[0], 0);
  }

  private static List<AluEvent> honest() {
    List<AluEvent> events = new ArrayList<>();
    Random rnd = new Random(7);
    for (AluOp op : OPS) {
      for (long a : EDGES) {
        for (long b : EDGES) {
          events.add(event(op, a, b));
        }
      }
      for (int i = 0; i < 32; i++) {
        events.add(event(op, rnd.nextInt() & 0xffff_ffffL, rnd.nextInt() & 0xffff_ffffL));
      }
    }
    return events;
  }

  @Test
  void honestEventsProve() {
    assertThat(ChipHarness.proveAndVerify(new LogicChip(), honest())).isEqualTo("accepted");
  }

  @Test
  void aWrongResultSentByTheCpuIsRefused() {
    List<AluEvent> sent = new ArrayList<>(honest());
    AluEvent e = sent.get(5);
    sent.set(5, new AluEvent(e.op(), e.a(), e.b(), 0, 0, 0, e.x() ^ 0x10, 0));
    assertThat(ChipHarness.proveAndVerify(new LogicChip(), honest(), sent))
        .isNotEqualTo("accepted");
  }

  @Test
  void anotherOpsResultIsRefused() {
    List<AluEvent> sent = new ArrayList<>(honest());
    AluEvent e = event(AluOp.OR, 0xf0f0, 0x0ff0);
    sent.set(0, new AluEvent(AluOp.AND, e.a(), e.b(), 0, 0, 0, e.x(), 0));
    List<AluEvent> chip = new ArrayList<>(honest());
    chip.set(0, e);
    assertThat(ChipHarness.proveAndVerify(new LogicChip(), chip, sent)).contains("bus 5");
  }

  @Test
  void traceRefusesAWrongResult() {
    AluEvent e = event(AluOp.XOR, 3, 5);
    AluEvent bad = new AluEvent(AluOp.XOR, 3, 5, 0, 0, 0, 7, 0);
    assertThat(ChipHarness.proveAndVerify(new LogicChip(), List.of(e, bad))).startsWith("trace:");
  }
}
