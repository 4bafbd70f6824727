package io.entangled.zkvm.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The guest's I/O channels (see {@code zkvm/README.md}, "Guest I/O ABI"): fd 0 reads the private
 * input, fd 1 and fd 2 go to the host's stdout and stderr, fd 3 collects the public values.
 */
public final class GuestIo {
  public static final int FD_INPUT = 0;
  public static final int FD_STDOUT = 1;
  public static final int FD_STDERR = 2;
  public static final int FD_PUBLIC = 3;

  private final byte[] input;
  private int inputPos;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final ByteArrayOutputStream publicValues = new ByteArrayOutputStream();

  public GuestIo(byte[] input, OutputStream stdout, OutputStream stderr) {
    this.input = input.clone();
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Private input bytes left to read. */
  int remainingInput() {
    return input.length - inputPos;
  }

  /** Copies up to {@code max} input bytes; returns how many. */
  byte[] readInput(int max) {
    int n = Math.min(max, remainingInput());
    byte[] out = new byte[n];
    System.arraycopy(input, inputPos, out, 0, n);
    inputPos += n;
    return out;
  }

  void write(int fd, byte[] data) {
    try {
      switch (fd) {
        case FD_STDOUT -> stdout.write(data);
        case FD_STDERR -> stderr.write(data);
        case FD_PUBLIC -> publicValues.write(data);
        default -> throw new IllegalArgumentException("fd " + fd);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void flush() {
    try {
      stdout.flush();
      stderr.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the guest wrote to fd 3, in order. */
  public byte[] publicValues() {
    return publicValues.toByteArray();
  }
}
