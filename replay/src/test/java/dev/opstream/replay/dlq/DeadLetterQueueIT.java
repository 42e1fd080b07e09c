package dev.opstream.replay.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.replay.Progress;
import dev.opstream.replay.ReplayException;
import dev.opstream.replay.ReplayRange;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.CloudEvent;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.serde.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code opstream dlq list|replay} against the real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLetterQueueIT {

  private final String cluster = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
  private final AppKey app = new AppKey(cluster, "shop", "cart");
  private KafkaBroker broker;
  private DeadLetterQueue dlq;

  @BeforeEach
  void topics(KafkaBroker broker) throws Exception {
    this.broker = broker;
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(
              new TopicAdmin(admin, Duration.ofSeconds(60))
                  .create(TopicCatalogue.of(CatalogueConfig.local()))
                  .matchesCatalogue())
          .isTrue();
    }
    Properties client = new Properties();
    client.put("bootstrap.servers", broker.bootstrapServers());
    dlq = new DeadLetterQueue(client);
  }

  @Test
  void listShowsEachDeadLetterWithItsReasonOriginAndEventId() throws Exception {
    deadLetter("NOT_JSON", "garbage-1", "{not json".getBytes(StandardCharsets.UTF_8));
    deadLetter("UNSUPPORTED_SCHEMA_VERSION", "result-1", resultJson());

    List<DeadLetterEntry> ours = ours();

    assertThat(ours)
        .extracting(e -> e.origin().reason(), DeadLetterEntry::eventId, e -> e.origin().topic())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("NOT_JSON", "garbage-1", Topics.RESULTS.name()),
            org.assertj.core.groups.Tuple.tuple(
                "UNSUPPORTED_SCHEMA_VERSION", "result-1", Topics.RESULTS.name()));
    assertThat(ours.get(0).origin().stage()).isEqualTo("planner");
    assertThat(ours.get(0).origin().message()).isEqualTo("the test says so");
    assertThat(ours.get(0).key()).isEqualTo(app.toString());
    assertThat(ours.get(0).valuePreview()).isEqualTo("{not json");
  }

  @Test
  void replaySendsAFixedRecordBackToItsTopicWithItsOriginalHeadersAndSaysWhereFrom()
      throws Exception {
    deadLetter("UNSUPPORTED_SCHEMA_VERSION", "result-2", resultJson());
    DeadLetterEntry entry = ours().get(0);
    long[] end = endOffsets();

    List<DeadLetterQueue.Replayed> outcomes =
        dlq.replay(
            ReplayRange.all(),
            DeadLetterSelection.of(List.of(entry.coordinate()), List.of(), List.of()),
            false,
            Progress.NONE);

    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.sent()).isTrue());
    List<ConsumerRecord<byte[], byte[]>> sent = readResultsFrom(end);
    assertThat(sent).hasSize(1);
    ConsumerRecord<byte[], byte[]> record = sent.get(0);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(app.toString());
    assertThat(record.value()).isEqualTo(resultJson());
    assertThat(CloudEventHeaders.id(record.headers())).contains("result-2");
    assertThat(record.headers().lastHeader(DeadLetter.REASON)).isNull();
    assertThat(
            new String(
                record.headers().lastHeader(DeadLetterQueue.REPLAYED_FROM).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("opstream.dlq-" + entry.coordinate());
    assertThat(
            Topics.RESULTS.valueSerde().deserializer().deserialize(record.topic(), record.value()))
        .isInstanceOf(ActionResult.class);
  }

  @Test
  void aRecordItsTopicStillCannotReadIsNotSentUnlessForced() throws Exception {
    deadLetter("NOT_JSON", "garbage-3", "{still not json".getBytes(StandardCharsets.UTF_8));
    long[] end = endOffsets();
    DeadLetterSelection byId = DeadLetterSelection.of(List.of(), List.of("garbage-3"), List.of());

    List<DeadLetterQueue.Replayed> refused =
        dlq.replay(ReplayRange.all(), byId, false, Progress.NONE);
    assertThat(refused)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.sent()).isFalse();
              assertThat(o.detail())
                  .contains("still unreadable on opstream.results")
                  .contains("--force");
            });
    assertThat(readResultsFrom(end)).isEmpty();

    List<DeadLetterQueue.Replayed> forced =
        dlq.replay(ReplayRange.all(), byId, true, Progress.NONE);
    assertThat(forced).singleElement().satisfies(o -> assertThat(o.sent()).isTrue());
    assertThat(readResultsFrom(end)).hasSize(1);
  }

  @Test
  void replayingTheSameDeadLetterTwiceSendsTwoCopies() throws Exception {
    deadLetter("UNSUPPORTED_SCHEMA_VERSION", "result-4", resultJson());
    long[] end = endOffsets();
    DeadLetterSelection byId = DeadLetterSelection.of(List.of(), List.of("result-4"), List.of());

    dlq.replay(ReplayRange.all(), byId, false, Progress.NONE);
    dlq.replay(ReplayRange.all(), byId, false, Progress.NONE);

    List<ConsumerRecord<byte[], byte[]>> copies = readResultsFrom(end);
    assertThat(copies).hasSize(2);
    assertThat(copies)
        .allSatisfy(r -> assertThat(CloudEventHeaders.id(r.headers())).contains("result-4"));
  }

  @Test
  void aSelectionThatNamesNothingOrABadCoordinateIsRefused() {
    assertThatThrownBy(() -> DeadLetterSelection.of(List.of(), List.of(), List.of()))
        .isInstanceOf(ReplayException.class)
        .hasMessageContaining("--offset partition@offset");
    assertThatThrownBy(() -> DeadLetterSelection.of(List.of("17"), List.of(), List.of()))
        .hasMessageContaining("'17' is not a DLQ coordinate partition@offset");
  }

  // ---- helpers ----

  private byte[] resultJson() {
    ActionResult result =
        new ActionResult(
            1,
            "action-1",
            ActionType.ENSURE_BUCKET,
            ActionKind.BUCKET,
            app,
            "uid-1",
            1,
            Outcome.CREATED,
            ResourceState.managed(Map.of()),
            null,
            "cause-1",
            Instant.parse("2026-11-20T10:00:00Z"));
    return Topics.RESULTS.valueSerde().serializer().serialize(Topics.RESULTS.name(), result);
  }

  private void deadLetter(String reason, String eventId, byte[] value) throws Exception {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(
        headers,
        CloudEvent.of(
            eventId, "dev.opstream.action.result.v1", "opstream/actuator/bucket", Instant.now()));
    var record =
        DeadLetter.of(
            new DeadLetter.Info(
                reason, "the test says so", Topics.RESULTS.name(), 3, 42L, "planner"),
            app.toString().getBytes(StandardCharsets.UTF_8),
            value,
            headers);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }

  private List<DeadLetterEntry> ours() {
    List<DeadLetterEntry> entries = new ArrayList<>();
    dlq.list(
        ReplayRange.all(),
        entry -> {
          if (app.toString().equals(entry.key())) {
            entries.add(entry);
          }
        },
        Progress.NONE);
    return entries;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private List<TopicPartition> resultPartitions(KafkaConsumer<byte[], byte[]> consumer) {
    return consumer.partitionsFor(Topics.RESULTS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  private long[] endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = resultPartitions(consumer);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      return partitions.stream().mapToLong(end::get).toArray();
    }
  }

  /** Our app's records on opstream.results after {@code from}, read up to the end. */
  private List<ConsumerRecord<byte[], byte[]>> readResultsFrom(long[] from) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = resultPartitions(consumer);
      consumer.assign(partitions);
      for (TopicPartition tp : partitions) {
        consumer.seek(tp, from[tp.partition()]);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null
              && new String(record.key(), StandardCharsets.UTF_8).equals(app.toString())) {
            read.add(record);
          }
        }
      }
      return read;
    }
  }
}
