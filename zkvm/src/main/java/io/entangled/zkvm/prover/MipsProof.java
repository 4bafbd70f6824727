package io.entangled.zkvm.prover;

import io.entangled.zkvm.stark.merkle.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A proof that a program, on some private input, ran {@code cycles} instructions, committed
 * {@code publicValues} (its writes to fd 3) and exited with {@code exitCode}: one STARK proof per
 * segment plus one for the final state, sharing one LogUp argument.
 *
 * <p>Format (big-endian): magic "EZKM", version u16 = 2, image id (32 bytes), exit code u32, cycles
 * u64, public values (u32 length, bytes), the kernel transcript ({@link KernelTranscript}),
 * segment count u32, each segment proof (u32 length, bytes), the final proof (u32 length, bytes).
 * Nothing may follow.
 */
public record MipsProof(byte[] imageId, long exitCode, long cycles, byte[] publicValues,
    KernelTranscript transcript, List<byte[]> segments, byte[] finale) {
  public static final int VERSION = 2;
  private static final byte[] MAGIC = "EZKM".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PIECE = 1 << 30;

  public MipsProof {
    segments = List.copyOf(segments);
  }

  /**
   * What the LogUp challenges are bound to besides the pieces' commitments: the program, the claims
   * (exit code, cycles, public values), the kernel transcript and the number of segments.
   */
  public byte[] context() {
    return context(imageId, exitCode, cycles, publicValues, transcript, segments.size());
  }

  /** {@link #context()} of a proof with these claims and segment count, before it exists. */
  static byte[] context(byte[] imageId, long exitCode, long cycles, byte[] publicValues,
      KernelTranscript transcript, int segmentCount) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    try {
      d.write("entangled-mips-v2".getBytes(StandardCharsets.US_ASCII));
      d.write(imageId);
      d.writeLong(exitCode);
      d.writeLong(cycles);
      d.write(Sha256.hash(publicValues));
      d.write(Sha256.hash(transcript.encode()));
      d.writeInt(segmentCount);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    try {
      d.write(MAGIC);
      d.writeShort(VERSION);
      d.write(imageId);
      d.writeInt((int) exitCode);
      d.writeLong(cycles);
      d.writeInt(publicValues.length);
      d.write(publicValues);
      d.write(transcript.encode());
      d.writeInt(segments.size());
      for (byte[] s : segments) {
        d.writeInt(s.length);
        d.write(s);
      }
      d.writeInt(finale.length);
      d.write(finale);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Decodes a proof file; IllegalArgumentException names what is malformed. */
  public static MipsProof decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte[] magic = in.readNBytes(4);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("not a MIPS proof (magic)");
      }
      int version = in.readUnsignedShort();
      if (version != VERSION) {
        throw new IllegalArgumentException("unsupported proof version " + version);
      }
      byte[] image = in.readNBytes(32);
      if (image.length != 32) {
        throw new IllegalArgumentException("truncated proof: image id");
      }
      long exit = Integer.toUnsignedLong(in.readInt());
      long cycles = in.readLong();
      byte[] pub = in.readNBytes(length(in, "public values"));
      KernelTranscript transcript = KernelTranscript.decode(in);
      int count = in.readInt();
      if (count < 1 || count > 1 << 20) {
        throw new IllegalArgumentException("segment count " + count);
      }
      List<byte[]> segs = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        segs.add(in.readNBytes(length(in, "segment " + k)));
      }
      byte[] fin = in.readNBytes(length(in, "final proof"));
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes after the final proof");
      }
      return new MipsProof(image, exit, cycles, pub, transcript, segs, fin);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated proof: " + e.getMessage());
    }
  }

  private static int length(DataInputStream in, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_PIECE || n > in.available()) {
      // available() is exact for the in-memory stream this reads
      throw new IllegalArgumentException("bad length of " + what + ": " + n);
    }
    return n;
  }
}
