package io.entangled.zkvm.trace;

/**
 * A word of guest memory a syscall read or wrote (word-aligned address; a read has before ==
 * after).
 */
public record MemoryAccess(int address, int before, int after, boolean write) {}
