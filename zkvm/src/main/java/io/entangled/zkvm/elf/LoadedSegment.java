package io.entangled.zkvm.elf;

/**
 * One PT_LOAD segment as it is placed in memory: {@code data} fills {@code [vaddr, vaddr +
 * data.length)} and the rest up to {@code memSize} is zero.
 *
 * @param vaddr virtual address of the first byte
 * @param memSize bytes occupied in memory (≥ data length)
 * @param flags ELF p_flags (1 = execute, 2 = write, 4 = read)
 * @param data file contents of the segment
 */
public record LoadedSegment(int vaddr, int memSize, int flags, byte[] data) {
  public boolean executable() {
    return (flags & 1) != 0;
  }

  public long end() {
    return Integer.toUnsignedLong(vaddr) + Integer.toUnsignedLong(memSize);
  }
}
