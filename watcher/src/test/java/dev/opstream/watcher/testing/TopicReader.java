package dev.opstream.watcher.testing;

import static org.awaitility.Awaitility.await;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.SnapshotComplete;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code opstream.deployments} without a consumer group (the broker is shared by the tests):
 * every partition, from the end it had when the reader was made (or from the beginning), keeping
 * only the records of the clusters asked for.
 */
public final class TopicReader implements AutoCloseable {

  /** One record as read: {@code value} null is a tombstone; {@code key} null for markers. */
  public record Read(int partition, long offset, AppKey key, DeploymentEvent value) {}

  private final KafkaConsumer<AppKey, DeploymentEvent> consumer;
  private final List<String> clusters;
  private final List<Read> reads = new ArrayList<>();

  private TopicReader(String bootstrapServers, List<String> clusters, boolean fromBeginning) {
    this.clusters = clusters;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            Topics.DEPLOYMENTS.keySerde().deserializer(),
            Topics.DEPLOYMENTS.valueSerde().deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.DEPLOYMENTS.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }
  }

  /** Reads what is written from now on, for {@code clusters}. */
  public static TopicReader fromNow(String bootstrapServers, String... clusters) {
    return new TopicReader(bootstrapServers, List.of(clusters), false);
  }

  /** Reads everything on the topic, for {@code clusters}. */
  public static TopicReader fromBeginning(String bootstrapServers, String... clusters) {
    return new TopicReader(bootstrapServers, List.of(clusters), true);
  }

  /** Polls until {@code done} holds for what was read so far. */
  public List<Read> awaitUntil(Duration timeout, Predicate<List<Read>> done) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              return done.test(reads);
            });
    return List.copyOf(reads);
  }

  /** Polls once. */
  public List<Read> poll() {
    for (ConsumerRecord<AppKey, DeploymentEvent> record : consumer.poll(Duration.ofMillis(100))) {
      String cluster =
          record.key() != null
              ? record.key().cluster()
              : record.value() != null ? record.value().cluster() : null;
      if (clusters.contains(cluster)) {
        reads.add(new Read(record.partition(), record.offset(), record.key(), record.value()));
      }
    }
    return List.copyOf(reads);
  }

  /** What was read for {@code app}, in order. */
  public static List<Read> of(List<Read> reads, AppKey app) {
    return reads.stream().filter(read -> app.equals(read.key())).toList();
  }

  /** The values read for {@code app}, in order (null for a tombstone). */
  public static List<DeploymentEvent> valuesOf(List<Read> reads, AppKey app) {
    List<DeploymentEvent> values = new ArrayList<>();
    of(reads, app).forEach(read -> values.add(read.value()));
    return values;
  }

  /** The snapshot markers read of {@code cluster}. */
  public static List<SnapshotComplete> markers(List<Read> reads, String cluster) {
    return reads.stream()
        .filter(read -> read.value() instanceof SnapshotComplete)
        .map(read -> (SnapshotComplete) read.value())
        .filter(marker -> marker.cluster().equals(cluster))
        .toList();
  }

  /** Whether every partition got every chunk of a snapshot of {@code cluster} listing the keys. */
  public static boolean snapshotComplete(
      List<Read> reads, String cluster, int partitions, Set<AppKey> keys) {
    Map<String, List<SnapshotComplete>> byId =
        markers(reads, cluster).stream()
            .collect(Collectors.groupingBy(SnapshotComplete::snapshotId));
    return byId.values().stream()
        .anyMatch(
            markers ->
                markers.stream().map(SnapshotComplete::partition).distinct().count() == partitions
                    && markers.stream()
                        .flatMap(m -> m.keys().stream())
                        .collect(Collectors.toSet())
                        .equals(keys));
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
