package io.entangled.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckpointRepositoryIT {
  private static final String CHAIN = "test-chain";

  private CheckpointRepository checkpoints;
  private ChainRepository chains;

  @BeforeEach
  void setUp() {
    var ds = TestPostgres.dataSource(TestPostgres.freshDatabase());
    Migrations.migrate(ds);
    Database db = new Database(ds);
    chains = new ChainRepository(db.jdbc());
    checkpoints = new CheckpointRepository(db);
    chains.upsertConfigured(CHAIN, "ethereum", 1, true);
  }

  @Test
  void appendsABatchAndFinalizesUpToTheGivenHeight() {
    long finalized = checkpoints.append(CHAIN, chainOf(0, 10, (byte) 1), 6);

    assertThat(finalized).isEqualTo(6);
    assertThat(checkpoints.latestCanonical(CHAIN)).get().extracting(StoredCheckpoint::height).isEqualTo(9L);
    assertThat(checkpoints.latestFinalized(CHAIN)).get().extracting(StoredCheckpoint::height).isEqualTo(6L);
    assertThat(chains.find(CHAIN).orElseThrow().finalizedHeight()).isEqualTo(6L);
  }

  @Test
  void refusesABatchThatDoesNotContinueTheTipAndWritesNothing() {
    checkpoints.append(CHAIN, chainOf(0, 5, (byte) 1), 0);
    List<StoredCheckpoint> fork = chainOf(5, 3, (byte) 2); // parent of 5 is fork hash, not tip hash

    assertThatThrownBy(() -> checkpoints.append(CHAIN, fork, 6))
        .isInstanceOf(StaleTipException.class);
    assertThat(checkpoints.latestCanonical(CHAIN).orElseThrow().height()).isEqualTo(4);
    assertThat(checkpoints.latestFinalized(CHAIN).orElseThrow().height()).isZero();
  }

  @Test
  void orphansAnUnfinalizedBranchAndCountsTheReorg() {
    checkpoints.append(CHAIN, chainOf(0, 10, (byte) 1), 4);

    int orphaned = checkpoints.orphanAbove(CHAIN, 6);

    assertThat(orphaned).isEqualTo(3);
    assertThat(checkpoints.latestCanonical(CHAIN).orElseThrow().height()).isEqualTo(6);
    assertThat(checkpoints.orphaned(CHAIN, 10)).extracting(StoredCheckpoint::height)
        .containsExactlyInAnyOrder(7L, 8L, 9L);
    assertThat(chains.find(CHAIN).orElseThrow().reorgCount()).isEqualTo(1);
    // the canonical branch can then be rebuilt at the same heights
    checkpoints.append(CHAIN, continuing(checkpoints.latestCanonical(CHAIN).orElseThrow(), 3, (byte) 9), 4);
    assertThat(checkpoints.latestCanonical(CHAIN).orElseThrow().height()).isEqualTo(9);
  }

  @Test
  void refusesToOrphanAFinalizedCheckpointAndWritesNothing() {
    checkpoints.append(CHAIN, chainOf(0, 10, (byte) 1), 7);

    assertThatThrownBy(() -> checkpoints.orphanAbove(CHAIN, 5))
        .isInstanceOf(FinalizedReorgException.class)
        .hasMessageContaining("height 7");
    assertThat(checkpoints.orphaned(CHAIN, 10)).isEmpty();
    assertThat(chains.find(CHAIN).orElseThrow().reorgCount()).isZero();
  }

  @Test
  void haltedChainStaysHaltedAcrossReconfigurationUntilResumed() {
    chains.halt(CHAIN, "deep reorg");
    chains.upsertConfigured(CHAIN, "ethereum", 1, true);
    chains.setStatus(CHAIN, ChainStatus.FOLLOWING, null);

    assertThat(chains.find(CHAIN).orElseThrow().status()).isEqualTo(ChainStatus.HALTED);
    assertThat(chains.resume(CHAIN)).isTrue();
    assertThat(chains.find(CHAIN).orElseThrow().status()).isEqualTo(ChainStatus.STARTING);
  }

  static List<StoredCheckpoint> chainOf(long from, int count, byte tag) {
    byte[] parent = hash(from - 1, tag);
    List<StoredCheckpoint> out = new ArrayList<>();
    for (long h = from; h < from + count; h++) {
      byte[] hash = hash(h, tag);
      out.add(checkpoint(h, hash, parent));
      parent = hash;
    }
    return out;
  }

  static List<StoredCheckpoint> continuing(StoredCheckpoint tip, int count, byte tag) {
    List<StoredCheckpoint> out = new ArrayList<>();
    byte[] parent = tip.hash();
    for (long h = tip.height() + 1; h <= tip.height() + count; h++) {
      byte[] hash = hash(h, tag);
      out.add(checkpoint(h, hash, parent));
      parent = hash;
    }
    return out;
  }

  private static StoredCheckpoint checkpoint(long h, byte[] hash, byte[] parent) {
    return new StoredCheckpoint(
        CHAIN, h, hash, parent, new byte[32], Instant.ofEpochSecond(1_700_000_000L + h),
        new byte[] {1, 2, 3}, false, null, null);
  }

  static byte[] hash(long height, byte tag) {
    byte[] b = new byte[32];
    b[0] = tag;
    for (int i = 0; i < 8; i++) {
      b[31 - i] = (byte) (height >>> (8 * i));
    }
    return b;
  }
}
