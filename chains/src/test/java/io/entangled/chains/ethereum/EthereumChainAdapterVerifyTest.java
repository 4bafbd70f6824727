package io.entangled.chains.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.rpc.Retrying;
import io.entangled.chains.spi.ChainSourceException;
import io.entangled.chains.spi.ChainSpec;
import io.entangled.chains.spi.Checkpoint;
import io.entangled.chains.spi.HeaderVerificationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's per-block verification on real blocks, untouched and tampered. */
class EthereumChainAdapterVerifyTest {
  private final EthereumChainAdapter adapter = adapter(false);

  private static EthereumChainAdapter adapter(boolean optimism) {
    ChainSpec spec = new ChainSpec("verify-test", optimism ? "optimism" : "ethereum", 1,
        List.of(URI.create("http://127.0.0.1:1")), 2, false, Duration.ofSeconds(1), true, Map.of());
    EthereumAdapterOptions options = EthereumAdapterOptions.parse(Map.of(), optimism);
    return new EthereumChainAdapter(spec, options,
        new EthereumRpc(spec.rpcUrls(), options, Retrying.withSleep(options.retry()), -1), optimism);
  }

  @Test
  void acceptsARealBlockWithItsStateRootAsCommitment() {
    ObjectNode block = EthHeaderHashTest.pragueBlock();
    Checkpoint c = adapter.verify(0x2d, block, null);
    assertThat(JsonFields.hex(c.hash())).isEqualTo(block.get("hash").asText());
    assertThat(JsonFields.hex(c.stateCommitment())).isEqualTo(block.get("stateRoot").asText());
    assertThat(c.timestamp()).isEqualTo(0x1c2);
    assertThat(JsonFields.hex(c.parentHash())).isEqualTo(block.get("parentHash").asText());
  }

  @Test
  void rejectsAChangedFieldByTheHashRuleNamingChainAndHeight() {
    ObjectNode block = EthHeaderHashTest.pragueBlock();
    block.put("gasUsed", "0x695c1");
    assertThatThrownBy(() -> adapter.verify(0x2d, block, null))
        .isInstanceOf(HeaderVerificationException.class)
        .hasMessageContaining("block-hash").hasMessageContaining("45").hasMessageContaining("verify-test");
  }

  @Test
  void rejectsAnotherBlockThanAskedFor() {
    assertThatThrownBy(() -> adapter.verify(0x2e, EthHeaderHashTest.pragueBlock(), null))
        .isInstanceOf(HeaderVerificationException.class).hasMessageContaining("block-number");
  }

  @Test
  void malformedAnswerIsASourceError() {
    ObjectNode block = EthHeaderHashTest.pragueBlock();
    block.remove("receiptsRoot");
    assertThatThrownBy(() -> adapter.verify(0x2d, block, null))
        .isInstanceOf(ChainSourceException.class).hasMessageContaining("receiptsRoot");
  }

  @Test
  void optimismRejectsAMessagePasserProofThatDoesNotProve() {
    EthereumChainAdapter op = adapter(true);
    ObjectNode block = (ObjectNode) EthTestData.ioResult("execution-apis/eth_getBlockByNumber/get-latest.io");
    ObjectNode proof = (ObjectNode) EthTestData.ioResult("execution-apis/eth_getProof/get-account-proof-latest.io");
    long height = JsonFields.longQuantity(block, "number");
    assertThatThrownBy(() -> op.verify(height, block, proof))
        .isInstanceOf(HeaderVerificationException.class).hasMessageContaining("message-passer-proof");
    proof.put("address", EthereumAdapterOptions.DEFAULT_MESSAGE_PASSER);
    assertThatThrownBy(() -> op.verify(height, block, proof))
        .isInstanceOf(HeaderVerificationException.class).hasMessageContaining("message-passer-proof");
  }
}
