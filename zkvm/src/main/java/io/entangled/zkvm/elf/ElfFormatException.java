package io.entangled.zkvm.elf;

/** The file is not a static 32-bit big-endian MIPS executable; the message says what it is. */
public final class ElfFormatException extends Exception {
  public ElfFormatException(String message) {
    super(message);
  }
}
