package dev.opstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.testing.RecordSamples;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Garbage on a real topic becomes a typed, DLQ-routable error; the consumer keeps going. */
@ExtendWith(KafkaBrokerExtension.class)
class UnreadableRecordsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final byte[] GARBAGE = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0};
  private static final int PARTITION = 5;

  private final Clock clock = Clock.systemUTC();
  private KafkaBroker broker;

  @BeforeEach
  void createTopics(KafkaBroker broker) {
    this.broker = broker;
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(
              new TopicAdmin(admin, TIMEOUT)
                  .create(TopicCatalogue.of(CatalogueConfig.local()))
                  .matchesCatalogue())
          .isTrue();
    }
  }

  @Test
  void safeConsumerGetsOneTypedErrorAndOneValueRoutesTheErrorToTheDlqAndKeepsConsuming()
      throws Exception {
    AppKey app = new AppKey("it", "ns", "app-" + UUID.randomUUID());
    TopicPartition partition = new TopicPartition(Topics.DEPLOYMENTS.name(), PARTITION);
    long start = endOffset(partition);
    List<TopicPartition> dlqPartitions = partitions(Topics.DLQ.name(), 12);
    Map<TopicPartition, Long> dlqStart = endOffsets(dlqPartitions);
    DeploymentObserved observed = observed(app, "1");

    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      producer
          .send(new ProducerRecord<>(partition.topic(), PARTITION, key(app), GARBAGE))
          .get(30, TimeUnit.SECONDS);
      producer.send(encoded(app, observed)).get(30, TimeUnit.SECONDS);
    }

    SafeDeserializer<AppKey, DeploymentEvent> decoder = SafeDeserializer.of(Topics.DEPLOYMENTS);
    List<Decoded<AppKey, DeploymentEvent>> decoded = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> dlqProducer = producer()) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, start);
      pollUntil(consumer, decoder, decoded, 2);

      Decoded.Failure<AppKey, DeploymentEvent> failure =
          (Decoded.Failure<AppKey, DeploymentEvent>) decoded.get(0);
      assertThat(failure.error().reason()).isEqualTo(RecordReadException.Reason.NOT_JSON);
      assertThat(failure.error().offset()).hasValue(start);
      assertThat(decoded.get(1))
          .isInstanceOfSatisfying(
              Decoded.Value.class,
              value -> {
                assertThat(value.key()).isEqualTo(app);
                assertThat(value.value()).isEqualTo(observed);
              });

      dlqProducer.send(failure.deadLetter("it-consumer")).get(30, TimeUnit.SECONDS);

      // The same consumer goes on reading what comes after the bad record.
      DeploymentObserved next = observed(app, "2");
      dlqProducer.send(encoded(app, next)).get(30, TimeUnit.SECONDS);
      pollUntil(consumer, decoder, decoded, 3);
      assertThat(((Decoded.Value<AppKey, DeploymentEvent>) decoded.get(2)).value()).isEqualTo(next);
    }

    ConsumerRecord<byte[], byte[]> dead = readOne(dlqPartitions, dlqStart);
    assertThat(dead.key()).isEqualTo(key(app));
    assertThat(dead.value()).isEqualTo(GARBAGE);
    DeadLetter.Info info = DeadLetter.read(dead.headers()).orElseThrow();
    assertThat(info.reason()).isEqualTo("NOT_JSON");
    assertThat(info.topic()).isEqualTo("opstream.deployments");
    assertThat(info.partition()).isEqualTo(PARTITION);
    assertThat(info.offset()).isEqualTo(start);
    assertThat(info.stage()).isEqualTo("it-consumer");
    assertThat(info.message()).isNotBlank();
  }

  @Test
  void typedConsumerGetsTheTypedErrorFromPollAndCanSkipPastIt() throws Exception {
    AppKey app = new AppKey("it", "ns", "typed-" + UUID.randomUUID());
    TopicPartition partition = new TopicPartition(Topics.DEPLOYMENTS.name(), PARTITION);
    long start = endOffset(partition);
    DeploymentObserved observed = observed(app, "7");
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      producer
          .send(new ProducerRecord<>(partition.topic(), PARTITION, key(app), GARBAGE))
          .get(30, TimeUnit.SECONDS);
      producer.send(encoded(app, observed)).get(30, TimeUnit.SECONDS);
    }

    try (KafkaConsumer<AppKey, DeploymentEvent> consumer =
        new KafkaConsumer<>(
            consumerConfig(),
            Topics.DEPLOYMENTS.keySerde().deserializer(),
            Topics.DEPLOYMENTS.valueSerde().deserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, start);

      RecordDeserializationException error =
          catchThrowableOfType(
              RecordDeserializationException.class,
              () -> {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (System.nanoTime() < deadline) {
                  consumer.poll(Duration.ofMillis(200));
                }
              });

      assertThat(error.offset()).isEqualTo(start);
      assertThat(error.getCause())
          .isInstanceOfSatisfying(
              RecordReadException.class,
              read -> assertThat(read.reason()).isEqualTo(RecordReadException.Reason.NOT_JSON));
      assertThat(error.valueBuffer().remaining()).isEqualTo(GARBAGE.length);

      consumer.seek(error.topicPartition(), error.offset() + 1);
      List<ConsumerRecord<AppKey, DeploymentEvent>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(observed));
    }
  }

  private static DeploymentObserved observed(AppKey app, String resourceVersion) {
    return DeploymentObserved.of(
        app,
        RecordSamples.UID,
        resourceVersion,
        1,
        Map.of("opstream.dev/enabled", "true"),
        Map.of(),
        RecordSamples.T0);
  }

  private ProducerRecord<byte[], byte[]> encoded(AppKey app, DeploymentObserved value) {
    ProducerRecord<AppKey, DeploymentEvent> record =
        Records.producerRecord(
            Topics.DEPLOYMENTS,
            PARTITION,
            app,
            value,
            Sources.watcher("it"),
            clock,
            UUID.randomUUID().toString());
    assertThat(CloudEventHeaders.read(record.headers())).isPresent();
    return new ProducerRecord<>(
        record.topic(),
        record.partition(),
        record.timestamp(),
        key(app),
        Topics.DEPLOYMENTS.valueSerde().serializer().serialize(record.topic(), value),
        record.headers());
  }

  private static byte[] key(AppKey app) {
    return app.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void pollUntil(
      KafkaConsumer<byte[], byte[]> consumer,
      SafeDeserializer<AppKey, DeploymentEvent> decoder,
      List<Decoded<AppKey, DeploymentEvent>> decoded,
      int count) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (decoded.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
        decoded.add(decoder.decode(raw));
      }
    }
    assertThat(decoded).hasSize(count);
  }

  private ConsumerRecord<byte[], byte[]> readOne(
      List<TopicPartition> partitions, Map<TopicPartition, Long> from) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      consumer.assign(partitions);
      from.forEach(consumer::seek);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).hasSize(1);
      return records.get(0);
    }
  }

  private long endOffset(TopicPartition partition) {
    return endOffsets(List.of(partition)).get(partition);
  }

  private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      return consumer.endOffsets(partitions, TIMEOUT);
    }
  }

  private static List<TopicPartition> partitions(String topic, int count) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      partitions.add(new TopicPartition(topic, i));
    }
    return partitions;
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private <V> KafkaConsumer<byte[], V> consumer(Deserializer<V> values) {
    return new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), values);
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed");
  }
}
