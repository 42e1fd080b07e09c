package dev.opstream.dev.demo;

import dev.opstream.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as it is now (up to its end offsets), committed records only. */
final class TopicLog {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private TopicLog() {}

  static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, Topic<K, V> topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<K, V>> records = new ArrayList<>();
      Instant deadline = Instant.now().plus(LIMIT);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new DemoException(
              DemoException.Reason.RETRYABLE,
              "could not read " + topic.name() + " within " + LIMIT);
        }
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(POLL)) {
          records.add(
              new ConsumerRecord<>(
                  raw.topic(),
                  raw.partition(),
                  raw.offset(),
                  raw.key() == null
                      ? null
                      : topic.keySerde().deserializer().deserialize(raw.topic(), raw.key()),
                  raw.value() == null
                      ? null
                      : topic.valueSerde().deserializer().deserialize(raw.topic(), raw.value())));
        }
      }
      return records;
    }
  }
}
