package io.entangled.zkvm.vm;

/**
 * The guest did something the machine cannot continue from: an illegal instruction, an unaligned
 * or unmapped access, a trap, an unknown syscall. Carries the pc and the instruction word.
 */
public final class GuestFault extends RuntimeException {
  private final int pc;
  private final int instruction;

  public GuestFault(int pc, int instruction, String reason) {
    super(reason, null, false, false);
    this.pc = pc;
    this.instruction = instruction;
  }

  public int pc() {
    return pc;
  }

  public int instruction() {
    return instruction;
  }

  public String reason() {
    return getMessage();
  }

  /** One line: pc, instruction word and reason. */
  public String describe() {
    return String.format("fault at pc=0x%08x insn=0x%08x: %s", pc, instruction, getMessage());
  }
}
