package io.entangled.zkvm.trace;

/** A word of guest memory a syscall changed (word-aligned address, value before and after). */
public record MemoryWrite(int address, int before, int after) {}
