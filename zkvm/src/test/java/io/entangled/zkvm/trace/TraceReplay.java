package io.entangled.zkvm.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a trace is complete: replaying only the recorded register writes, HI/LO, memory
 * accesses and syscall effects from each segment's start state must meet every recorded read and
 * reproduce the segment's end state, and consecutive segments must link.
 */
final class TraceReplay {
  private TraceReplay() {}

  static void check(List<Segment> segments) {
    for (int i = 0; i + 1 < segments.size(); i++) {
      assertThat(segments.get(i + 1).start()).usingRecursiveComparison()
          .as("segment %d links to %d", i, i + 1).isEqualTo(segments.get(i).end());
    }
    for (Segment s : segments) {
      replay(s);
    }
  }

  private static void replay(Segment s) {
    Map<Integer, int[]> regs = new HashMap<>();
    Map<Integer, int[]> hiLo = new HashMap<>();
    for (ThreadState t : s.start().threads()) {
      regs.put(t.tid(), t.registers().clone());
      hiLo.put(t.tid(), new int[] {t.hi(), t.lo()});
    }
    Map<Integer, Integer> mem = new HashMap<>();
    for (Segment.TouchedWord w : s.memory()) {
      mem.put(w.address(), w.initial());
    }
    int tid = s.start().currentTid();
    int expectedPc = s.start().current().pc();
    int sys = 0;
    for (int i = 0; i < s.stepCount(); i++) {
      String at = "segment " + s.index() + " step " + i;
      assertThat(s.get(i, Segment.COL_TID)).as(at + " tid").isEqualTo(tid);
      assertThat(s.get(i, Segment.COL_PC)).as(at + " pc").isEqualTo(expectedPc);
      int[] r = regs.get(tid);
      int insn = s.get(i, Segment.COL_INSTRUCTION);
      assertThat(s.get(i, Segment.COL_RS_VALUE)).as(at + " rs").isEqualTo(r[(insn >>> 21) & 31]);
      assertThat(s.get(i, Segment.COL_RT_VALUE)).as(at + " rt").isEqualTo(r[(insn >>> 16) & 31]);
      int kind = s.get(i, Segment.COL_MEM_KIND);
      if (kind != StepRecord.MEM_NONE) {
        int addr = s.get(i, Segment.COL_MEM_ADDRESS);
        assertThat(s.get(i, Segment.COL_MEM_BEFORE)).as(at + " memory before").isEqualTo(
            mem.get(addr));
        mem.put(addr, s.get(i, Segment.COL_MEM_AFTER));
      }
      int dst = s.get(i, Segment.COL_DST_REGISTER);
      if (dst > 0) {
        r[dst] = s.get(i, Segment.COL_DST_VALUE);
      }
      hiLo.put(tid, new int[] {s.get(i, Segment.COL_HI), s.get(i, Segment.COL_LO)});
      expectedPc = s.get(i, Segment.COL_NEXT_PC);
      if ((insn & 0xfc00_003f) == 0x0c) {
        SyscallEffect e = s.syscalls().get(sys++);
        assertThat(e.cycle()).isEqualTo(s.start().cycle() + i);
        for (MemoryAccess w : e.memory()) {
          assertThat(w.before()).as(at + " syscall access before").isEqualTo(mem.get(w.address()));
          if (!w.write()) {
            assertThat(w.after()).isEqualTo(w.before());
          }
          mem.put(w.address(), w.after());
        }
        r[2] = e.v0();
        r[7] = e.a3();
        if (e.resumed() != null) {
          int[] mine = regs.get(e.nextTid());
          int[] theirs = e.resumed().registers();
          if (mine != null) {
            int[] a = mine.clone();
            int[] b = theirs.clone();
            a[2] = b[2];
            a[7] = b[7];
            assertThat(b).as(at + " resumed thread registers").isEqualTo(a);
          }
          regs.put(e.nextTid(), theirs.clone());
          hiLo.put(e.nextTid(), new int[] {e.resumed().hi(), e.resumed().lo()});
          expectedPc = e.resumed().pc();
        }
        tid = e.nextTid();
      }
    }
    assertThat(sys).isEqualTo(s.syscalls().size());
    ThreadState end = s.end().current();
    assertThat(tid).isEqualTo(s.end().currentTid());
    if (s.end().threads().stream().noneMatch(t -> t.state().equals("EXITED"))) {
      assertThat(expectedPc).as("segment %d end pc", s.index()).isEqualTo(end.pc());
      assertThat(Arrays.copyOfRange(regs.get(tid), 1, 32))
          .as("segment %d end registers", s.index())
          .isEqualTo(Arrays.copyOfRange(end.registers(), 1, 32));
      assertThat(hiLo.get(tid)).isEqualTo(new int[] {end.hi(), end.lo()});
    }
    for (Segment.TouchedWord w : s.memory()) {
      assertThat(mem.get(w.address())).as("segment %d last value of 0x%08x", s.index(),
          w.address()).isEqualTo(w.last());
    }
  }
}
