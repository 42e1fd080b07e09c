package dev.opstream.planner;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the three action topics from their current ends, as an actuator (read_committed) or as a
 * snoop that also sees aborted transactions (read_uncommitted), keeping the actions of some apps.
 */
final class ActionLog implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<AppKey> apps;
  private final List<ConsumerRecord<AppKey, Action>> records = new CopyOnWriteArrayList<>();

  ActionLog(String bootstrapServers, boolean committedOnly, Set<AppKey> apps) {
    this.apps = Set.copyOf(apps);
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                (committedOnly ? "read_committed" : "read_uncommitted").toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (ActionKind kind : ActionKind.values()) {
      consumer.partitionsFor(kind.topic().name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .forEach(partitions::add);
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** Polls once and returns every action kept so far, in the order read. */
  List<ConsumerRecord<AppKey, Action>> poll() {
    for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
      AppKey key =
          Topics.ACTIONS_BUCKET.keySerde().deserializer().deserialize(raw.topic(), raw.key());
      if (!apps.contains(key)) {
        continue;
      }
      Action action =
          Topics.ACTIONS_BUCKET.valueSerde().deserializer().deserialize(raw.topic(), raw.value());
      records.add(
          new ConsumerRecord<>(
              raw.topic(),
              raw.partition(),
              raw.offset(),
              raw.timestamp(),
              raw.timestampType(),
              raw.serializedKeySize(),
              raw.serializedValueSize(),
              key,
              action,
              raw.headers(),
              raw.leaderEpoch()));
    }
    return List.copyOf(records);
  }

  List<Action> actions() {
    return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
