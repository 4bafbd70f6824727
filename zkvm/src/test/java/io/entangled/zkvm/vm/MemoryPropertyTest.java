package io.entangled.zkvm.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.AsmRun;
import io.entangled.zkvm.testkit.TestElf;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of big-endian memory and of the interpreter against plain Java arithmetic. */
class MemoryPropertyTest {
  @Property(tries = 200)
  void unalignedLoadPairReadsTheBigEndianWord(
      @ForAll @Size(12) byte[] data, @ForAll @IntRange(min = 0, max = 8) int offset) {
    Asm a = new Asm().li(28, TestElf.DATA).li(8, 0xdeadbeef);
    a.imm(0x22, 28, 8, offset); // lwl
    a.imm(0x26, 28, 8, offset + 3); // lwr
    AsmRun r = AsmRun.run(a.exit(0), data);
    assertThat(r.reg(8)).isEqualTo(ByteBuffer.wrap(data, offset, 4).getInt());
  }

  @Property(tries = 200)
  void unalignedStorePairWritesTheBigEndianBytes(
      @ForAll @Size(12) byte[] data, @ForAll @IntRange(min = 0, max = 8) int offset,
      @ForAll int value) {
    Asm a = new Asm().li(28, TestElf.DATA).li(8, value);
    a.imm(0x2a, 28, 8, offset); // swl
    a.imm(0x2e, 28, 8, offset + 3); // swr
    AsmRun r = AsmRun.run(a.exit(0), data);
    byte[] expected = data.clone();
    ByteBuffer.wrap(expected).putInt(offset, value);
    assertThat(r.machine.memory().readBytes(TestElf.DATA, 12)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void bytesWrittenAreReadBackAsBigEndianWordsAndHalves(
      @ForAll @Size(8) byte[] bytes, @ForAll @IntRange(min = 0, max = 1023) int page) {
    Memory m = new Memory();
    int base = 0x1000_0000 + page * Memory.PAGE_SIZE;
    m.map(base, 8);
    m.writeBytes(base, bytes, 0, 8);
    assertThat(m.readWord(base)).isEqualTo(ByteBuffer.wrap(bytes).getInt(0));
    assertThat(m.readWord(base + 4)).isEqualTo(ByteBuffer.wrap(bytes).getInt(4));
    for (int i = 0; i < 8; i++) {
      assertThat(m.readByte(base + i)).isEqualTo(bytes[i] & 0xff);
    }
  }

  @Property(tries = 200)
  void arithmeticMatchesJava(@ForAll int x, @ForAll int y) {
    Asm a = new Asm().li(8, x).li(9, y);
    a.addu(10, 8, 9).special(8, 9, 11, 0, 0x23); // subu
    a.special(8, 9, 12, 0, 0x2a).special(8, 9, 13, 0, 0x2b); // slt, sltu
    a.special(8, 9, 0, 0, 0x18).mfhi(14).mflo(15); // mult
    a.special(8, 9, 0, 0, 0x19).mfhi(16); // multu
    a.special(9, 8, 17, 0, 0x06).special(9, 8, 18, 0, 0x07); // srlv, srav
    AsmRun r = AsmRun.run(a.exit(0));
    long p = (long) x * y;
    assertThat(r.reg(10)).isEqualTo(x + y);
    assertThat(r.reg(11)).isEqualTo(x - y);
    assertThat(r.reg(12)).isEqualTo(x < y ? 1 : 0);
    assertThat(r.reg(13)).isEqualTo(Integer.compareUnsigned(x, y) < 0 ? 1 : 0);
    assertThat(r.reg(14)).isEqualTo((int) (p >>> 32));
    assertThat(r.reg(15)).isEqualTo((int) p);
    assertThat(r.reg(16))
        .isEqualTo((int) Math.unsignedMultiplyHigh(Integer.toUnsignedLong(x) << 32,
            Integer.toUnsignedLong(y)));
    assertThat(r.reg(17)).isEqualTo(x >>> (y & 31));
    assertThat(r.reg(18)).isEqualTo(x >> (y & 31));
  }
}
