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

  @Test
  void smallRangesAreCountedRecordByRecordAndLargeOnesByOffsets() {
    TopicPartition p2 = new TopicPartition("t", 2);
    Map<TopicPartition, ConsumerLag.Range> ranges =
        ConsumerLag.ranges(
            Map.of(P0, 9L, P1, 0L, p2, 5L), Map.of(), Map.of(P0, 10L, P1, 5_000L, p2, 5L));

    // Partition 0's one offset is a transaction marker: no record to read.
    long lag = ConsumerLag.lag(ranges, 1_000, (partition, range) -> 0L);

    assertThat(lag).isEqualTo(5_000);
    assertThat(ranges.get(P0)).isEqualTo(new ConsumerLag.Range(9, 10));
  }

  @Test
  void anEmptyRangeIsNeverRead() {
    Map<TopicPartition, ConsumerLag.Range> ranges =
        ConsumerLag.ranges(Map.of(P0, 10L), Map.of(), Map.of(P0, 10L));

    assertThat(
            ConsumerLag.lag(
                ranges,
                1_000,
                (partition, range) -> {
                  throw new AssertionError("read " + partition);
                }))
        .isZero();
  }
}
