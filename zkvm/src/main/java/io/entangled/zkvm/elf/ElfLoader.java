package io.entangled.zkvm.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses static 32-bit big-endian MIPS ELF executables (ET_EXEC, EM_MIPS, o32) and rejects
 * everything else with a message saying what the file is.
 */
public final class ElfLoader {
  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_INTERP = 3;
  private static final int EM_MIPS = 8;
  private static final int EF_MIPS_ABI2 = 0x20;

  private ElfLoader() {}

  /** Parses an executable image; throws {@link ElfFormatException} naming what is wrong. */
  public static LoadedProgram load(byte[] file) throws ElfFormatException {
    checkIdent(file);
    ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
    checkHeader(buf);
    int entry = buf.getInt(24);
    long phoff = Integer.toUnsignedLong(buf.getInt(28));
    int phentsize = buf.getShort(42) & 0xffff;
    int phnum = buf.getShort(44) & 0xffff;
    if (phnum == 0) {
      throw new ElfFormatException("ELF has no program headers");
    }
    if (phentsize < 32) {
      throw new ElfFormatException("ELF e_phentsize " + phentsize + " is smaller than 32");
    }
    if (phoff + (long) phentsize * phnum > file.length) {
      throw new ElfFormatException(
          "truncated ELF: program headers end at " + (phoff + (long) phentsize * phnum)
              + " but the file has " + file.length + " bytes");
    }
    List<LoadedSegment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      LoadedSegment s = readSegment(file, buf, (int) (phoff + (long) i * phentsize), i);
      if (s != null) {
        segments.add(s);
      }
    }
    if (segments.isEmpty()) {
      throw new ElfFormatException("ELF has no PT_LOAD segment");
    }
    checkEntry(entry, segments);
    return new LoadedProgram(entry, segments);
  }

  private static void checkIdent(byte[] file) throws ElfFormatException {
    if (file.length < 52) {
      throw new ElfFormatException("truncated ELF: " + file.length + " bytes, header needs 52");
    }
    if (file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
      throw new ElfFormatException("not an ELF file (bad magic)");
    }
    if (file[4] == 2) {
      throw new ElfFormatException("64-bit ELF (ELFCLASS64); only 32-bit MIPS is supported");
    }
    if (file[4] != 1) {
      throw new ElfFormatException("unknown ELF class " + file[4]);
    }
    if (file[5] == 1) {
      throw new ElfFormatException("little-endian ELF; only big-endian MIPS is supported");
    }
    if (file[5] != 2) {
      throw new ElfFormatException("unknown ELF data encoding " + file[5]);
    }
  }

  private static void checkHeader(ByteBuffer buf) throws ElfFormatException {
    int type = buf.getShort(16) & 0xffff;
    int machine = buf.getShort(18) & 0xffff;
    int flags = buf.getInt(36);
    if (machine != EM_MIPS) {
      throw new ElfFormatException("wrong machine: e_machine=" + machine + ", expected 8 (MIPS)");
    }
    if (type == 3) {
      throw new ElfFormatException("position-independent or shared object (ET_DYN); need ET_EXEC");
    }
    if (type != 2) {
      throw new ElfFormatException("not an executable: e_type=" + type + ", expected 2 (ET_EXEC)");
    }
    if ((flags & EF_MIPS_ABI2) != 0) {
      throw new ElfFormatException("n32 ABI (64-bit registers); only o32 is supported");
    }
    int arch = flags >>> 28;
    if (arch == 2 || arch == 3 || arch == 4 || arch == 6 || arch == 8 || arch >= 9) {
      throw new ElfFormatException(
          String.format("unsupported ISA level in e_flags 0x%08x; need MIPS32r2 or lower", flags));
    }
  }

  private static LoadedSegment readSegment(byte[] file, ByteBuffer buf, int at, int index)
      throws ElfFormatException {
    int type = buf.getInt(at);
    if (type == PT_INTERP) {
      throw new ElfFormatException("dynamically linked (has PT_INTERP); need a static executable");
    }
    if (type == PT_DYNAMIC) {
      throw new ElfFormatException("dynamically linked (has PT_DYNAMIC); need a static executable");
    }
    if (type != PT_LOAD) {
      return null;
    }
    long offset = Integer.toUnsignedLong(buf.getInt(at + 4));
    long vaddr = Integer.toUnsignedLong(buf.getInt(at + 8));
    long filesz = Integer.toUnsignedLong(buf.getInt(at + 16));
    long memsz = Integer.toUnsignedLong(buf.getInt(at + 20));
    int flags = buf.getInt(at + 24);
    if (offset + filesz > file.length) {
      throw new ElfFormatException(
          "truncated ELF: segment " + index + " needs bytes up to " + (offset + filesz)
              + " but the file has " + file.length);
    }
    if (filesz > memsz) {
      throw new ElfFormatException("segment " + index + " has p_filesz > p_memsz");
    }
    if (vaddr < LoadedProgram.USER_FLOOR && memsz > 0) {
      throw new ElfFormatException(String.format("segment %d at 0x%08x lies below 0x%08x, where"
          + " Linux maps nothing (vm.mmap_min_addr)", index, vaddr, LoadedProgram.USER_FLOOR));
    }
    if (vaddr + memsz > LoadedProgram.USER_LIMIT) {
      throw new ElfFormatException(
          String.format("segment %d at 0x%08x reaches into kernel space", index, vaddr));
    }
    byte[] data = Arrays.copyOfRange(file, (int) offset, (int) (offset + filesz));
    return new LoadedSegment((int) vaddr, (int) memsz, flags, data);
  }

  private static void checkEntry(int entry, List<LoadedSegment> segments)
      throws ElfFormatException {
    long e = Integer.toUnsignedLong(entry);
    for (LoadedSegment s : segments) {
      if (e >= Integer.toUnsignedLong(s.vaddr()) && e < s.end()) {
        return;
      }
    }
    throw new ElfFormatException(String.format("entry point 0x%08x is outside every segment", e));
  }
}
