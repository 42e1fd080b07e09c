package dev.opstream.planner.status;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's lag from offsets. Pure. */
public final class ConsumerLag {

  private ConsumerLag() {}

  /**
   * The records between each partition's committed offset and its end, summed. A partition the
   * group has not committed on counts from its start (everything there is still to read).
   *
   * @param committed the group's committed offsets
   * @param start each partition's first offset
   * @param end each partition's end offset (the last stable offset for read_committed readers)
   */
  public static long lag(
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      long from =
          committed.getOrDefault(partition.getKey(), start.getOrDefault(partition.getKey(), 0L));
      lag += Math.max(0, partition.getValue() - from);
    }
    return lag;
  }
}
