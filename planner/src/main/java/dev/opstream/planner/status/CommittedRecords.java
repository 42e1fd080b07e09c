package dev.opstream.planner.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records in a range of a partition by reading it as a read_committed consumer
 * does: transaction markers and aborted records are not records. Used by one thread (the lag
 * monitor's); it joins no group and commits nothing.
 */
final class CommittedRecords implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration LIMIT = Duration.ofSeconds(2);

  private final KafkaConsumer<byte[], byte[]> consumer;

  private CommittedRecords(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  static CommittedRecords create(Properties clientProperties) {
    Properties properties = new Properties();
    properties.putAll(clientProperties);
    properties.remove("client.id");
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "opstream-planner-lag-reader");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    return new CommittedRecords(
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
  }

  /**
   * The records in {@code range}; if the range cannot be read within a short limit, its offsets (an
   * upper bound).
   */
  long count(TopicPartition partition, ConsumerLag.Range range) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, range.from());
    long count = 0;
    Instant deadline = Instant.now().plus(LIMIT);
    while (consumer.position(partition) < range.to()) {
      if (Instant.now().isAfter(deadline)) {
        return range.offsets();
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < range.to()) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
