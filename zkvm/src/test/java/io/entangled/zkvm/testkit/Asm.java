package io.entangled.zkvm.testkit;

import java.util.ArrayList;
import java.util.List;

/** A tiny MIPS32r2 encoder for tests: each method appends one instruction word. */
public final class Asm {
  private final List<Integer> words = new ArrayList<>();

  public static int r(int rs, int rt, int rd, int sa, int funct) {
    return (rs << 21) | (rt << 16) | (rd << 11) | (sa << 6) | funct;
  }

  public static int i(int op, int rs, int rt, int imm) {
    return (op << 26) | (rs << 21) | (rt << 16) | (imm & 0xffff);
  }

  public Asm word(int w) {
    words.add(w);
    return this;
  }

  /** Appends another program's instructions. */
  public Asm append(Asm other) {
    words.addAll(other.words);
    return this;
  }

  public int size() {
    return words.size();
  }

  /** Byte offset of the next instruction from the start. */
  public int here() {
    return words.size() * 4;
  }

  public void set(int index, int word) {
    words.set(index, word);
  }

  public Asm special(int rs, int rt, int rd, int sa, int funct) {
    return word(r(rs, rt, rd, sa, funct));
  }

  /** SPECIAL2 (opcode 0x1c): MUL, MADD, CLZ… */
  public Asm special2(int rs, int rt, int rd, int funct) {
    return word((0x1c << 26) | (rs << 21) | (rt << 16) | (rd << 11) | funct);
  }

  /** SPECIAL3 (opcode 0x1f): EXT, INS, BSHFL… */
  public Asm special3(int rs, int rt, int rd, int sa, int funct) {
    return word((0x1f << 26) | (rs << 21) | (rt << 16) | (rd << 11) | (sa << 6) | funct);
  }

  public Asm imm(int op, int rs, int rt, int imm) {
    return word(i(op, rs, rt, imm));
  }

  public Asm nop() {
    return word(0);
  }

  /** Loads a 32-bit constant with LUI + ORI. */
  public Asm li(int rt, int value) {
    imm(0x0f, 0, rt, value >>> 16);
    return imm(0x0d, rt, rt, value & 0xffff);
  }

  public Asm addiu(int rt, int rs, int imm) {
    return imm(0x09, rs, rt, imm);
  }

  public Asm addu(int rd, int rs, int rt) {
    return special(rs, rt, rd, 0, 0x21);
  }

  public Asm sw(int rt, int base, int off) {
    return imm(0x2b, base, rt, off);
  }

  public Asm lw(int rt, int base, int off) {
    return imm(0x23, base, rt, off);
  }

  public Asm mfhi(int rd) {
    return special(0, 0, rd, 0, 0x10);
  }

  public Asm mflo(int rd) {
    return special(0, 0, rd, 0, 0x12);
  }

  public Asm syscall() {
    return word(0x0c);
  }

  /** write(fd, addr, len) through the o32 syscall ABI (clobbers v0, a0-a3). */
  public Asm write(int fd, int addr, int len) {
    li(4, fd).li(5, addr).li(6, len).li(2, 4004);
    return syscall();
  }

  /** exit_group(code). */
  public Asm exit(int code) {
    li(4, code).li(2, 4246);
    return syscall();
  }

  public byte[] bytes() {
    byte[] out = new byte[words.size() * 4];
    for (int k = 0; k < words.size(); k++) {
      int w = words.get(k);
      out[4 * k] = (byte) (w >>> 24);
      out[4 * k + 1] = (byte) (w >>> 16);
      out[4 * k + 2] = (byte) (w >>> 8);
      out[4 * k + 3] = (byte) w;
    }
    return out;
  }
}
