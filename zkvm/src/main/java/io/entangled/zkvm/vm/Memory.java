package io.entangled.zkvm.vm;

import java.util.Arrays;

/**
 * Sparse, paged, big-endian guest memory over the 32-bit address space. Pages are 4 KiB ({@code
 * int[1024]}, one big-endian word per element) and are created on first touch inside a mapped
 * range; an access outside every mapped range is a fault. Protection bits are not enforced. A cap on
 * resident pages (default {@link #MAX_RESIDENT_PAGES}, 1 GiB) keeps a guest from exhausting the host.
 */
public final class Memory {
  /** Pages that may hold data at the same time: 1 GiB of guest memory. */
  public static final int MAX_RESIDENT_PAGES = 1 << 18;

  public static final int PAGE_BITS = 12;
  public static final int PAGE_SIZE = 1 << PAGE_BITS;
  public static final int PAGE_COUNT = 1 << (32 - PAGE_BITS);

  /** Page table indexed by {@code addr >>> 12}; null for a page not yet touched. */
  final int[][] pages = new int[PAGE_COUNT][];

  private final long[] mapped = new long[PAGE_COUNT / 64];
  private int residentPages;
  private final int maxResidentPages;

  /** Memory with the default cap of {@link #MAX_RESIDENT_PAGES}. */
  public Memory() {
    this(MAX_RESIDENT_PAGES);
  }

  /** Memory that faults once {@code maxResidentPages} pages hold data. */
  public Memory(int maxResidentPages) {
    if (maxResidentPages <= 0) {
      throw new IllegalArgumentException("maxResidentPages must be positive: " + maxResidentPages);
    }
    this.maxResidentPages = maxResidentPages;
  }

  /** Marks {@code [start, start + length)} (page-rounded) as mapped; contents stay as they are. */
  public void map(long start, long length) {
    forEachPage(start, length, p -> mapped[p >>> 6] |= 1L << p);
  }

  /** Unmaps a range and drops its pages. */
  public void unmap(long start, long length) {
    forEachPage(
        start,
        length,
        p -> {
          mapped[p >>> 6] &= ~(1L << p);
          drop(p);
        });
  }

  /** Maps a range and sets its contents to zero (a fresh anonymous mapping). */
  public void mapZeroed(long start, long length) {
    forEachPage(
        start,
        length,
        p -> {
          mapped[p >>> 6] |= 1L << p;
          drop(p);
        });
  }

  private void drop(int p) {
    if (pages[p] != null) {
      pages[p] = null;
      residentPages--;
    }
  }

  /** Calls {@code action(wordAddr, value)} for every non-zero word, in increasing address order. */
  public void forEachNonZeroWord(WordVisitor action) {
    forEachNonZeroWord(0, 1L << 32, action);
  }

  /** Calls {@code action(wordAddr, value)} for every non-zero word of the range's resident pages. */
  void forEachNonZeroWord(long start, long length, WordVisitor action) {
    forEachPage(
        start,
        length,
        p -> {
          int[] page = pages[p];
          if (page != null) {
            for (int i = 0; i < page.length; i++) {
              if (page[i] != 0) {
                action.visit((p << PAGE_BITS) + 4 * i, page[i]);
              }
            }
          }
        });
  }

  /** Receives one word of memory. */
  public interface WordVisitor {
    void visit(int wordAddr, int value);
  }

  /** Sets a mapped range to zero without unmapping it (MADV_DONTNEED). */
  public void zero(long start, long length) {
    forEachPage(
        start,
        length,
        p -> {
          if (pages[p] != null) {
            Arrays.fill(pages[p], 0);
          }
        });
  }

  /** Pages currently holding data. */
  public int residentPages() {
    return residentPages;
  }

  public boolean isMapped(int addr) {
    int p = addr >>> PAGE_BITS;
    return (mapped[p >>> 6] & (1L << p)) != 0;
  }

  /** True when every page of the range is unmapped. */
  public boolean isFree(long start, long length) {
    long first = start >>> PAGE_BITS;
    long last = (start + length - 1) >>> PAGE_BITS;
    for (long p = first; p <= last; p++) {
      if (p >= PAGE_COUNT || (mapped[(int) (p >>> 6)] & (1L << p)) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Address of the highest mapped page in {@code [start, end)}, or -1 if none is mapped. */
  public long highestMappedPage(long start, long end) {
    long first = start >>> PAGE_BITS;
    for (long p = (end - 1) >>> PAGE_BITS; p >= first; p--) {
      long word = mapped[(int) (p >>> 6)];
      if (word == 0 && (p & 63) == 63 && p - 63 >= first) {
        p -= 63;
        continue;
      }
      if ((word & (1L << p)) != 0) {
        return p << PAGE_BITS;
      }
    }
    return -1;
  }

  private static void forEachPage(long start, long length, java.util.function.IntConsumer action) {
    if (length <= 0) {
      return;
    }
    long first = start >>> PAGE_BITS;
    long last = Math.min((start + length - 1) >>> PAGE_BITS, PAGE_COUNT - 1);
    for (long p = first; p <= last; p++) {
      action.accept((int) p);
    }
  }

  /** The page holding {@code addr}, created if mapped; a {@link MemoryFault} if unmapped. */
  int[] page(int addr) {
    int[] page = pages[addr >>> PAGE_BITS];
    return page != null ? page : touch(addr);
  }

  private int[] touch(int addr) {
    if (!isMapped(addr)) {
      throw new MemoryFault(String.format("access to unmapped address 0x%08x", addr));
    }
    if (residentPages >= maxResidentPages) {
      throw new MemoryFault(String.format("guest memory limit of %d pages (%d KiB) reached at 0x%08x",
          maxResidentPages, maxResidentPages * 4L, addr));
    }
    int[] page = new int[PAGE_SIZE / 4];
    pages[addr >>> PAGE_BITS] = page;
    residentPages++;
    return page;
  }

  /** Reads the aligned word containing {@code addr}. */
  public int readWord(int addr) {
    return page(addr)[(addr >>> 2) & 1023];
  }

  /** Writes the aligned word containing {@code addr}. */
  public void writeWord(int addr, int value) {
    page(addr)[(addr >>> 2) & 1023] = value;
  }

  public int readByte(int addr) {
    return (readWord(addr) >>> ((3 - (addr & 3)) << 3)) & 0xff;
  }

  public void writeByte(int addr, int value) {
    int shift = (3 - (addr & 3)) << 3;
    int[] page = page(addr);
    int i = (addr >>> 2) & 1023;
    page[i] = (page[i] & ~(0xff << shift)) | ((value & 0xff) << shift);
  }

  /** Copies bytes into guest memory. */
  public void writeBytes(int addr, byte[] data, int offset, int length) {
    for (int i = 0; i < length; i++) {
      writeByte(addr + i, data[offset + i]);
    }
  }

  /** Copies bytes out of guest memory. */
  public byte[] readBytes(int addr, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) readByte(addr + i);
    }
    return out;
  }

  /** Reads a NUL-terminated string of at most {@code max} bytes. */
  public String readCString(int addr, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < max; i++) {
      int b = readByte(addr + i);
      if (b == 0) {
        break;
      }
      sb.append((char) b);
    }
    return sb.toString();
  }
}
