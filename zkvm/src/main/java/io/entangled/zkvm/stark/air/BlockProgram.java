package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.field.Simd;
import java.util.Arrays;

/**
 * A set of constraint expressions compiled once into a flat program over blocks of rows (see
 * {@link BlockProgramCompiler}): each instruction is one loop over the block reading column arrays
 * at an offset, registers or scalars, and writing a register or an accumulator. Registers are
 * reused once their value is dead, so a program needs a few dozen block-sized arrays, held in a
 * {@link Scratch} that a thread reuses from block to block.
 */
public final class BlockProgram {
  static final int ADD_AA = 0;
  static final int SUB_AA = 1;
  static final int MUL_AA = 2;
  static final int ADD_AK = 3;
  static final int SUB_KA = 4;
  static final int MUL_AK = 5;
  static final int EMUL_AA = 6;
  static final int EMUL_AK = 7;
  static final int ACC_B = 8;
  static final int ACC_E = 9;

  /** One instruction: slots are destinations first, then sources; k0, k1 are its scalar. */
  record Instr(int op, int[] s, long k0, long k1) {}

  /** Where a root's value lives after a run: a slot, or a scalar when slot is negative. */
  record Out(int slot0, long k0, int slot1, long k1) {}

  private final Instr[] code;
  private final long[][] columns;
  private final boolean[] next;
  private final int registers;
  private final int accumulators;
  private final long[] accConstants;
  private final Out[] outputs;
  private final int size;
  private final int nextStride;

  BlockProgram(Instr[] code, long[][] columns, boolean[] next, int registers, long[] accConstants,
      Out[] outputs, int size, int nextStride) {
    this.code = code;
    this.columns = columns;
    this.next = next;
    this.registers = registers;
    this.accumulators = accConstants.length;
    this.accConstants = accConstants;
    this.outputs = outputs;
    this.size = size;
    this.nextStride = nextStride;
  }

  /**
   * Per-thread working memory of a program: column views, registers and accumulators. An
   * accumulator sums 128-bit products without reducing them: lo + hi·2^64 + top·2^128 per row,
   * reduced once at the end of the block into its canonical array.
   */
  public static final class Scratch {
    private final long[][] arr;
    private final int[] off;
    private final long[][] wrap;
    private final long[][] lo;
    private final long[][] hi;
    private final long[][] top;
    private final int capacity;

    private Scratch(int slots, int firstRegister, int firstAcc, int capacity) {
      this.arr = new long[slots][];
      this.off = new int[slots];
      this.wrap = new long[firstRegister][];
      this.lo = new long[slots][];
      this.hi = new long[slots][];
      this.top = new long[slots][];
      this.capacity = capacity;
      for (int i = firstRegister; i < slots; i++) {
        arr[i] = new long[capacity];
      }
      for (int i = firstAcc; i < slots; i++) {
        lo[i] = new long[capacity];
        hi[i] = new long[capacity];
        top[i] = new long[capacity];
      }
    }
  }

  /** Working memory for blocks of up to capacity rows. */
  public Scratch newScratch(int capacity) {
    int firstAcc = columns.length + registers;
    return new Scratch(firstAcc + accumulators, columns.length, firstAcc, capacity);
  }

  /** Number of registers (block-sized arrays) the program needs besides its accumulators. */
  public int registers() {
    return registers;
  }

  /** Number of instructions. */
  public int length() {
    return code.length;
  }

  /** Evaluates the block of rows [from, from + len) into the scratch. */
  public void run(int from, int len, Scratch s) {
    if (len > s.capacity) {
      throw new IllegalArgumentException(
          "block of " + len + " rows exceeds scratch of " + s.capacity);
    }
    bindColumns(from, len, s);
    int firstAcc = columns.length + registers;
    for (int a = firstAcc; a < firstAcc + accumulators; a++) {
      Arrays.fill(s.lo[a], 0, len, 0L);
      Arrays.fill(s.hi[a], 0, len, 0L);
      Arrays.fill(s.top[a], 0, len, 0L);
    }
    for (Instr in : code) {
      exec(in, s, len);
    }
    for (int a = 0; a < accumulators; a++) {
      finish(s, firstAcc + a, accConstants[a], len);
    }
  }

  /** acc = lo + hi·2^64 + top·2^128 + k, canonical; 2^128 = −2^32 modulo p. */
  private static void finish(Scratch s, int slot, long k, int len) {
    long[] out = s.arr[slot];
    long[] lo = s.lo[slot];
    long[] hi = s.hi[slot];
    long[] top = s.top[slot];
    for (int i = 0; i < len; i++) {
      out[i] = add(Goldilocks.reduce192(top[i], hi[i], lo[i]), k);
    }
  }

  /**
   * The accumulator arrays after {@link #run} (accumulator j at index j; valid for the block's len
   * rows until the next run).
   */
  public long[][] accumulators(Scratch s) {
    int first = columns.length + registers;
    return Arrays.copyOfRange(s.arr, first, first + accumulators);
  }

  /** Number of roots whose values {@link #output} returns. */
  public int outputs() {
    return outputs.length;
  }

  /** A copy of root i's values after {@link #run}; c1 is null when it is zero. */
  public RowBlockEvaluator.Block output(int i, int len, Scratch s) {
    Out o = outputs[i];
    long[] c0 = component(o.slot0(), o.k0(), len, s);
    long[] c1 = o.slot1() < 0 && o.k1() == 0 ? null : component(o.slot1(), o.k1(), len, s);
    return new RowBlockEvaluator.Block(c0, c1);
  }

  private static long[] component(int slot, long k, int len, Scratch s) {
    long[] a = new long[len];
    copyComponent(slot, k, a, len, s);
    return a;
  }

  /**
   * Copies root i's values after {@link #run} into c0 and c1 (rows 0 .. len − 1) without
   * allocating; returns false, leaving c1 untouched, when the root's c1 is zero.
   */
  public boolean outputInto(int i, long[] c0, long[] c1, int len, Scratch s) {
    Out o = outputs[i];
    copyComponent(o.slot0(), o.k0(), c0, len, s);
    if (o.slot1() < 0 && o.k1() == 0) {
      return false;
    }
    copyComponent(o.slot1(), o.k1(), c1, len, s);
    return true;
  }

  private static void copyComponent(int slot, long k, long[] dst, int len, Scratch s) {
    if (slot < 0) {
      Arrays.fill(dst, 0, len, k);
    } else {
      System.arraycopy(s.arr[slot], s.off[slot], dst, 0, len);
    }
  }

  private void bindColumns(int from, int len, Scratch s) {
    for (int c = 0; c < columns.length; c++) {
      long[] col = columns[c];
      int start = next[c] ? (from + nextStride) & (size - 1) : from;
      if (start + len <= size) {
        s.arr[c] = col;
        s.off[c] = start;
        continue;
      }
      if (s.wrap[c] == null) {
        s.wrap[c] = new long[s.capacity];
      }
      int first = size - start;
      System.arraycopy(col, start, s.wrap[c], 0, first);
      System.arraycopy(col, 0, s.wrap[c], first, len - first);
      s.arr[c] = s.wrap[c];
      s.off[c] = 0;
    }
  }

  private static void exec(Instr in, Scratch s, int len) {
    int[] x = in.s();
    long[][] a = s.arr;
    int[] o = s.off;
    switch (in.op()) {
      case ADD_AA -> add(a[x[0]], a[x[1]], o[x[1]], a[x[2]], o[x[2]], len);
      case SUB_AA -> sub(a[x[0]], a[x[1]], o[x[1]], a[x[2]], o[x[2]], len);
      case MUL_AA -> mul(a[x[0]], a[x[1]], o[x[1]], a[x[2]], o[x[2]], len);
      case ADD_AK -> addK(a[x[0]], a[x[1]], o[x[1]], in.k0(), len);
      case SUB_KA -> kSub(a[x[0]], a[x[1]], o[x[1]], in.k0(), len);
      case MUL_AK -> mulK(a[x[0]], a[x[1]], o[x[1]], in.k0(), len);
      case EMUL_AA -> extMul(a[x[0]], a[x[1]], a[x[2]], o[x[2]], a[x[3]], o[x[3]], a[x[4]], o[x[4]],
          a[x[5]], o[x[5]], len);
      case EMUL_AK -> extMulK(a[x[0]], a[x[1]], a[x[2]], o[x[2]], a[x[3]], o[x[3]], in.k0(),
          in.k1(), len);
      case ACC_B -> accBase(s, x[0], x[1], a[x[2]], o[x[2]], in.k0(), in.k1(), len);
      case ACC_E -> accExt(s, x[0], x[1], a[x[2]], o[x[2]], a[x[3]], o[x[3]], in.k0(), in.k1(),
          len);
      default -> throw new IllegalStateException("unknown instruction " + in.op());
    }
  }

  private static void add(long[] d, long[] a, int ao, long[] b, int bo, int len) {
    Simd.add(d, a, ao, b, bo, len);
  }

  /**
   * a + b for canonical a and b, as a − (p − b): p − b lies in [1, p], where the subtraction is
   * exact and canonical (b = 0 gives a − p + p = a), and costs fewer operations than the carry and
   * borrow of {@link Goldilocks#add}.
   */
  private static long add(long a, long b) {
    return Goldilocks.sub(a, Goldilocks.P - b);
  }

  private static void sub(long[] d, long[] a, int ao, long[] b, int bo, int len) {
    Simd.subtract(d, a, ao, b, bo, len);
  }

  private static void mul(long[] d, long[] a, int ao, long[] b, int bo, int len) {
    Simd.multiply(d, a, ao, b, bo, len);
  }

  private static void addK(long[] d, long[] a, int ao, long k, int len) {
    for (int i = 0; i < len; i++) {
      d[i] = add(a[ao + i], k);
    }
  }

  private static void kSub(long[] d, long[] a, int ao, long k, int len) {
    for (int i = 0; i < len; i++) {
      d[i] = Goldilocks.sub(k, a[ao + i]);
    }
  }

  private static void mulK(long[] d, long[] a, int ao, long k, int len) {
    Simd.multiplyBy(d, a, ao, k, len);
  }

  /** (a0 + a1 u)(b0 + b1 u) with three products (Karatsuba); d may alias a source. */
  private static void extMul(long[] d0, long[] d1, long[] a0, int a0o, long[] a1, int a1o,
      long[] b0, int b0o, long[] b1, int b1o, int len) {
    for (int i = 0; i < len; i++) {
      long x0 = a0[a0o + i];
      long x1 = a1[a1o + i];
      long y0 = b0[b0o + i];
      long y1 = b1[b1o + i];
      long p0 = Goldilocks.mul(x0, y0);
      long p1 = Goldilocks.mul(x1, y1);
      long m = Goldilocks.mul(add(x0, x1), add(y0, y1));
      d0[i] = add(p0, Goldilocks.mul(7, p1));
      d1[i] = Goldilocks.sub(m, add(p0, p1));
    }
  }

  private static void extMulK(long[] d0, long[] d1, long[] a0, int a0o, long[] a1, int a1o,
      long k0, long k1, int len) {
    long k1w = Goldilocks.mul(7, k1);
    for (int i = 0; i < len; i++) {
      long x0 = a0[a0o + i];
      long x1 = a1[a1o + i];
      d0[i] = add(Goldilocks.mul(x0, k0), Goldilocks.mul(x1, k1w));
      d1[i] = add(Goldilocks.mul(x0, k1), Goldilocks.mul(x1, k0));
    }
  }

  /** acc += (k0 + k1 u) x for a base-field x. */
  private static void accBase(Scratch s, int acc0, int acc1, long[] x, int xo, long k0, long k1,
      int len) {
    Simd.multiplyAccumulate(s.lo[acc0], s.hi[acc0], s.top[acc0], 0, x, xo, k0, len);
    Simd.multiplyAccumulate(s.lo[acc1], s.hi[acc1], s.top[acc1], 0, x, xo, k1, len);
  }

  /** acc += (k0 + k1 u)(x0 + x1 u) = (k0 x0 + 7 k1 x1) + (k1 x0 + k0 x1) u. */
  private static void accExt(Scratch s, int acc0, int acc1, long[] x0, int x0o, long[] x1,
      int x1o, long k0, long k1, int len) {
    long k1w = Goldilocks.mul(7, k1);
    Simd.multiplyAccumulate(s.lo[acc0], s.hi[acc0], s.top[acc0], 0, x0, x0o, k0, len);
    Simd.multiplyAccumulate(s.lo[acc0], s.hi[acc0], s.top[acc0], 0, x1, x1o, k1w, len);
    Simd.multiplyAccumulate(s.lo[acc1], s.hi[acc1], s.top[acc1], 0, x0, x0o, k1, len);
    Simd.multiplyAccumulate(s.lo[acc1], s.hi[acc1], s.top[acc1], 0, x1, x1o, k0, len);
  }
}
