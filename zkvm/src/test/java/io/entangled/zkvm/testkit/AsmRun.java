package io.entangled.zkvm.testkit;

import io.entangled.zkvm.elf.ElfFormatException;
import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.ByteArrayOutputStream;

/** Runs hand-assembled code with a 4 KiB data page at {@link TestElf#DATA}. */
public final class AsmRun {
  public final MipsMachine machine;
  public final RunResult result;
  public final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private AsmRun(Asm code, byte[] data, long maxCycles) {
    byte[] elf = new TestElf().text(code.bytes()).segment(TestElf.DATA, data, 4096, 6).build();
    try {
      machine = new MipsMachine(ElfLoader.load(elf),
          new GuestIo(new byte[0], stdout, new ByteArrayOutputStream()));
    } catch (ElfFormatException e) {
      throw new IllegalStateException(e);
    }
    result = machine.run(maxCycles);
  }

  public static AsmRun run(Asm code) {
    return new AsmRun(code, new byte[0], 100_000);
  }

  public static AsmRun run(Asm code, byte[] data) {
    return new AsmRun(code, data, 100_000);
  }

  public static AsmRun run(Asm code, byte[] data, long maxCycles) {
    return new AsmRun(code, data, maxCycles);
  }

  /** Register value of the main thread. */
  public int reg(int r) {
    return machine.currentThread().reg(r);
  }

  public int word(int addr) {
    return machine.memory().readWord(addr);
  }
}
