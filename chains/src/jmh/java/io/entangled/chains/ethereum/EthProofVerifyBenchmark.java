package io.entangled.chains.ethereum;

import io.entangled.chains.ethereum.trie.AccountProof;
import io.entangled.chains.ethereum.trie.AccountProofVerifier;
import io.entangled.chains.ethereum.trie.MerklePatriciaProof;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.web3j.crypto.Hash;

/**
 * Merkle-Patricia proofs verified per second on one thread, on real go-ethereum {@code
 * eth_getProof} answers (hive test chain): {@code accountProof} = one state-trie proof (3 nodes,
 * keccak of each, RLP decoding, account decoding); {@code accountAndStorage} = the full EIP-1186
 * check of an answer with one storage proof (two MPT proofs per operation); {@code headerHash} =
 * one Prague header encoded and hashed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EthProofVerifyBenchmark {
  private byte[] stateRoot;
  private byte[] addressKey;
  private List<byte[]> accountNodes;
  private AccountProof withStorage;
  private EthHeader header;

  @Setup
  public void load() {
    stateRoot = JsonFields.data(
        EthTestData.ioResult("execution-apis/eth_getBlockByNumber/get-latest.io"), "stateRoot", 32);
    withStorage = AccountProof.fromJson(
        EthTestData.ioResult("execution-apis/eth_getProof/get-account-proof-with-storage.io"));
    addressKey = Hash.sha3(withStorage.address());
    accountNodes = withStorage.accountProof();
    header = EthHeaderJson.parse(
        EthTestData.ioResult("execution-apis/eth_getBlockByNumber/get-block-prague-fork.io"));
  }

  @Benchmark
  public int accountProof() {
    return MerklePatriciaProof.verify(stateRoot, addressKey, accountNodes).orElseThrow().length;
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public int accountAndStorage() {
    return AccountProofVerifier.verify(stateRoot, withStorage).slots().size();
  }

  @Benchmark
  public byte[] headerHash() {
    return header.hash();
  }
}
