package dev.opstream.planner.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void sumsWhatIsBetweenTheCommittedOffsetAndTheEnd() {
    assertThat(ConsumerLag.lag(Map.of(P0, 4L, P1, 10L), Map.of(), Map.of(P0, 9L, P1, 10L)))
        .isEqualTo(5);
  }

  @Test
  void aPartitionWithoutACommitCountsFromItsStart() {
    assertThat(ConsumerLag.lag(Map.of(P0, 4L), Map.of(P0, 0L, P1, 3L), Map.of(P0, 4L, P1, 10L)))
        .isEqualTo(7);
  }

  @Test
  void aCommitBeyondTheEndIsNoNegativeLag() {
    assertThat(ConsumerLag.lag(Map.of(P0, 12L), Map.of(), Map.of(P0, 10L))).isZero();
  }

  @Test
  void offsetsOfTopicsTheStageDoesNotReadAreIgnored() {
    TopicPartition other = new TopicPartition("other", 0);
    assertThat(ConsumerLag.lag(Map.of(other, 0L, P0, 1L), Map.of(), Map.of(P0, 2L))).isEqualTo(1);
  }
}
