package io.entangled.zkvm.elf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * A MIPS executable as loaded: its entry point and its PT_LOAD segments in address order.
 * {@link #canonicalBytes()} is the stable byte form of "the program as loaded" that a proof
 * commits to; {@link #imageId()} is its SHA-256.
 */
public final class LoadedProgram {
  private static final byte[] MAGIC = {'Z', 'K', 'V', 'M', 'I', 'M', 'G', '1'};

  /**
   * The lowest address a program may hold: Linux maps nothing below {@code vm.mmap_min_addr}
   * (64 KiB by default) for an unprivileged process, so a nil-pointer dereference faults there.
   * The loader, the kernel's mmap and the MIPS AIR's memory table all keep to it.
   */
  public static final long USER_FLOOR = 0x1_0000L;

  /** One past the highest user address on 32-bit MIPS (kuseg): above it is kernel space. */
  public static final long USER_LIMIT = 0x8000_0000L;

  private final int entry;
  private final List<LoadedSegment> segments;

  public LoadedProgram(int entry, List<LoadedSegment> segments) {
    this.entry = entry;
    this.segments =
        segments.stream()
            .sorted(Comparator.comparingLong(s -> Integer.toUnsignedLong(s.vaddr())))
            .toList();
  }

  public int entry() {
    return entry;
  }

  public List<LoadedSegment> segments() {
    return segments;
  }

  /** End of the highest segment, rounded up to a page: where the program break starts. */
  public int initialBreak() {
    long end = 0;
    for (LoadedSegment s : segments) {
      end = Math.max(end, s.end());
    }
    return (int) ((end + 0xfff) & ~0xfffL);
  }

  /**
   * Stable encoding, all integers big-endian: "ZKVMIMG1", entry (u32), segment count (u32), then per
   * segment in address order: vaddr, memSize, flags, data length (u32 each) and the data bytes.
   */
  public byte[] canonicalBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(entry);
      out.writeInt(segments.size());
      for (LoadedSegment s : segments) {
        out.writeInt(s.vaddr());
        out.writeInt(s.memSize());
        out.writeInt(s.flags());
        out.writeInt(s.data().length);
        out.write(s.data());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** SHA-256 of {@link #canonicalBytes()}. */
  public byte[] imageId() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonicalBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
