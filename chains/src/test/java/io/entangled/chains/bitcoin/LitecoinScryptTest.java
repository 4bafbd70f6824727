package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Litecoin's proof of work is scrypt, not the block hash. */
class LitecoinScryptTest {
  /** Block 1 of a Litecoin regtest chain, as Debian's litecoind 0.21.2 mined it on this machine. */
  private static final String BLOCK_1 =
      "00000020f916c456fc51df627885d7d674ed02dc88a225adb3f02ad13eb4938ff3270853"
          + "c5ac90f93b61676474bd47c3cc464d9b57c6b658f9e32a510cb6623118e4919584a1056bffff7f2005000000";

  @Test
  void aRealLitecoinRegtestHeaderVerifiesWithScrypt() {
    BitcoinHeaderChainVerifier v =
        BitcoinHeaderChainVerifier.fromGenesis(BitcoinNetworkParameters.LITECOIN_REGTEST);

    assertThat(v.verifyNext(Bytes.parseHex("block 1", BLOCK_1))).isEmpty();
  }

  @Test
  void aNonceMeetingOnlyTheDoubleSha256TargetIsRejectedAsPow() {
    byte[] h = Bytes.parseHex("block 1", BLOCK_1);
    UInt256 target = CompactTarget.decodeWords(0x207fffff);
    DoubleSha256 sha = new DoubleSha256();
    byte[] scrypt = new byte[32];
    for (int nonce = 0; ; nonce++) {
      Bytes.putIntLe(h, 76, nonce);
      byte[] block = sha.hash(h, 0, 80);
      PowAlgorithm.SCRYPT.powHash(h, 0, block, scrypt);
      if (target.isAtLeastLittleEndian(block, 0) && !target.isAtLeastLittleEndian(scrypt, 0)) {
        break;
      }
    }
    BitcoinHeaderChainVerifier ltc =
        BitcoinHeaderChainVerifier.fromGenesis(BitcoinNetworkParameters.LITECOIN_REGTEST);

    assertThat(ltc.verifyNext(h)).get().extracting(RuleViolation::rule).isEqualTo("pow");
  }
}
