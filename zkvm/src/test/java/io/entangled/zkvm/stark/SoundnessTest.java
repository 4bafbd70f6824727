package io.entangled.zkvm.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.zkvm.stark.air.Air;
import io.entangled.zkvm.stark.backend.CpuProverBackend;
import io.entangled.zkvm.stark.field.Goldilocks;
import io.entangled.zkvm.stark.proof.ProofCodec;
import io.entangled.zkvm.stark.proof.StarkParameters;
import io.entangled.zkvm.stark.proof.StarkProof;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SoundnessTest {
  static final StarkParameters FAST = EndToEndTest.FAST;
  static final StarkVerifier VERIFIER = new StarkVerifier(0);

  static StarkProver lenientProver(StarkParameters p) {
    return new StarkProver(p, new CpuProverBackend(), ForkJoinPool.commonPool(), false);
  }

  @Test
  void brokenConstraintOnOneRowFailsToProve() {
    long[][] trace = ExampleAirs.fibonacciTrace(64, 1, 1);
    long[] pub = ExampleAirs.fibonacciPublic(trace);
    trace[1][20] = Goldilocks.add(trace[1][20], 1);
    assertThatThrownBy(() -> new StarkProver(FAST).prove(ExampleAirs.fibonacci(), List.<long[][]>of(trace), pub))
        .isInstanceOf(ProvingException.class).hasMessageContaining("constraints not satisfied");
  }

  @Test
  void brokenConstraintOnOneRowFailsToVerifyWhenForced() {
    long[][] trace = ExampleAirs.fibonacciTrace(64, 1, 1);
    long[] pub = ExampleAirs.fibonacciPublic(trace);
    trace[0][33] = Goldilocks.add(trace[0][33], 5);
    byte[] proof = lenientProver(FAST).prove(ExampleAirs.fibonacci(), List.<long[][]>of(trace), pub);
    VerificationResult r = VERIFIER.verify(ExampleAirs.fibonacci(), proof);
    assertThat(r.accepted()).isFalse();
    assertThat(r.reason()).containsAnyOf("FRI", "constraints do not match");
  }

  @Test
  void wrongBoundaryValueFailsToVerifyWhenForced() {
    long[][] trace = ExampleAirs.fibonacciTrace(64, 1, 1);
    long[] pub = ExampleAirs.fibonacciPublic(trace);
    pub[2] = Goldilocks.add(pub[2], 1);
    byte[] proof = lenientProver(FAST).prove(ExampleAirs.fibonacci(), List.<long[][]>of(trace), pub);
    assertThat(VERIFIER.verify(ExampleAirs.fibonacci(), proof).accepted()).isFalse();
  }

  @Test
  void changedPublicInputIsRejected() {
    Air air = ExampleAirs.fibonacci();
    long[][] trace = ExampleAirs.fibonacciTrace(64, 2, 3);
    long[] pub = ExampleAirs.fibonacciPublic(trace);
    byte[] proof = new StarkProver(FAST).prove(air, List.<long[][]>of(trace), pub);
    long[] other = pub.clone();
    other[2] = Goldilocks.add(other[2], 1);
    assertThat(VERIFIER.verify(air, proof, other).reason()).startsWith("publicValues");
    // Rewrite the public value inside the proof and fix its hash: the transcript and constraints catch it.
    StarkProof p = ProofCodec.decode(proof, air);
    StarkProof forged = new StarkProof(p.parameters(), p.securityBits(), p.airDigest(),
        ProofCodec.publicValuesHash(other), other, p.tables(), p.friCaps(), p.finalPolynomial(),
        p.powNonce(), p.openings());
    VerificationResult r = VERIFIER.verify(air, ProofCodec.encode(forged), other);
    assertThat(r.accepted()).isFalse();
  }

  @Test
  void unbalancedBusIsRejected() {
    Air air = ExampleAirs.rangeCheck();
    long[] values = new long[64];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 3L;
    }
    values[17] = 300;
    byte[] proof = new StarkProver(FAST).prove(air, ExampleAirs.rangeCheckTraces(values), new long[0]);
    VerificationResult r = VERIFIER.verify(air, proof);
    assertThat(r.accepted()).isFalse();
    assertThat(r.reason()).isEqualTo("the LogUp buses do not balance");
  }

  @Test
  void permutationWithAMissingRowIsRejected() {
    Air air = ExampleAirs.permutation();
    List<long[][]> traces = ExampleAirs.permutationTraces(16);
    traces.get(1)[2][5] = 0;
    byte[] proof = new StarkProver(FAST).prove(air, traces, new long[0]);
    assertThat(VERIFIER.verify(air, proof).reason()).contains("do not balance");
  }

  @Test
  void proofForAnotherAirIsRejected() {
    List<long[][]> traces = ExampleAirs.permutationTraces(16);
    byte[] proof = new StarkProver(FAST).prove(ExampleAirs.permutation(), traces, new long[0]);
    assertThat(VERIFIER.verify(ExampleAirs.rangeCheck(), proof).accepted()).isFalse();
  }

  @Test
  void parametersBelowTheFloorAreRefused() {
    long[][] trace = ExampleAirs.fibonacciTrace(32, 1, 1);
    byte[] proof = new StarkProver(FAST).prove(ExampleAirs.fibonacci(), List.<long[][]>of(trace),
        ExampleAirs.fibonacciPublic(trace));
    VerificationResult r = new StarkVerifier(100).verify(ExampleAirs.fibonacci(), proof);
    assertThat(r.reason()).startsWith("security:");
  }

  @Test
  void defaultParametersGiveAtLeast100BitsAndVerify() {
    long[][] trace = ExampleAirs.fibonacciTrace(256, 1, 1);
    StarkParameters p = StarkParameters.defaults();
    byte[] proof = new StarkProver(p).prove(ExampleAirs.fibonacci(), List.<long[][]>of(trace),
        ExampleAirs.fibonacciPublic(trace));
    assertThat(ProofCodec.decode(proof, ExampleAirs.fibonacci()).securityBits()).isGreaterThanOrEqualTo(100);
    assertThat(new StarkVerifier(100).verify(ExampleAirs.fibonacci(), proof).reason()).isEqualTo("accepted");
  }

  @Test
  void everySampledMutatedByteOfEachRegionIsRejected() {
    Air air = ExampleAirs.rangeCheck();
    long[] values = new long[64];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 11L) % 256;
    }
    byte[] proof = new StarkProver(FAST).prove(air, ExampleAirs.rangeCheckTraces(values), new long[0]);
    assertThat(VERIFIER.verify(air, proof).accepted()).isTrue();
    TreeSet<Integer> positions = new TreeSet<>();
    for (int i = 0; i < 120; i++) {
      positions.add(i);
    }
    for (int i = 0; i < proof.length; i += 37) {
      positions.add(i);
    }
    for (int i = Math.max(0, proof.length - 64); i < proof.length; i++) {
      positions.add(i);
    }
    positions.addAll(regionStarts(air, proof));
    List<String> accepted = new ArrayList<>();
    for (int pos : positions) {
      for (int bit : new int[] {0, 7}) {
        byte[] bad = proof.clone();
        bad[pos] ^= (byte) (1 << bit);
        VerificationResult r = VERIFIER.verify(air, bad);
        if (r.accepted()) {
          accepted.add(pos + ":" + bit);
        }
      }
    }
    assertThat(accepted).as("mutations accepted").isEmpty();
    assertThat(VERIFIER.verify(air, java.util.Arrays.copyOf(proof, proof.length - 1)).reason()).contains("truncated");
    assertThat(VERIFIER.verify(air, java.util.Arrays.copyOf(proof, proof.length + 1)).reason()).contains("trailing");
  }

  /** Offsets of the nonce, final polynomial and FRI caps, found by their encoded bytes. */
  private static List<Integer> regionStarts(Air air, byte[] proof) {
    StarkProof p = ProofCodec.decode(proof, air);
    List<Integer> out = new ArrayList<>();
    byte[] nonce = new byte[8];
    io.entangled.zkvm.stark.merkle.LeafEncoding.putLong(nonce, 0, p.powNonce());
    for (byte[] needle : List.of(nonce, p.friCaps().get(0), p.tables().get(1).quotientCap())) {
      int at = indexOf(proof, needle);
      for (int i = 0; i < needle.length && at >= 0; i++) {
        out.add(at + i);
      }
    }
    long c0 = p.finalPolynomial()[0].c0();
    byte[] fp = new byte[8];
    io.entangled.zkvm.stark.merkle.LeafEncoding.putLong(fp, 0, c0);
    int at = indexOf(proof, fp);
    for (int i = 0; i < 16 && at >= 0; i++) {
      out.add(at + i);
    }
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
