package dev.opstream.e2e;

import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds transactions left open on opstream's topics: a partition whose producer state still has a
 * transaction start offset long after the transaction timeout. Such a transaction pins the last
 * stable offset, so every {@code read_committed} reader (the actuators, the planner) stops at it
 * until it is aborted: by the planner's reaper once it hangs, or by an operator ({@code opstream
 * topics abort-hanging}, {@code kafka-transactions.sh abort}).
 */
public final class OpenTransactions {

  private OpenTransactions() {}

  /** Open transactions whose last write is older than {@code age}, one line each. */
  public static List<String> olderThan(String bootstrapServers, Duration age) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Topic<?, ?> topic : Topics.all()) {
        admin
            .describeTopics(List.of(topic.name()))
            .allTopicNames()
            .get()
            .get(topic.name())
            .partitions()
            .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      }
      Map<TopicPartition, PartitionProducerState> states =
          admin.describeProducers(partitions).all().get();
      Instant cutoff = Instant.now().minus(age);
      List<String> open = new ArrayList<>();
      states.forEach(
          (partition, state) -> {
            for (ProducerState producer : state.activeProducers()) {
              if (producer.currentTransactionStartOffset().isPresent()
                  && Instant.ofEpochMilli(producer.lastTimestamp()).isBefore(cutoff)) {
                open.add(
                    partition
                        + " since offset "
                        + producer.currentTransactionStartOffset().getAsLong()
                        + " (producer "
                        + producer.producerId()
                        + ", epoch "
                        + producer.producerEpoch()
                        + ", last write "
                        + Instant.ofEpochMilli(producer.lastTimestamp())
                        + ")");
              }
            }
          });
      return open;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the producers of opstream's topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
