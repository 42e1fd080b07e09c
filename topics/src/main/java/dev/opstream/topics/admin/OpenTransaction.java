package dev.opstream.topics.admin;

import org.apache.kafka.common.TopicPartition;

/**
 * A transaction a partition's leader holds open: it has records from the producer but no commit or
 * abort marker yet, so the partition's last stable offset stays at {@code startOffset}.
 *
 * @param partition the partition
 * @param producerId the producer id that wrote the records
 * @param producerEpoch the producer epoch the partition knows
 * @param coordinatorEpoch the coordinator epoch of the last marker the partition saw (-1: none)
 * @param startOffset the offset of the transaction's first record
 * @param lastTimestampMs when the producer last wrote to the partition (epoch milliseconds)
 */
public record OpenTransaction(
    TopicPartition partition,
    long producerId,
    short producerEpoch,
    int coordinatorEpoch,
    long startOffset,
    long lastTimestampMs) {

  /** One line for logs and the CLI. */
  public String describe() {
    return partition
        + " at offset "
        + startOffset
        + ": producer id "
        + producerId
        + ", epoch "
        + producerEpoch
        + ", coordinator epoch "
        + coordinatorEpoch
        + ", last written at "
        + java.time.Instant.ofEpochMilli(lastTimestampMs);
  }
}
