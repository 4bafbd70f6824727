package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Completeness of the covered families: random programs (random operands, r0 as destination,
 * forward branches taken or not, calls) run honestly must prove and verify, with the executor's
 * exit code as the proven one.
 */
class RandomProgramProofTest {
  private static final int[] REGS = {0, 8, 9, 10, 11, 12, 13, 14, 15};

  @Property(tries = 8)
  void honestRandomProgramsProveAndVerify(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    Asm a = new Asm();
    for (int r = 8; r <= 15; r++) {
      a.li(r, edgeValue(rnd));
    }
    for (int k = 0; k < 60; k++) {
      instruction(a, rnd);
    }
    a.addu(4, 0, 0);
    for (int r = 8; r <= 15; r++) {
      a.special(4, r, 4, 0, 0x26);
    }
    a.addiu(2, 0, 4246).syscall();
    LoadedProgram program = ElfLoader.load(new TestElf().text(a.bytes()).build());
    MipsProof p = new MipsProver().prove(program, new byte[0]);
    MipsVerifier.Verdict v = new MipsVerifier().verify(program, p.encode());
    assertThat(v.accepted()).as(v.reason()).isTrue();
    assertThat(v.exitCode()).isEqualTo(p.exitCode());
    assertThat(v.cycles()).isEqualTo(p.cycles());
  }

  private static int edgeValue(Random rnd) {
    int[] edges = {0, 1, -1, 0x7fff_ffff, 0x8000_0000, 0xffff, 0x1_0000};
    return rnd.nextInt(3) == 0 ? edges[rnd.nextInt(edges.length)] : rnd.nextInt();
  }

  private static int reg(Random rnd) {
    return REGS[rnd.nextInt(REGS.length)];
  }

  private static void instruction(Asm a, Random rnd) {
    int rd = reg(rnd);
    int rs = reg(rnd);
    int rt = reg(rnd);
    int imm = rnd.nextBoolean() ? rnd.nextInt(0x10000) : (rnd.nextBoolean() ? 0 : 0xffff);
    int[] functs = {0x21, 0x23, 0x2a, 0x2b, 0x24, 0x25, 0x26, 0x27};
    int[] ops = {0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    switch (rnd.nextInt(4)) {
      case 0 -> a.special(rs, rt, rd, 0, functs[rnd.nextInt(functs.length)]);
      case 1 -> a.special(0, rt, rd, rnd.nextInt(32), new int[] {0x00, 0x02, 0x03}[rnd.nextInt(3)]);
      case 2 -> {
        int op = ops[rnd.nextInt(ops.length)];
        a.imm(op, op == 0x0f ? 0 : rs, rd, imm);
      }
      default -> {
        // forward branch over one instruction (delay slot is an ADDU), or a call and return
        if (rnd.nextBoolean()) {
          int[][] branches = {{0x04, rt}, {0x05, rt}, {0x06, 0}, {0x07, 0}, {0x01, 0}, {0x01, 1}};
          int[] br = branches[rnd.nextInt(branches.length)];
          a.imm(br[0], rs, br[1], 2).addu(reg(rnd), rs, rt).addiu(rd, rs, imm);
        } else {
          int call = a.size();
          a.word(0).nop().word(Asm.i(0x02, 0, 0, 0)).nop();
          int func = a.size();
          a.special(31, 0, 0, 0, 0x08).addiu(rd, rs, imm);
          int after = a.size();
          a.set(call, (0x03 << 26) | ((TestElf.TEXT >>> 2) + func));
          a.set(call + 2, (0x02 << 26) | ((TestElf.TEXT >>> 2) + after));
        }
      }
    }
  }
}
