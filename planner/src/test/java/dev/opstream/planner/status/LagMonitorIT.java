package dev.opstream.planner.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lag monitor against a real broker: committed offsets against the ends of the topics. */
@ExtendWith(KafkaBrokerExtension.class)
class LagMonitorIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String TOPIC = "lag-monitor-it";

  @Test
  void readsEachStagesLagAndFindsTheWatcherGroups(KafkaBroker broker) throws Exception {
    Map<String, Object> client =
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      new TopicAdmin(admin, TIMEOUT).create(TopicCatalogue.of(CatalogueConfig.local()));
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
      produce(broker, 0, 5);
      produce(broker, 1, 3);
      // The actuator committed 2 of partition 0's 5 records and nothing on partition 1.
      admin
          .alterConsumerGroupOffsets(
              "lag-it-actuator", Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(2)))
          .all()
          .get(60, TimeUnit.SECONDS);
      // The watcher of cluster "lagit" is caught up on the status topic.
      admin
          .alterConsumerGroupOffsets(
              "opstream-watcher-lagit", endOffsets(admin, Topics.STATUS.name()))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put("application.id", "not an admin setting: ignored");
    List<StageGroup> stages =
        List.of(
            new StageGroup("actuator lag", "lag-it-actuator", List.of(TOPIC)),
            new StageGroup("never started", "lag-it-idle", List.of(TOPIC)));

    try (LagMonitor monitor = LagMonitor.start(properties, stages, Duration.ofMillis(200))) {
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                PipelineHealth health = monitor.get();
                assertThat(health.error()).isNull();
                assertThat(health.computedAt()).isNotNull();
                assertThat(health.stages())
                    .extracting(StageLag::stage, StageLag::lag, StageLag::members, StageLag::error)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple("actuator lag", 6L, 0, null),
                        org.assertj.core.groups.Tuple.tuple("never started", 8L, 0, null),
                        org.assertj.core.groups.Tuple.tuple("watcher lagit", 0L, 0, null));
              });
    }
  }

  @Test
  void transactionMarkersAreNotLag(KafkaBroker broker) throws Exception {
    String topic = "lag-monitor-it-transactions";
    Map<String, Object> client =
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "lag-monitor-it"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.initTransactions();
        for (int transaction = 0; transaction < 2; transaction++) {
          producer.beginTransaction();
          producer.send(new ProducerRecord<>(topic, 0, "k", "v" + transaction));
          producer.send(new ProducerRecord<>(topic, 0, "k", "w" + transaction));
          producer.commitTransaction();
        }
      }
      // Offsets 0-1 records, 2 a marker, 3-4 records, 5 a marker. One group read everything
      // but the last marker, the other stopped after the first transaction's records.
      TopicPartition partition = new TopicPartition(topic, 0);
      admin
          .alterConsumerGroupOffsets(
              "lag-it-caught-up", Map.of(partition, new OffsetAndMetadata(5)))
          .all()
          .get(60, TimeUnit.SECONDS);
      admin
          .alterConsumerGroupOffsets("lag-it-behind", Map.of(partition, new OffsetAndMetadata(2)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    List<StageGroup> stages =
        List.of(
            new StageGroup("caught up", "lag-it-caught-up", List.of(topic)),
            new StageGroup("behind", "lag-it-behind", List.of(topic)));

    try (LagMonitor monitor = LagMonitor.start(properties, stages, Duration.ofMillis(200))) {
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(monitor.get().stages())
                      .extracting(StageLag::stage, StageLag::lag)
                      .contains(
                          org.assertj.core.groups.Tuple.tuple("caught up", 0L),
                          org.assertj.core.groups.Tuple.tuple("behind", 2L)));
    }
  }

  @Test
  void reportsAStageWhoseTopicIsMissingWithoutLosingTheOthers(KafkaBroker broker) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    List<StageGroup> stages =
        List.of(new StageGroup("ghost", "lag-it-ghost", List.of("lag-monitor-it-no-such-topic")));

    try (LagMonitor monitor = LagMonitor.start(properties, stages, Duration.ofMillis(200))) {
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(monitor.get().stages())
                      .filteredOn(stage -> stage.stage().equals("ghost"))
                      .singleElement()
                      .satisfies(
                          ghost -> {
                            assertThat(ghost.lag()).isEqualTo(-1);
                            assertThat(ghost.error()).contains("UnknownTopicOrPartition");
                          }));
    }
  }

  private static void produce(KafkaBroker broker, int partition, int records) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(TOPIC, partition, "k" + i, "v" + i)).get();
      }
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> endOffsets(Admin admin, String topic)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(60, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    admin
        .listOffsets(request)
        .all()
        .get(60, TimeUnit.SECONDS)
        .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
    return offsets;
  }
}
