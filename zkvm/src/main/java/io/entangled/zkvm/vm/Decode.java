package io.entangled.zkvm.vm;

import io.entangled.zkvm.trace.StepRecord;

/** Static facts about an instruction word that the tracer records. */
final class Decode {
  private Decode() {}

  /** Whether the instruction loads, stores, or does neither. */
  static int memoryKind(int insn) {
    int op = insn >>> 26;
    if ((op >= 0x20 && op <= 0x26) || op == 0x30) {
      return StepRecord.MEM_READ;
    }
    if ((op >= 0x28 && op <= 0x2b) || op == 0x2e || op == 0x38) {
      return StepRecord.MEM_WRITE;
    }
    return StepRecord.MEM_NONE;
  }

  /** The general-purpose register the instruction writes, or -1 (r0 counts as none). */
  static int destination(int insn) {
    int reg = rawDestination(insn);
    return reg == 0 ? -1 : reg;
  }

  private static int rawDestination(int insn) {
    int op = insn >>> 26;
    int rt = (insn >>> 16) & 31;
    int rd = (insn >>> 11) & 31;
    return switch (op) {
      case 0x00 -> specialDestination(insn & 63, rd);
      case 0x01 -> (rt == 0x10 || rt == 0x11) ? 31 : -1;
      case 0x03 -> 31;
      case 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f -> rt;
      case 0x1c -> {
        int f = insn & 63;
        yield (f == 0x02 || f == 0x20 || f == 0x21) ? rd : -1;
      }
      case 0x1f -> {
        int f = insn & 63;
        yield f == 0x20 ? rd : (f == 0x00 || f == 0x04 || f == 0x3b) ? rt : -1;
      }
      case 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x30, 0x38 -> rt;
      default -> -1;
    };
  }

  private static int specialDestination(int funct, int rd) {
    return switch (funct) {
      case 0x00, 0x02, 0x03, 0x04, 0x06, 0x07, 0x09, 0x0a, 0x0b, 0x10, 0x12 -> rd;
      case 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2a, 0x2b -> rd;
      default -> -1;
    };
  }
}
