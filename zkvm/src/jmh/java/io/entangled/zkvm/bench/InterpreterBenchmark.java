package io.entangled.zkvm.bench;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.trace.TraceRecorder;
import io.entangled.zkvm.vm.GuestIo;
import io.entangled.zkvm.vm.MipsMachine;
import io.entangled.zkvm.vm.RunResult;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter throughput in guest instructions per second (one op = one instruction): a loop of
 * loads, stores, ALU ops, shifts and a branch with a filled delay slot, 12 instructions per
 * iteration, run untraced and traced (segments of 2^20 steps, discarded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class InterpreterBenchmark {
  static final int ITERATIONS = 1_000_000;
  static final int SETUP = 8;
  static final int LOOP = 12;
  static final int EXIT = 5;
  static final int INSTRUCTIONS = SETUP + LOOP * ITERATIONS + EXIT;

  private LoadedProgram program;

  @Setup
  public void load() throws Exception {
    program = ElfLoader.load(loopProgram(ITERATIONS));
  }

  /** The benchmark guest: {@code SETUP + 12 * iterations + EXIT} instructions. */
  public static byte[] loopProgram(int iterations) {
    Asm a = new Asm().li(28, TestElf.DATA).li(9, iterations).li(10, 0).li(11, 0x12345);
    int loop = a.here();
    a.imm(0x0c, 9, 12, 0x3fc); // andi
    a.addu(13, 28, 12);
    a.lw(14, 13, 0);
    a.addu(10, 10, 14);
    a.special(10, 11, 11, 0, 0x26); // xor
    a.special(0, 11, 15, 3, 0x00); // sll
    a.special(0, 11, 16, 29, 0x02); // srl
    a.special(15, 16, 11, 0, 0x25); // or
    a.sw(11, 13, 0);
    a.addiu(9, 9, -1);
    a.word(Asm.i(0x05, 9, 0, (loop - a.here() - 4) >> 2)); // bne
    a.addu(10, 10, 9); // delay slot
    a.li(4, 0).li(2, 4246).syscall();
    return new TestElf().text(a.bytes()).segment(TestElf.DATA, new byte[1024], 4096, 6).build();
  }

  private MipsMachine machine() {
    return new MipsMachine(program, new GuestIo(new byte[0], OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()));
  }

  @Benchmark
  @OperationsPerInvocation(INSTRUCTIONS)
  public RunResult untraced() {
    return machine().run(Long.MAX_VALUE);
  }

  @Benchmark
  @OperationsPerInvocation(INSTRUCTIONS)
  public RunResult traced() {
    return machine().run(Long.MAX_VALUE, TraceRecorder.streaming(1 << 20, s -> { }));
  }
}
