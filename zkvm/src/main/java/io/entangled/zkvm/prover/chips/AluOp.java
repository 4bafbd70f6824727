package io.entangled.zkvm.prover.chips;

/**
 * Operations the CPU table hands to a chip table over a bus, with their stable ids (part of the AIR
 * digest: never renumber). Values are u32 as field elements; the CPU guarantees every input is a
 * u32 (and {@code off} is 0..3), and a chip must constrain its outputs completely and to u32.
 *
 * <p>On {@link Lookups#BUS_ALU} the tuple is {@code (op, a, b, imm, hiIn, loIn, x, y)}: a = rs's
 * value, b = the second operand (rt's value; the immediate for ANDI/ORI/XORI), imm = the decoded
 * immediate of the program table (0 when the op uses none),
 * hiIn/loIn = HI and LO before the step for the accumulating ops (0 for every other op), x and y the
 * results. On {@link Lookups#BUS_MEMOP} the tuple is {@code (op, off, rt, before, x)}: off = the
 * effective address's byte offset in its big-endian word (byte 0 is the most significant), rt = rt's
 * value, before = the memory word before the step, x = the value loaded into rt (loads) or the
 * memory word after the step (stores).
 */
public enum AluOp {
  /** x = low 32 bits of a·b; y = 0. */
  MUL(1),
  /** (y:x) = signed a · signed b (y = HI, x = LO). */
  MULT(2),
  /** (y:x) = a · b unsigned. */
  MULTU(3),
  /** (y:x) = (hiIn:loIn) + signed a · signed b mod 2^64. */
  MADD(4),
  /** (y:x) = (hiIn:loIn) + a · b mod 2^64. */
  MADDU(5),
  /** (y:x) = (hiIn:loIn) − signed a · signed b mod 2^64. */
  MSUB(6),
  /** (y:x) = (hiIn:loIn) − a · b mod 2^64. */
  MSUBU(7),
  /** Signed division as the executor does it (MipsMachine#divide): x = quotient (LO), y = remainder (HI). */
  DIV(8),
  /** Unsigned division as the executor does it (MipsMachine#divideUnsigned). */
  DIVU(9),
  /** x = a AND b (b: rt or the zero-extended immediate). */
  AND(10),
  /** x = a OR b. */
  OR(11),
  /** x = a XOR b. */
  XOR(12),
  /** x = NOT (a OR b). */
  NOR(13),
  /** x = b << (a mod 32); y = 0. */
  SLLV(16),
  /** x = b >>> (a mod 32). */
  SRLV(17),
  /** x = b >> (a mod 32) (arithmetic). */
  SRAV(18),
  /** x = b rotated right by imm (0..31, a constant of the instruction). */
  ROTR(19),
  /** x = b rotated right by a mod 32. */
  ROTRV(20),
  /** x = number of leading zeros of a (32 for 0). */
  CLZ(21),
  /** x = number of leading ones of a. */
  CLO(22),
  /** x = sign-extended low byte of b. */
  SEB(23),
  /** x = sign-extended low half of b. */
  SEH(24),
  /** x = b with the two bytes of each half swapped. */
  WSBH(25),
  /** EXT: x = (a >>> pos) & (2^size − 1), imm = pos + 32·size (size 1..32, pos + size ≤ 32). */
  EXT(26),
  /** INS: x = b with bits pos..pos+size−1 replaced by the low size bits of a; imm = pos + 32·size. */
  INS(27),
  /** Memory ops on {@link Lookups#BUS_MEMOP}: x = sign-extended byte at off. */
  LB(32),
  /** x = zero-extended byte at off. */
  LBU(33),
  /** x = sign-extended half at off (off even). */
  LH(34),
  /** x = zero-extended half at off (off even). */
  LHU(35),
  /** x = before (off 0); also LL. */
  LW(36),
  /** Load word left (big-endian), as MipsMachine: x merges before's bytes from off with rt. */
  LWL(37),
  /** Load word right (big-endian), as MipsMachine. */
  LWR(38),
  /** x = before with the byte at off replaced by rt's low byte. */
  SB(40),
  /** x = before with the half at off (even) replaced by rt's low half. */
  SH(41),
  /** x = rt (off 0); also SC. */
  SW(42),
  /** Store word left, as MipsMachine. */
  SWL(43),
  /** Store word right, as MipsMachine. */
  SWR(44);

  private final int id;

  AluOp(int id) {
    this.id = id;
  }

  /** The op's id in bus tuples. */
  public int id() {
    return id;
  }

  /** Whether the op goes on the memory-op bus (loads and stores). */
  public boolean memory() {
    return id >= 32;
  }
}
