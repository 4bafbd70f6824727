package io.entangled.zkvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElfLoaderTest {
  private static TestElf valid() {
    return new TestElf().text(new Asm().exit(0).bytes())
        .segment(TestElf.DATA, new byte[] {1, 2, 3}, 100, 6);
  }

  @Test
  void loadsSegmentsAndEntry() throws Exception {
    LoadedProgram p = ElfLoader.load(valid().build());
    assertThat(p.entry()).isEqualTo(TestElf.TEXT);
    assertThat(p.segments()).hasSize(2);
    assertThat(p.segments().get(1).vaddr()).isEqualTo(TestElf.DATA);
    assertThat(p.segments().get(1).memSize()).isEqualTo(100);
    assertThat(p.segments().get(1).data()).containsExactly(1, 2, 3);
    assertThat(p.initialBreak()).isEqualTo(TestElf.DATA + 4096);
  }

  @Test
  void canonicalBytesAreStableAndBindTheContents() throws Exception {
    byte[] a = ElfLoader.load(valid().build()).canonicalBytes();
    assertThat(ElfLoader.load(valid().build()).canonicalBytes()).isEqualTo(a);
    byte[] other = new TestElf().text(new Asm().exit(1).bytes())
        .segment(TestElf.DATA, new byte[] {1, 2, 3}, 100, 6).build();
    assertThat(ElfLoader.load(other).imageId()).isNotEqualTo(ElfLoader.load(valid().build())
        .imageId());
    assertThat(new String(a, 0, 8, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ZKVMIMG1");
  }

  @Test
  void rejects64BitElf() {
    assertThatThrownBy(() -> ElfLoader.load(valid().elfClass(2).build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("64-bit");
  }

  @Test
  void rejectsLittleEndianElf() {
    assertThatThrownBy(() -> ElfLoader.load(valid().dataEncoding(1).build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("little-endian");
  }

  @Test
  void rejectsDynamicallyLinkedElf() {
    assertThatThrownBy(() -> ElfLoader.load(valid().withInterpreter().build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("dynamically linked");
  }

  @Test
  void rejectsSharedObject() {
    assertThatThrownBy(() -> ElfLoader.load(valid().type(3).build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("ET_DYN");
  }

  @Test
  void rejectsWrongMachine() {
    assertThatThrownBy(() -> ElfLoader.load(valid().machine(62).build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("e_machine=62");
  }

  @Test
  void rejectsN32AndMips64Flags() {
    assertThatThrownBy(() -> ElfLoader.load(valid().flags(0x7000_1021).build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("n32");
    assertThatThrownBy(() -> ElfLoader.load(valid().flags(0x8000_1001).build()))
        .isInstanceOf(ElfFormatException.class).hasMessageContaining("ISA level");
  }

  @Test
  void rejectsTruncatedFiles() {
    byte[] full = valid().build();
    for (int len : new int[] {0, 10, 51, 60, full.length - 1}) {
      assertThatThrownBy(() -> ElfLoader.load(Arrays.copyOf(full, len)))
          .as("length %d", len)
          .isInstanceOf(ElfFormatException.class).hasMessageContaining("truncated");
    }
  }

  @Test
  void rejectsNonElfAndEntryOutsideSegments() {
    byte[] junk = new byte[100];
    assertThatThrownBy(() -> ElfLoader.load(junk)).hasMessageContaining("bad magic");
    assertThatThrownBy(() -> ElfLoader.load(valid().entry(0x1234).build()))
        .hasMessageContaining("entry point 0x00001234");
  }

  /** Segments must lie in user space: at or above 64 KiB (vm.mmap_min_addr), below 0x8000_0000. */
  @Test
  void rejectsSegmentsOutsideUserSpace() throws Exception {
    TestElf low = new TestElf().text(new Asm().exit(0).bytes()).segment(0xf000, new byte[4], 4, 6);
    assertThatThrownBy(() -> ElfLoader.load(low.build())).isInstanceOf(ElfFormatException.class)
        .hasMessageContaining("0x0000f000 lies below 0x00010000");
    TestElf high = new TestElf().text(new Asm().exit(0).bytes())
        .segment(0x7fff_f000, new byte[4], 0x2000, 6);
    assertThatThrownBy(() -> ElfLoader.load(high.build())).isInstanceOf(ElfFormatException.class)
        .hasMessageContaining("reaches into kernel space");
    TestElf atFloor = new TestElf().text(new Asm().exit(0).bytes())
        .segment(0x1_0000, new byte[4], 4, 6);
    assertThat(ElfLoader.load(atFloor.build()).segments().get(0).vaddr()).isEqualTo(0x1_0000);
  }
}
