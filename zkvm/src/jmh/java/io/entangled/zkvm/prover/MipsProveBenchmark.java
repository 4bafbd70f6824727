package io.entangled.zkvm.prover;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.elf.LoadedProgram;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import io.entangled.zkvm.trace.Segment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Proving time of a hand-assembled Fibonacci loop (ADDU, ADDIU, BNE with delay slot; 6 cycles per
 * iteration) from its recorded segment: trace generation plus STARK proof. Cycles/s = cycles / time;
 * the cycle count is printed at setup. Verification time is measured by {@link #verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MipsProveBenchmark {
  @Param({"10000", "40000"})
  public int iterations;

  private MipsAir air;
  private LoadedProgram program;
  private List<Segment> segment;
  private byte[] proof;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Asm a = new Asm();
    a.imm(0x0f, 0, 8, (iterations + 0x8000) >>> 16).addiu(8, 8, (short) iterations);
    a.addiu(9, 0, 0).addiu(10, 0, 1);
    int loop = a.size();
    a.addu(11, 9, 10).addu(9, 10, 0).addu(10, 11, 0).addiu(8, 8, -1);
    a.imm(0x05, 8, 0, loop - (a.size() + 1)).nop();
    a.addu(4, 9, 0).addiu(2, 0, 4246).syscall();
    program = ElfLoader.load(new TestElf().text(a.bytes()).build());
    air = new MipsAir(program);
    segment = MipsProver.record(program, new byte[0], 1 << 22);
    proof = new MipsProver().prove(air, program, segment).encode();
    System.out.printf("%n[mips-prove] iterations=%d cycles=%d proof=%d bytes%n", iterations,
        segment.stream().mapToInt(Segment::stepCount).sum(), proof.length);
  }

  @Benchmark
  public byte[] prove() {
    return new MipsProver().prove(air, program, segment).encode();
  }

  @Benchmark
  public boolean verify() {
    return new MipsVerifier().verify(program, proof).accepted();
  }
}
