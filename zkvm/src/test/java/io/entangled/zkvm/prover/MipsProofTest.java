package io.entangled.zkvm.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proof container: round trip, and every malformed file refused with a clear message. */
class MipsProofTest {
  private static MipsProof sample() {
    byte[] image = new byte[32];
    Arrays.fill(image, (byte) 7);
    return new MipsProof(image, 3, 12345, new byte[] {1, 2, 3},
        new KernelTranscript(List.of(new KernelTranscript.Call(7, 0x400100, new int[] {4246, 0},
            new int[] {0x1000}, new int[] {5}))),
        List.of(new byte[] {9, 9}, new byte[] {8}), new byte[] {5, 5, 5});
  }

  @Test
  void roundTrip() {
    MipsProof p = MipsProof.decode(sample().encode());
    assertThat(p.imageId()).isEqualTo(sample().imageId());
    assertThat(p.exitCode()).isEqualTo(3);
    assertThat(p.cycles()).isEqualTo(12345);
    assertThat(p.publicValues()).containsExactly(1, 2, 3);
    assertThat(p.segments()).hasSize(2);
    assertThat(p.finale()).containsExactly(5, 5, 5);
    assertThat(p.context()).isEqualTo(sample().context());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] bytes = sample().encode();
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> MipsProof.decode(cut)).as("length %d", len)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void trailingBytesMagicAndVersionAreChecked() {
    byte[] bytes = sample().encode();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> MipsProof.decode(longer)).hasMessageContaining("trailing");
    byte[] magic = bytes.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> MipsProof.decode(magic)).hasMessageContaining("magic");
    byte[] version = bytes.clone();
    version[5] = 1;
    assertThatThrownBy(() -> MipsProof.decode(version)).hasMessageContaining("version");
  }

  @Test
  void theContextBindsEveryClaim() {
    MipsProof p = sample();
    byte[] base = p.context();
    assertThat(new MipsProof(p.imageId(), 4, p.cycles(), p.publicValues(), p.transcript(), p.segments(),
        p.finale()).context()).isNotEqualTo(base);
    assertThat(new MipsProof(p.imageId(), 3, 12346, p.publicValues(), p.transcript(), p.segments(),
        p.finale()).context()).isNotEqualTo(base);
    assertThat(new MipsProof(p.imageId(), 3, p.cycles(), new byte[] {1, 2}, p.transcript(), p.segments(),
        p.finale()).context()).isNotEqualTo(base);
    assertThat(new MipsProof(p.imageId(), 3, p.cycles(), p.publicValues(),
        p.transcript(), List.of(new byte[0]), p.finale()).context()).isNotEqualTo(base);
  }
}
