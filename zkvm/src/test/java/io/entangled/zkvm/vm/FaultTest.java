package io.entangled.zkvm.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.AsmRun;
import io.entangled.zkvm.testkit.TestElf;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** Faults stop the guest with the pc, the instruction and a reason; the host carries on. */
class FaultTest {
  private static RunResult faultOf(Asm a) {
    AsmRun r = AsmRun.run(a.exit(0), new byte[16]);
    assertThat(r.result.status()).isEqualTo(RunResult.Status.FAULT);
    return r.result;
  }

  @Test
  void illegalInstructionNamesPcAndWord() {
    Asm a = new Asm().nop().word(0x4600_0000); // COP1 add.s: no FPU (softfloat)
    RunResult r = faultOf(a);
    assertThat(r.fault().pc()).isEqualTo(TestElf.TEXT + 4);
    assertThat(r.fault().instruction()).isEqualTo(0x4600_0000);
    assertThat(r.fault().describe()).contains("pc=0x00400004").contains("illegal instruction");
  }

  /** UNPREDICTABLE in MIPS32 (qemu raises SIGILL): a fault, which the AIR also refuses. */
  @Test
  void branchInTheDelaySlotOfATakenBranchFaults() {
    RunResult r = faultOf(new Asm().imm(0x04, 0, 0, 2).imm(0x04, 0, 0, 2).nop().nop().nop());
    assertThat(r.fault().pc()).isEqualTo(TestElf.TEXT + 4);
    assertThat(r.fault().reason()).contains("in the delay slot of a taken branch");
    RunResult j = faultOf(new Asm().imm(0x04, 0, 0, 2).special(31, 0, 0, 0, 0x08).nop().nop());
    assertThat(j.fault().reason()).contains("delay slot"); // JR
  }

  @Test
  void unalignedWordAccessFaults() {
    RunResult r = faultOf(new Asm().li(8, TestElf.DATA + 2).lw(9, 8, 0));
    assertThat(r.fault().reason()).isEqualTo("unaligned word access at 0x10000002");
    RunResult s = faultOf(new Asm().li(8, TestElf.DATA + 1).imm(0x29, 8, 9, 0));
    assertThat(s.fault().reason()).contains("unaligned halfword");
  }

  @Test
  void jumpIntoUnmappedMemoryFaultsAtTheTarget() {
    Asm a = new Asm().li(8, 0x2000_0000).special(8, 0, 0, 0, 0x08).nop();
    RunResult r = faultOf(a);
    assertThat(r.fault().pc()).isEqualTo(0x2000_0000);
    assertThat(r.fault().reason()).contains("unmapped");
  }

  @Test
  void loadFromUnmappedMemoryFaults() {
    RunResult r = faultOf(new Asm().li(8, 0x3000_0000).lw(9, 8, 0));
    assertThat(r.fault().reason()).isEqualTo("access to unmapped address 0x30000000");
  }

  @Test
  void trapInstructionsFaultOnlyWhenTheConditionHolds() {
    Asm a = new Asm().li(8, 1).special(8, 0, 0, 0, 0x34); // teq $8,$0: 1 != 0, no trap
    a.special(8, 0, 0, 0, 0x36); // tne: traps
    assertThat(faultOf(a).fault().reason()).isEqualTo("trap (TNE)");
  }

  @Test
  void signedOverflowOnAddFaults() {
    Asm a = new Asm().li(8, Integer.MAX_VALUE).special(8, 8, 9, 0, 0x20);
    assertThat(faultOf(a).fault().reason()).contains("overflow");
  }

  @Test
  void unknownSyscallIsReportedWithNumber() {
    Asm a = new Asm().li(2, 4999).syscall();
    RunResult r = faultOf(a);
    assertThat(r.fault().reason()).startsWith("unknown syscall 4999");
    assertThat(r.fault().pc()).isEqualTo(TestElf.TEXT + 8);
  }

  @Test
  void syscallOnBadBufferReturnsEfaultInsteadOfStoppingTheHost() {
    Asm a = new Asm().write(1, TestElf.DATA, 0x7fff_ffff).addu(16, 2, 0).addu(17, 7, 0);
    AsmRun r = AsmRun.run(a.exit(0), new byte[16]);
    assertThat(r.result.status()).isEqualTo(RunResult.Status.EXITED);
    assertThat(r.reg(16)).isEqualTo(14); // EFAULT: the 1 MiB chunk runs past the mapping
    assertThat(r.reg(17)).isEqualTo(1);
  }

  @Test
  void touchingMoreThanTheMemoryLimitFaultsInsteadOfExhaustingTheHost() throws Exception {
    // mmap 8 MiB, then store one word per page until a 64-page cap stops the guest
    Asm a = new Asm().li(4, 0).li(5, 8 << 20).li(6, 3).li(7, 0x802).li(2, 4090).syscall();
    a.addu(16, 2, 0).li(17, 0x1000);
    int loop = a.here();
    a.sw(17, 16, 0).addu(16, 16, 17);
    a.word(Asm.i(0x04, 0, 0, (loop - a.here() - 4) >> 2)).nop();
    byte[] elf = new TestElf().text(a.bytes()).build();
    MipsMachine m = new MipsMachine(ElfLoader.load(elf), new GuestIo(new byte[0],
        OutputStream.nullOutputStream(), OutputStream.nullOutputStream()), 64);
    RunResult r = m.run(1_000_000);
    assertThat(r.status()).isEqualTo(RunResult.Status.FAULT);
    assertThat(r.fault().reason()).startsWith("guest memory limit of 64 pages (256 KiB) reached");
    assertThat(m.memory().residentPages()).isEqualTo(64);
  }

  @Test
  void cycleLimitStopsAnEndlessLoop() {
    Asm a = new Asm().word(Asm.i(0x04, 0, 0, -1)).nop(); // beq $0,$0,self
    AsmRun r = AsmRun.run(a, new byte[0], 12_345);
    assertThat(r.result.status()).isEqualTo(RunResult.Status.CYCLE_LIMIT);
    assertThat(r.result.cycles()).isEqualTo(12_345);
  }

  @Test
  void deadlockOfEveryThreadIsAFault() {
    // futex_wait(DATA, 0, no timeout) with the only thread: nobody can wake it
    Asm a = new Asm().li(4, TestElf.DATA).li(5, 128).li(6, 0).li(7, 0).li(2, 4238).syscall();
    assertThat(faultOf(a).fault().reason()).contains("deadlock");
  }
}
