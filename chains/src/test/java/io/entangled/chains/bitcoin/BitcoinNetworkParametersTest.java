package io.entangled.chains.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitcoinNetworkParametersTest {

  /** Genesis hashes as Bitcoin Core / Litecoin Core assert them in chainparams.cpp. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "mainnet, 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
    "testnet3, 000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943",
    "testnet4, 00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
    "signet, 00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6",
    "regtest, 0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
    "litecoin, 12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2",
    "litecoin-regtest, 530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9",
  })
  void genesisHeaderHashesToTheNetworksGenesisHash(String network, String hash) {
    assertThat(
            BitcoinHeader.parse(BitcoinNetworkParameters.byName(network).genesisHeader()).hashHex())
        .isEqualTo(hash);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mainnet, 1d00ffff", "regtest, 207fffff", "litecoin, 1e0fffff", "signet, 1e0377ae"})
  void powLimitEncodesToItsCompactForm(String network, String bits) {
    assertThat(BitcoinNetworkParameters.byName(network).powLimitBits())
        .isEqualTo(Integer.parseUnsignedInt(bits, 16));
  }

  @Test
  void litecoinGenesisMeetsItsScryptTarget() {
    byte[] genesis = BitcoinNetworkParameters.LITECOIN.genesisHeader();
    byte[] pow = new byte[32];
    PowAlgorithm.SCRYPT.powHash(genesis, 0, new DoubleSha256().hash(genesis, 0, 80), pow);

    assertThat(CompactTarget.decodeWords(0x1e0ffff0).isAtLeastLittleEndian(pow, 0)).isTrue();
    assertThat(UInt256.fromLittleEndian(pow, 0).toBigInteger())
        .isGreaterThan(CompactTarget.decode(0x1e0ffff0).shiftRight(64));
  }

  @Test
  void unknownNetworkNameIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> BitcoinNetworkParameters.byName("dogecoin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mainnet");
  }
}
