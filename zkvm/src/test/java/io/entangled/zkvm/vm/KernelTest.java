package io.entangled.zkvm.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.AsmRun;
import io.entangled.zkvm.testkit.TestElf;
import org.junit.jupiter.api.Test;

/** Threads, futexes, the virtual clock and memory syscalls, driven by hand-written guests. */
class KernelTest {
  private static final int WORD = TestElf.DATA;

  private static void branchTo(Asm a, int at, int op, int rs, int rt, int target) {
    a.set(at / 4, Asm.i(op, rs, rt, (target - at - 4) >> 2));
  }

  /** Parent clones a thread and futex-waits until the child stores 7 and wakes it. */
  @Test
  void clonedThreadRunsOnItsOwnStackAndWakesTheWaitingParent() {
    Asm a = new Asm().li(28, WORD);
    a.li(4, 0x10100).li(5, WORD + 0x800).li(6, 0).li(7, 0).li(2, 4120).syscall(); // clone
    a.addu(20, 2, 0); // parent: child's tid; child: 0
    int toChild = a.here();
    a.nop().nop(); // beq $20,$0,child (patched) + slot
    int wait = a.here();
    a.lw(8, 28, 0);
    int toDone = a.here();
    a.nop().nop(); // bne $8,$0,done (patched) + slot
    a.li(4, WORD).li(5, 128).li(6, 0).li(7, 0).li(2, 4238).syscall(); // futex_wait(WORD, 0)
    int back = a.here();
    a.nop().nop(); // beq $0,$0,wait (patched) + slot
    int done = a.here();
    a.li(4, 7).li(2, 4246).syscall(); // exit_group(7)... replaced below by the loaded value
    int child = a.here();
    a.sw(29, 28, 4); // record the child's sp
    a.li(9, 7).sw(9, 28, 0);
    a.li(4, WORD).li(5, 129).li(6, 1).li(2, 4238).syscall(); // futex_wake(WORD, 1)
    a.li(4, 0).li(2, 4001).syscall(); // exit (thread)
    branchTo(a, toChild, 0x04, 20, 0, child);
    branchTo(a, toDone, 0x05, 8, 0, done);
    branchTo(a, back, 0x04, 0, 0, wait);
    a.set(done / 4, Asm.i(0x09, 8, 4, 0)); // addiu $4,$8,0: exit code = the stored word
    a.set(done / 4 + 1, Asm.i(0x09, 0, 2, 4246));
    a.set(done / 4 + 2, 0x0c);
    AsmRun r = AsmRun.run(a, new byte[16]);
    assertThat(r.result.status()).as("%s", r.result.fault()).isEqualTo(RunResult.Status.EXITED);
    assertThat(r.result.exitCode()).isEqualTo(7);
    assertThat(r.word(WORD + 4)).isEqualTo(WORD + 0x800);
    assertThat(r.reg(20)).isEqualTo(1001);
    assertThat(r.machine.threads()).hasSize(2);
  }

  @Test
  void clockAdvancesOneNanosecondPerInstructionAndSleepSkipsAhead() {
    AsmRun busy = AsmRun.run(clockProgram(new Asm().nop().nop().nop().nop().nop()), new byte[32]);
    // 5 nops, then 3 two-word li and the syscall of the second clock_gettime
    assertThat(nanos(busy, 8) - nanos(busy, 0)).isEqualTo(5 + 7);
    Asm sleep = new Asm().li(8, WORD + 16).li(9, 5_000).sw(9, 8, 4); // timespec {0 s, 5000 ns}
    sleep.li(4, WORD + 16).li(5, 0).li(2, 4166).syscall(); // nanosleep: 12 instructions in all
    AsmRun slept = AsmRun.run(clockProgram(sleep), new byte[32]);
    assertThat(nanos(slept, 8) - nanos(slept, 0)).isEqualTo(12 + 7 + 5_000);
  }

  private static long nanos(AsmRun r, int offset) {
    return r.word(WORD + offset) * 1_000_000_000L + r.word(WORD + offset + 4);
  }

  /** clock_gettime(MONOTONIC) into WORD, the middle part, clock_gettime into WORD+8, exit. */
  private static Asm clockProgram(Asm middle) {
    Asm a = new Asm().li(4, 1).li(5, WORD).li(2, 4263).syscall().append(middle);
    return a.li(4, 1).li(5, WORD + 8).li(2, 4263).syscall().exit(0);
  }

  @Test
  void anonymousMmapIsZeroedUsableAndMunmapRemovesIt() {
    Asm a = new Asm();
    a.li(4, 0).li(5, 8192).li(6, 3).li(7, 0x802).li(2, 4090).syscall(); // mmap(0, 8192, RW, ANON)
    a.addu(16, 2, 0).lw(17, 16, 4096).li(9, 99).sw(9, 16, 4096).lw(18, 16, 4096);
    a.addu(4, 16, 0).li(5, 8192).li(2, 4091).syscall(); // munmap
    a.lw(19, 16, 0); // faults: unmapped
    AsmRun r = AsmRun.run(a.exit(0));
    assertThat(r.result.status()).isEqualTo(RunResult.Status.FAULT);
    assertThat(r.reg(16)).isEqualTo(0x7000_0000 - 8192);
    assertThat(r.reg(17)).isZero();
    assertThat(r.reg(18)).isEqualTo(99);
    assertThat(r.result.fault().reason()).contains("unmapped");
  }

  /**
   * Like Linux for an unprivileged process: nothing is mapped below 64 KiB (vm.mmap_min_addr, where
   * nil-pointer dereferences land) or in kernel space; a hint down there is ignored.
   */
  @Test
  void mmapKeepsToUserSpace() {
    Asm a = new Asm();
    a.li(4, 0x1000).li(5, 4096).li(6, 3).li(7, 0x812).li(2, 4090).syscall(); // MAP_FIXED at 4 KiB
    a.addu(16, 2, 0).addu(17, 7, 0);
    a.li(4, 0x7fff_f000).li(5, 8192).li(6, 3).li(7, 0x812).li(2, 4090).syscall(); // to 0x8000_1000
    a.addu(18, 2, 0).addu(19, 7, 0);
    a.li(4, 0x1000).li(5, 4096).li(6, 3).li(7, 0x802).li(2, 4090).syscall(); // a hint at 4 KiB
    a.addu(20, 2, 0).addu(21, 7, 0);
    a.li(4, 0x1_0000).li(5, 4096).li(6, 3).li(7, 0x812).li(2, 4090).syscall(); // fixed at 64 KiB
    a.addu(22, 2, 0).addu(23, 7, 0);
    AsmRun r = AsmRun.run(a.exit(0));
    assertThat(r.result.status()).as("%s", r.result.fault()).isEqualTo(RunResult.Status.EXITED);
    assertThat(new int[] {r.reg(16), r.reg(17)}).containsExactly(Errno.EPERM, 1);
    assertThat(new int[] {r.reg(18), r.reg(19)}).containsExactly(Errno.ENOMEM, 1);
    assertThat(r.reg(21)).isZero();
    assertThat(Integer.toUnsignedLong(r.reg(20))).isGreaterThanOrEqualTo(0x1_0000L);
    assertThat(new int[] {r.reg(22), r.reg(23)}).containsExactly(0x1_0000, 0);
  }

  @Test
  void readingPrivateInputStopsAtItsEndAndOpenSaysEnoent() {
    Asm a = new Asm();
    a.li(4, 0).li(5, WORD).li(6, 100).li(2, 4003).syscall().addu(16, 2, 0); // read -> 0 (empty)
    a.li(4, WORD).li(5, 0).li(2, 4005).syscall().addu(17, 2, 0).addu(18, 7, 0); // open
    AsmRun r = AsmRun.run(a.exit(0), new byte[16]);
    assertThat(r.reg(16)).isZero();
    assertThat(r.reg(17)).isEqualTo(2);
    assertThat(r.reg(18)).isEqualTo(1);
  }
}
