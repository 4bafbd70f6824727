package io.entangled.chains.bitcoin.spv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.BitcoinTestData;
import io.entangled.chains.bitcoin.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpvProofVerifierTest {
  private static final byte[] BLOCK = BitcoinTestData.block830000();
  private static final byte[] HEADER = Arrays.copyOf(BLOCK, 80);
  private static final List<byte[]> TXIDS = BlockTransactions.txids(BLOCK);

  private static byte[] proofBytes(int index) {
    return BitcoinTestData.resource("txoutproof/0830000-" + index + ".bin");
  }

  private static SpvResult verify(MerkleBlock proof) {
    return new SpvProofVerifier().verify(proof, HEADER);
  }

  @Test
  void block830000TransactionsRebuildItsMerkleRoot() {
    assertThat(TXIDS).hasSize(1851);
    assertThat(BlockTransactions.merkleRoot(TXIDS)).isEqualTo(Arrays.copyOfRange(HEADER, 36, 68));
    assertThat(BitcoinHeader.parse(HEADER).hashHex()).startsWith("0000000000000000000");
  }

  @ParameterizedTest(name = "txout proof of transaction {0}")
  @ValueSource(ints = {0, 1, 10, 100, 1000, 1850})
  void txoutProofVerifiesAndMatchesTheTransaction(int index) {
    SpvResult r = verify(MerkleBlock.parse(proofBytes(index)));

    assertThat(r.valid()).as("%s", r.violation()).isTrue();
    assertThat(r.matched())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.index()).isEqualTo(index);
              assertThat(m.txid()).isEqualTo(TXIDS.get(index));
            });
  }

  @Test
  void rejectsAWrongMerkleBranch() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(100));
    List<byte[]> hashes = new ArrayList<>(p.hashes());
    byte[] h = hashes.get(3).clone();
    h[0] ^= 1;
    hashes.set(3, h);

    assertRule(
        new MerkleBlock(p.header(), p.totalTransactions(), hashes, p.flags()), "merkle-root");
  }

  @Test
  void rejectsSwappedBranchHashes() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(1000));
    List<byte[]> hashes = new ArrayList<>(p.hashes());
    java.util.Collections.swap(hashes, 1, 2);

    assertRule(
        new MerkleBlock(p.header(), p.totalTransactions(), hashes, p.flags()), "merkle-root");
  }

  @Test
  void rejectsAnExtraHash() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(10));
    List<byte[]> hashes = new ArrayList<>(p.hashes());
    hashes.add(new byte[32]);

    assertRule(
        new MerkleBlock(p.header(), p.totalTransactions(), hashes, p.flags()),
        "merkle-extra-hashes");
  }

  @Test
  void rejectsAnUnusedFlagByte() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(10));
    byte[] flags = Arrays.copyOf(p.flags(), p.flags().length + 1);

    assertRule(
        new MerkleBlock(p.header(), p.totalTransactions(), p.hashes(), flags),
        "merkle-unused-bits");
  }

  @Test
  void rejectsMissingHashes() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(10));
    List<byte[]> hashes = new ArrayList<>(p.hashes().subList(0, p.hashes().size() - 1));

    assertRule(
        new MerkleBlock(p.header(), p.totalTransactions(), hashes, p.flags()), "merkle-truncated");
  }

  @ParameterizedTest(name = "transaction count {0}")
  @ValueSource(longs = {0, 16_667, 4_294_967_295L})
  void rejectsImpossibleTransactionCounts(long count) {
    MerkleBlock p = MerkleBlock.parse(proofBytes(0));

    assertRule(new MerkleBlock(p.header(), count, p.hashes(), p.flags()), "merkle-tx-count");
  }

  @Test
  void rejectsAChangedTransactionCount() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(1850));

    SpvResult r = verify(new MerkleBlock(p.header(), 1852, p.hashes(), p.flags()));

    assertThat(r.valid()).isFalse();
  }

  @Test
  void rejectsAProofForAnotherHeader() {
    MerkleBlock p = MerkleBlock.parse(proofBytes(0));
    byte[] other = HEADER.clone();
    other[76] ^= 1;

    assertThat(new SpvProofVerifier().verify(p, other).violation().rule())
        .isEqualTo("header-mismatch");
  }

  /**
   * CVE-2012-2459: a block of 3 transactions has the same root as one of 4 whose last two are
   * equal. A proof claiming 4 transactions with a duplicated leaf must be rejected.
   */
  @Test
  void rejectsTheDuplicatedSubtreeTrick() {
    List<byte[]> three = TXIDS.subList(0, 3);
    byte[] root = BlockTransactions.merkleRoot(three);
    byte[] header = HEADER.clone();
    System.arraycopy(root, 0, header, 36, 32);
    List<byte[]> four = List.of(three.get(0), three.get(1), three.get(2), three.get(2));
    BitSet last = new BitSet();
    last.set(3);
    MerkleBlock forged = new PartialMerkleTreeBuilder(four, last).build(header);
    MerkleBlock honest = new PartialMerkleTreeBuilder(three, bit(2)).build(header);

    assertThat(new SpvProofVerifier().verify(honest, header).valid()).isTrue();
    assertThat(new SpvProofVerifier().verify(forged, header).violation().rule())
        .isEqualTo("merkle-duplicate-node");
  }

  @Test
  void builderProofsForSeveralMatchesVerifyAgainstTheRealBlock() {
    BitSet matches = new BitSet();
    for (int i : new int[] {0, 5, 77, 1024, 1849, 1850}) {
      matches.set(i);
    }
    MerkleBlock p = new PartialMerkleTreeBuilder(TXIDS, matches).build(HEADER);

    SpvResult r = verify(p);

    assertThat(r.valid()).isTrue();
    assertThat(r.matched())
        .extracting(MatchedTransaction::index)
        .containsExactly(0L, 5L, 77L, 1024L, 1849L, 1850L);
  }

  @Test
  void parseRejectsTruncatedAndTrailingBytesNamingTheField() {
    byte[] ok = proofBytes(1);
    assertThatThrownBy(() -> MerkleBlock.parse(Arrays.copyOf(ok, ok.length - 1)))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("flag byte count");
    assertThatThrownBy(() -> MerkleBlock.parse(Arrays.copyOf(ok, 60)))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> MerkleBlock.parse(Arrays.copyOf(ok, ok.length + 1)))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("follow");
  }

  @Test
  void serializeRoundTripsARealProof() {
    byte[] ok = proofBytes(100);
    assertThat(MerkleBlock.parse(ok).serialize()).isEqualTo(ok);
    assertThat(Bytes.hex(MerkleBlock.parse(ok).header())).isEqualTo(Bytes.hex(HEADER));
  }

  private static BitSet bit(int i) {
    BitSet b = new BitSet();
    b.set(i);
    return b;
  }

  private static void assertRule(MerkleBlock proof, String rule) {
    SpvResult r = verify(proof);
    assertThat(r.valid()).isFalse();
    assertThat(r.violation().rule()).isEqualTo(rule);
  }
}
