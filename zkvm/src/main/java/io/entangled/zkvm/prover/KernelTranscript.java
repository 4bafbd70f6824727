package io.entangled.zkvm.prover;

import io.entangled.zkvm.vm.KernelReplay;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every syscall of a run as the kernel saw it: enough for {@link KernelReplay} to re-derive the
 * kernel's effects (see there). The proof carries it; the AIR binds each entry to the run (the
 * CPU's syscall tuple, the kernel table's accesses, the entry of the step that follows).
 *
 * <p>Encoding (big-endian): call count u32, then per call: cycle u64, resume pc u32, register
 * values (count u8, u32 each, in {@link KernelReplay#suppliedCells} order), words (count u32,
 * then address u32 and value-before u32 each, addresses ascending).
 */
public record KernelTranscript(List<Call> calls) {
  private static final int MAX_WORDS = 1 << 22;

  public KernelTranscript {
    calls = List.copyOf(calls);
  }

  /**
   * One syscall.
   *
   * @param cycle the SYSCALL step's cycle index
   * @param npc the caller's resume pc (the SYSCALL's next pc)
   * @param cells the caller's register values the kernel may read
   * @param wordAddrs the memory words the kernel reads or writes, ascending
   * @param wordBefore their values before the call
   */
  public record Call(long cycle, int npc, int[] cells, int[] wordAddrs, int[] wordBefore) {}

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    try {
      d.writeInt(calls.size());
      for (Call c : calls) {
        d.writeLong(c.cycle());
        d.writeInt(c.npc());
        d.writeByte(c.cells().length);
        for (int v : c.cells()) {
          d.writeInt(v);
        }
        d.writeInt(c.wordAddrs().length);
        for (int i = 0; i < c.wordAddrs().length; i++) {
          d.writeInt(c.wordAddrs()[i]);
          d.writeInt(c.wordBefore()[i]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Decodes a transcript; IllegalArgumentException names what is malformed. */
  static KernelTranscript decode(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available() / 13) {
      throw new IllegalArgumentException("bad syscall count " + count);
    }
    List<Call> calls = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      long cycle = in.readLong();
      int npc = in.readInt();
      int[] cells = new int[in.readUnsignedByte()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = in.readInt();
      }
      int words = in.readInt();
      if (words < 0 || words > MAX_WORDS || words > in.available() / 8) {
        throw new IllegalArgumentException("syscall " + k + ": bad word count " + words);
      }
      int[] addrs = new int[words];
      int[] before = new int[words];
      for (int i = 0; i < words; i++) {
        addrs[i] = in.readInt();
        before[i] = in.readInt();
      }
      calls.add(new Call(cycle, npc, cells, addrs, before));
    }
    return new KernelTranscript(calls);
  }
}
