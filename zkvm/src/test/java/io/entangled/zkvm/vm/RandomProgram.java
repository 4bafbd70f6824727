package io.entangled.zkvm.vm;

import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import java.util.Random;

/**
 * Builds a random but well-defined MIPS32r2 program from a seed: random register values, a body
 * of random ALU, multiply/divide, bit-field, load/store and branch instructions (with delay
 * slots), then an epilogue that writes r1..r31 (without sp), HI, LO and the data area to stdout.
 */
final class RandomProgram {
  static final int DATA_SIZE = 256;
  static final int DUMP = TestElf.DATA + 0x400;
  static final int DUMP_SIZE = 34 * 4;
  private static final int[] DEST = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 30, 31
  };
  private static final int[] SRC = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    28, 30, 31
  };
  private static final int[] ALU_FUNCT = {
    0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2a, 0x2b, 0x04, 0x06, 0x07, 0x0a, 0x0b
  };

  private final Random rnd;
  private final Asm asm = new Asm();

  private RandomProgram(long seed) {
    this.rnd = new Random(seed);
  }

  /** The ELF bytes for {@code seed} with {@code units} random units in the body. */
  static byte[] elf(long seed, int units) {
    RandomProgram p = new RandomProgram(seed);
    byte[] data = new byte[DUMP - TestElf.DATA + DUMP_SIZE];
    for (int i = 0; i < DATA_SIZE; i++) {
      data[i] = (byte) p.rnd.nextInt();
    }
    p.prologue();
    for (int i = 0; i < units; i++) {
      p.unit();
    }
    p.epilogue();
    return new TestElf().text(p.asm.bytes()).segment(TestElf.DATA, data, data.length, 6).build();
  }

  private int dest() {
    return DEST[rnd.nextInt(DEST.length)];
  }

  private int src() {
    return SRC[rnd.nextInt(SRC.length)];
  }

  private int value() {
    return switch (rnd.nextInt(6)) {
      case 0 -> rnd.nextInt(16) - 8;
      case 1 -> Integer.MIN_VALUE + rnd.nextInt(4);
      case 2 -> Integer.MAX_VALUE - rnd.nextInt(4);
      default -> rnd.nextInt();
    };
  }

  private void prologue() {
    asm.li(1, value()).special(1, 0, 0, 0, 0x11); // mthi
    asm.li(1, value()).special(1, 0, 0, 0, 0x13); // mtlo
    for (int r : DEST) {
      asm.li(r, value());
    }
    asm.li(28, TestElf.DATA);
  }

  private void epilogue() {
    for (int r = 1; r < 32; r++) {
      if (r != 29) {
        asm.imm(0x2b, 0, r, 0); // placeholder replaced below
        asm.set(asm.size() - 1, Asm.i(0x2b, 28, r, DUMP - TestElf.DATA + 4 * r));
      }
    }
    asm.mfhi(1).sw(1, 28, DUMP - TestElf.DATA + 128);
    asm.mflo(1).sw(1, 28, DUMP - TestElf.DATA + 132);
    asm.write(1, DUMP, DUMP_SIZE).write(1, TestElf.DATA, DATA_SIZE).exit(0);
  }

  private void unit() {
    int kind = rnd.nextInt(100);
    if (kind < 35) {
      alu();
    } else if (kind < 50) {
      mulDiv();
    } else if (kind < 62) {
      bits();
    } else if (kind < 82) {
      memory();
    } else if (kind < 96) {
      branch();
    } else {
      jump();
    }
  }

  /** One instruction from the plain ALU group (also used in delay slots). */
  private void alu() {
    int op = rnd.nextInt(4);
    if (op == 0) {
      int funct = ALU_FUNCT[rnd.nextInt(ALU_FUNCT.length)];
      int sa = funct == 0x06 ? rnd.nextInt(2) : 0; // srlv / rotrv
      asm.special(src(), src(), dest(), sa, funct);
    } else if (op == 1) {
      int[] f = {0x00, 0x02, 0x03};
      int funct = f[rnd.nextInt(3)];
      int rs = funct == 0x02 ? rnd.nextInt(2) : 0; // srl / rotr
      asm.special(rs, src(), dest(), rnd.nextInt(32), funct);
    } else {
      int[] ops = {0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
      int o = ops[rnd.nextInt(ops.length)];
      asm.imm(o, o == 0x0f ? 0 : src(), dest(), rnd.nextInt(1 << 16));
    }
  }

  private void mulDiv() {
    int[] special = {0x18, 0x19, 0x1a, 0x1b};
    switch (rnd.nextInt(5)) {
      case 0 -> asm.special(src(), src(), 0, 0, special[rnd.nextInt(4)]);
      case 1 -> asm.word((0x1c << 26) | Asm.r(src(), src(), 0, 0, new int[] {0, 1, 4, 5}[
          rnd.nextInt(4)]));
      case 2 -> asm.word((0x1c << 26) | Asm.r(src(), src(), dest(), 0, 0x02));
      case 3 -> asm.special(0, 0, dest(), 0, rnd.nextBoolean() ? 0x10 : 0x12);
      default -> asm.special(src(), 0, 0, 0, rnd.nextBoolean() ? 0x11 : 0x13);
    }
  }

  private void bits() {
    switch (rnd.nextInt(5)) {
      case 0 -> asm.word((0x1c << 26) | Asm.r(src(), 0, dest(), 0, rnd.nextBoolean() ? 0x20 : 0x21));
      case 1 -> asm.word((0x1f << 26) | Asm.r(0, src(), dest(), new int[] {0x02, 0x10, 0x18}[
          rnd.nextInt(3)], 0x20));
      case 2 -> {
        int pos = rnd.nextInt(32);
        int size = 1 + rnd.nextInt(32 - pos);
        asm.word((0x1f << 26) | Asm.r(src(), dest(), size - 1, pos, 0x00));
      }
      default -> {
        int pos = rnd.nextInt(32);
        int msb = pos + rnd.nextInt(32 - pos);
        asm.word((0x1f << 26) | Asm.r(src(), dest(), msb, pos, 0x04));
      }
    }
  }

  private void memory() {
    int off = rnd.nextInt(DATA_SIZE);
    int[][] ops = {
      {0x20, 1}, {0x24, 1}, {0x21, 2}, {0x25, 2}, {0x23, 4}, {0x28, 1}, {0x29, 2}, {0x2b, 4},
      {0x22, 1}, {0x26, 1}, {0x2a, 1}, {0x2e, 1}
    };
    int k = rnd.nextInt(ops.length + 1);
    if (k == ops.length) {
      int w = off & ~3;
      int rt = dest();
      asm.imm(0x30, 28, rt, w);
      asm.addiu(rt, rt, rnd.nextInt(100));
      asm.imm(0x38, 28, rt, w);
      return;
    }
    int op = ops[k][0];
    off &= ~(ops[k][1] - 1);
    boolean store = op >= 0x28;
    asm.imm(op, 28, store ? src() : dest(), off);
  }

  private void branch() {
    int skip = rnd.nextInt(4);
    int off = skip + 1;
    switch (rnd.nextInt(8)) {
      case 0 -> asm.imm(0x04, src(), src(), off);
      case 1 -> asm.imm(0x05, src(), src(), off);
      case 2 -> asm.imm(0x06, src(), 0, off);
      case 3 -> asm.imm(0x07, src(), 0, off);
      case 4 -> asm.imm(0x01, src(), 0x00, off);
      case 5 -> asm.imm(0x01, src(), 0x01, off);
      case 6 -> asm.imm(0x01, src(), 0x10, off);
      default -> asm.imm(0x01, src(), 0x11, off);
    }
    slotAndSkipped(skip);
  }

  private void jump() {
    if (rnd.nextBoolean()) {
      jumpRegister();
      return;
    }
    int skip = rnd.nextInt(3);
    int target = TestElf.TEXT + asm.here() + 8 + 4 * skip;
    asm.word(((rnd.nextBoolean() ? 0x02 : 0x03) << 26) | ((target >>> 2) & 0x03ff_ffff));
    slotAndSkipped(skip);
  }

  /** JR or JALR through r25, loaded just before with the target address. */
  private void jumpRegister() {
    int skip = rnd.nextInt(3);
    int target = TestElf.TEXT + asm.here() + 16 + 4 * skip; // li is two words
    asm.li(25, target);
    if (rnd.nextBoolean()) {
      asm.special(25, 0, 0, 0, 0x08);
    } else {
      int rd = dest();
      asm.special(25, 0, rd == 25 ? 31 : rd, 0, 0x09); // rd == rs is UNPREDICTABLE
    }
    slotAndSkipped(skip);
  }

  private void slotAndSkipped(int skip) {
    alu();
    for (int i = 0; i < skip; i++) {
      alu();
    }
  }
}
