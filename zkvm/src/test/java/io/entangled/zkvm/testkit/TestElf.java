package io.entangled.zkvm.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Writes minimal static big-endian MIPS32r2 ELF executables for tests (no section headers). */
public final class TestElf {
  public static final int TEXT = 0x0040_0000;
  public static final int DATA = 0x1000_0000;

  private final List<Seg> segments = new ArrayList<>();
  private int entry = TEXT;
  private int eClass = 1;
  private int eData = 2;
  private int eType = 2;
  private int eMachine = 8;
  private int eFlags = 0x7000_1001;
  private boolean interp;

  /** A segment: file bytes, size in memory, p_flags. */
  public record Seg(int vaddr, byte[] data, int memSize, int flags) {}

  public TestElf segment(int vaddr, byte[] data, int memSize, int flags) {
    segments.add(new Seg(vaddr, data, Math.max(memSize, data.length), flags));
    return this;
  }

  /** A code segment at {@link #TEXT} that is also the entry. */
  public TestElf text(byte[] code) {
    entry = TEXT;
    return segment(TEXT, code, code.length, 5);
  }

  public TestElf entry(int e) {
    entry = e;
    return this;
  }

  public TestElf elfClass(int c) {
    eClass = c;
    return this;
  }

  public TestElf dataEncoding(int d) {
    eData = d;
    return this;
  }

  public TestElf type(int t) {
    eType = t;
    return this;
  }

  public TestElf machine(int m) {
    eMachine = m;
    return this;
  }

  public TestElf flags(int f) {
    eFlags = f;
    return this;
  }

  /** Adds a PT_INTERP header, as a dynamically linked executable has. */
  public TestElf withInterpreter() {
    interp = true;
    return this;
  }

  public byte[] build() {
    int phnum = segments.size() + (interp ? 1 : 0);
    int headers = 52 + 32 * phnum;
    long[] offsets = new long[segments.size()];
    long cursor = headers;
    for (int k = 0; k < segments.size(); k++) {
      long va = Integer.toUnsignedLong(segments.get(k).vaddr());
      long off = (cursor & ~0xfffL) | (va & 0xfff);
      if (off < cursor) {
        off += 0x1000;
      }
      offsets[k] = off;
      cursor = off + segments.get(k).data().length;
    }
    ByteBuffer b = ByteBuffer.allocate((int) cursor).order(ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) eClass, (byte) eData, 1, 0});
    b.position(16);
    b.putShort((short) eType).putShort((short) eMachine).putInt(1).putInt(entry).putInt(52)
        .putInt(0).putInt(eFlags).putShort((short) 52).putShort((short) 32)
        .putShort((short) phnum).putShort((short) 40).putShort((short) 0).putShort((short) 0);
    for (int k = 0; k < segments.size(); k++) {
      Seg s = segments.get(k);
      b.putInt(1).putInt((int) offsets[k]).putInt(s.vaddr()).putInt(s.vaddr())
          .putInt(s.data().length).putInt(s.memSize()).putInt(s.flags()).putInt(0x1000);
    }
    if (interp) {
      b.putInt(3).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt(4).putInt(1);
    }
    for (int k = 0; k < segments.size(); k++) {
      b.position((int) offsets[k]);
      b.put(segments.get(k).data());
    }
    return b.array();
  }
}
