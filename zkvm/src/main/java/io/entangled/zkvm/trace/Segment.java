package io.entangled.zkvm.trace;

import java.util.List;

/**
 * A run of consecutive steps with the machine state at both ends. Steps are stored row-major,
 * {@link #COLUMNS} ints per step, in the order of the {@code COL_*} constants.
 *
 * @param index segment number from 0
 * @param start state before the first step
 * @param end state after the last step
 * @param stepCount number of steps
 * @param rows the step table, {@code stepCount * COLUMNS} ints
 * @param syscalls effects of the SYSCALL steps, in order
 * @param memory every memory word the segment's steps touch (loads, stores, syscall writes), with
 *     its value at the segment's start and end, in address order
 */
public record Segment(
    int index,
    MachineState start,
    MachineState end,
    int stepCount,
    int[] rows,
    List<SyscallEffect> syscalls,
    List<TouchedWord> memory) {
  public static final int COL_TID = 0;
  public static final int COL_PC = 1;
  public static final int COL_NEXT_PC = 2;
  public static final int COL_INSTRUCTION = 3;
  public static final int COL_RS_VALUE = 4;
  public static final int COL_RT_VALUE = 5;
  public static final int COL_DST_REGISTER = 6;
  public static final int COL_DST_VALUE = 7;
  public static final int COL_HI = 8;
  public static final int COL_LO = 9;
  public static final int COL_MEM_KIND = 10;
  public static final int COL_MEM_ADDRESS = 11;
  public static final int COL_MEM_BEFORE = 12;
  public static final int COL_MEM_AFTER = 13;
  public static final int COLUMNS = 14;

  /** Value of column {@code col} in step {@code step} (0-based within the segment). */
  public int get(int step, int col) {
    return rows[step * COLUMNS + col];
  }

  /**
   * A word of memory the segment touches.
   *
   * @param address word-aligned address
   * @param initial value before the segment's first step
   * @param last value after its last step
   */
  public record TouchedWord(int address, int initial, int last) {}
}
