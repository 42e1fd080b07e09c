package dev.opstream.planner.status;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's lag from offsets. Pure. */
public final class ConsumerLag {

  /**
   * The part of a partition a group has still to read: from its committed offset (or the
   * partition's start, when it never committed there) to the end.
   *
   * @param from the first offset not yet committed
   * @param to the end offset (exclusive)
   */
  public record Range(long from, long to) {

    /** The offsets in the range; an upper bound of the records, as transaction markers count. */
    public long offsets() {
      return Math.max(0, to - from);
    }
  }

  private ConsumerLag() {}

  /**
   * What each partition has still to read.
   *
   * @param committed the group's committed offsets (other topics' are ignored)
   * @param start each partition's first offset
   * @param end each partition's end offset
   */
  public static Map<TopicPartition, Range> ranges(
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, Range> ranges = new HashMap<>();
    end.forEach(
        (partition, to) -> {
          long from = committed.getOrDefault(partition, start.getOrDefault(partition, 0L));
          ranges.put(partition, new Range(from, to));
        });
    return ranges;
  }

  /** The offsets still to read, summed: an upper bound of the lag (markers count). */
  public static long lag(
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end) {
    return ranges(committed, start, end).values().stream().mapToLong(Range::offsets).sum();
  }

  /**
   * The lag with ranges of at most {@code exactUpTo} offsets counted record by record by {@code
   * count} (which skips transaction markers and aborted records, as a read_committed reader does);
   * larger ranges count by offsets.
   */
  public static long lag(
      Map<TopicPartition, Range> ranges,
      long exactUpTo,
      BiFunction<TopicPartition, Range, Long> count) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Range> entry : ranges.entrySet()) {
      Range range = entry.getValue();
      if (range.offsets() == 0) {
        continue;
      }
      lag += range.offsets() <= exactUpTo ? count.apply(entry.getKey(), range) : range.offsets();
    }
    return lag;
  }
}
