package io.entangled.zkvm.stark;

import io.entangled.zkvm.elf.ElfLoader;
import io.entangled.zkvm.prover.air.MipsAir;
import io.entangled.zkvm.stark.air.Constraint;
import io.entangled.zkvm.stark.air.Expr;
import io.entangled.zkvm.stark.air.TableDef;
import io.entangled.zkvm.stark.backend.CpuProverBackend;
import io.entangled.zkvm.stark.backend.QuotientInputs;
import io.entangled.zkvm.stark.field.Ext;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.testkit.Asm;
import io.entangled.zkvm.testkit.TestElf;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Constraint evaluation over the LDE: {@link CpuProverBackend#evaluateQuotient} of the MIPS CPU
 * table's constraints (user and LogUp ones) on random columns of 2^logHeight rows × blowup 4, on a
 * pool of the given parallelism. Random columns make every constraint non-zero, which does not
 * change the work done.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EvaluatorBenchmark {
  @Param({"16"})
  public int logHeight;

  @Param({"1"})
  public int threads;

  private QuotientInputs inputs;
  private ForkJoinPool pool;
  private CpuProverBackend backend;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Asm a = new Asm();
    a.addiu(4, 0, 0).addiu(2, 0, 4246).syscall();
    MipsAir air = new MipsAir(ElfLoader.load(new TestElf().text(a.bytes()).build()));
    TableDef table = air.segment().tables().get(0);
    List<Constraint> constraints = table.allConstraints();
    Map<Expr.Source, Integer> counts = new EnumMap<>(Expr.Source.class);
    constraints.forEach(c -> count(c.expr(), counts));
    SplittableRandom rnd = new SplittableRandom(42);
    int logBlowup = 2;
    int m = 1 << (logHeight + logBlowup);
    long[][] main = columns(table.mainWidth(), m, rnd);
    long[][] pre = columns(table.preprocessedWidth(), m, rnd);
    long[][] aux = columns(2 * table.auxWidth(), m, rnd);
    Ext[] challenges = exts(counts.getOrDefault(Expr.Source.CHALLENGE, 0), rnd);
    long[] publics = columns(1, counts.getOrDefault(Expr.Source.PUBLIC, 0), rnd)[0];
    Ext[] claimed = exts(counts.getOrDefault(Expr.Source.CLAIMED_SUM, 0), rnd);
    inputs = new QuotientInputs(constraints, main, pre, aux, logHeight, logBlowup, challenges,
        publics, claimed, exts(1, rnd)[0]);
    pool = new ForkJoinPool(threads);
    backend = new CpuProverBackend(pool);
    System.out.printf("%n[evaluator] table=%s constraints=%d main=%d aux=%d lde rows=%d%n",
        table.name(), constraints.size(), main.length, aux.length / 2, m);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  @Benchmark
  public long[][] quotient() {
    return backend.evaluateQuotient(inputs);
  }

  private static void count(Expr e, Map<Expr.Source, Integer> counts) {
    switch (e) {
      case Expr.Const c -> { }
      case Expr.Var v -> counts.merge(v.source(), v.index() + 1, Math::max);
      case Expr.Add x -> { count(x.a(), counts); count(x.b(), counts); }
      case Expr.Sub x -> { count(x.a(), counts); count(x.b(), counts); }
      case Expr.Mul x -> { count(x.a(), counts); count(x.b(), counts); }
    }
  }

  private static long[][] columns(int width, int rows, SplittableRandom rnd) {
    long[][] out = new long[width][rows];
    for (long[] col : out) {
      for (int r = 0; r < rows; r++) {
        col[r] = Goldilocks.reduce(rnd.nextLong());
      }
    }
    return out;
  }

  private static Ext[] exts(int n, SplittableRandom rnd) {
    Ext[] out = new Ext[n];
    for (int i = 0; i < n; i++) {
      out[i] = new Ext(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
    }
    return out;
  }
}
