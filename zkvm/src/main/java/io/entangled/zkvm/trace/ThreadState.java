package io.entangled.zkvm.trace;

/**
 * One thread's CPU context at a segment boundary.
 *
 * @param tid thread id
 * @param state scheduler state (RUNNABLE, FUTEX_WAIT, SLEEPING, EXITED)
 * @param pc address of the next instruction
 * @param nextPc address after it (differs from pc + 4 inside a delay slot)
 * @param hi HI register
 * @param lo LO register
 * @param tls thread pointer (set_thread_area / CLONE_SETTLS)
 * @param registers the 32 general-purpose registers
 */
public record ThreadState(
    int tid, String state, int pc, int nextPc, int hi, int lo, int tls, int[] registers) {}
