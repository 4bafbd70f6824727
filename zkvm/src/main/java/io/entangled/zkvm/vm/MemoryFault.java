package io.entangled.zkvm.vm;

/** Raised by {@link Memory} on an access to an unmapped address; the machine adds the pc. */
final class MemoryFault extends RuntimeException {
  MemoryFault(String message) {
    super(message, null, false, false);
  }
}
