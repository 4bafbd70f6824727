package io.entangled.chains.bitcoin;

import io.entangled.chains.bitcoin.spv.MerkleBlock;
import io.entangled.chains.bitcoin.spv.SpvProofVerifier;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput on one thread of header-chain verification (real mainnet headers 822529..830592, four
 * retargets: one operation = one header) and of SPV proof checks (a real block-830000 {@code
 * gettxoutproof}, parsed and verified: one operation = one proof).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BitcoinHeaderVerifyBenchmark {
  private static final int HEADERS = BitcoinTestData.HEADER_COUNT - 1;

  private byte[] headers;
  private byte[] first;
  private byte[] proof;
  private byte[] blockHeader;
  private final SpvProofVerifier spv = new SpvProofVerifier();

  @Setup
  public void load() {
    headers = BitcoinTestData.mainnetHeaders();
    first = BitcoinTestData.header(headers, 0);
    proof = BitcoinTestData.resource("txoutproof/0830000-1000.bin");
    blockHeader = Arrays.copyOf(BitcoinTestData.block830000(), 80);
  }

  @Benchmark
  @OperationsPerInvocation(HEADERS)
  public long verifyHeaders() {
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromTrustedStart(
            BitcoinNetworkParameters.MAINNET, TrustedStart.of(BitcoinTestData.FIRST_HEIGHT, first));
    if (v.verify(headers, 80, HEADERS).isPresent()) {
      throw new IllegalStateException("the real headers must verify");
    }
    return v.height();
  }

  @Benchmark
  public int verifySpvProof() {
    return spv.verify(MerkleBlock.parse(proof), blockHeader).matched().size();
  }
}
