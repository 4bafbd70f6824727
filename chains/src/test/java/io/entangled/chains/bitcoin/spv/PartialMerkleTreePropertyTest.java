package io.entangled.chains.bitcoin.spv;

import static org.assertj.core.api.Assertions.assertThat;

import io.entangled.chains.bitcoin.DoubleSha256;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PartialMerkleTreePropertyTest {

  @Property(tries = 200)
  void anyMatchSetVerifiesAndYieldsExactlyTheMatches(
      @ForAll @IntRange(min = 1, max = 600) int count,
      @ForAll @Size(max = 8) Set<@IntRange(min = 0, max = 599) Integer> picks,
      @ForAll int seed) {
    List<byte[]> txids = txids(count, seed);
    BitSet matches = new BitSet();
    picks.stream().filter(i -> i < count).forEach(matches::set);
    byte[] header = headerWithRoot(BlockTransactions.merkleRoot(txids));

    SpvResult r =
        new SpvProofVerifier()
            .verify(new PartialMerkleTreeBuilder(txids, matches).build(header), header);

    assertThat(r.valid()).isTrue();
    assertThat(r.matched())
        .extracting(m -> (int) m.index())
        .containsExactlyElementsOf(matches.stream().boxed().toList());
  }

  @Property(tries = 200)
  void flippingAnyBitOfAnyHashIsRejected(
      @ForAll @IntRange(min = 2, max = 300) int count,
      @ForAll @IntRange(min = 0, max = 299) int pick,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll int seed) {
    List<byte[]> txids = txids(count, seed);
    BitSet matches = new BitSet();
    matches.set(pick % count);
    byte[] header = headerWithRoot(BlockTransactions.merkleRoot(txids));
    MerkleBlock p = new PartialMerkleTreeBuilder(txids, matches).build(header);
    List<byte[]> hashes = new ArrayList<>(p.hashes());
    int which = Math.floorMod(seed, hashes.size());
    byte[] h = hashes.get(which).clone();
    h[bit / 8] ^= (byte) (1 << (bit % 8));
    hashes.set(which, h);

    SpvResult r =
        new SpvProofVerifier().verify(new MerkleBlock(header, count, hashes, p.flags()), header);

    assertThat(r.valid()).isFalse();
  }

  private static List<byte[]> txids(int count, int seed) {
    DoubleSha256 sha = new DoubleSha256();
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] in = {(byte) seed, (byte) (seed >> 8), (byte) (seed >> 16), (byte) i, (byte) (i >> 8)};
      ids.add(sha.hash(in, 0, in.length));
    }
    return ids;
  }

  private static byte[] headerWithRoot(byte[] root) {
    byte[] header = new byte[80];
    System.arraycopy(root, 0, header, 36, 32);
    return header;
  }
}
