package dev.opstream.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void deliversProducedRecordToConsumer(KafkaBroker broker) throws Exception {
    String topic = uniqueTopic();
    try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
      producer.send(new ProducerRecord<>(topic, "key-1", "hello")).get(60, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, String>> records = readAll(broker, topic, "read_uncommitted", 1);

    assertThat(records)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("key-1", "hello"));
  }

  @Test
  void readCommittedConsumerSeesCommittedTransactionsButNotAbortedOnes(KafkaBroker broker)
      throws Exception {
    String topic = uniqueTopic();
    try (KafkaProducer<String, String> producer =
        producer(broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
      producer.initTransactions();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
      producer.send(new ProducerRecord<>(topic, "k", "aborted-2"));
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
    }

    assertThat(readAll(broker, topic, "read_committed", 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed-1", "committed-2");
    assertThat(readAll(broker, topic, "read_uncommitted", 4))
        .extracting(ConsumerRecord::value)
        .containsExactly("aborted-1", "aborted-2", "committed-1", "committed-2");
  }

  @Test
  void keepsRecordsAndPortAcrossRestartSoRunningClientsCarryOn(@TempDir Path dir) throws Exception {
    String topic = uniqueTopic();
    try (KafkaBroker broker = KafkaBroker.start(dir);
        KafkaProducer<String, String> producer = producer(broker, Map.of());
        KafkaConsumer<String, String> consumer = consumer(broker, "read_uncommitted")) {
      String bootstrapBefore = broker.bootstrapServers();
      producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get(60, TimeUnit.SECONDS);
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      assertThat(pollUntil(consumer, 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("before-restart");

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      Future<RecordMetadata> sentWhileDown =
          producer.send(new ProducerRecord<>(topic, "k", "sent-while-down"));
      broker.restart();

      assertThat(broker.isRunning()).isTrue();
      assertThat(broker.bootstrapServers()).isEqualTo(bootstrapBefore);
      sentWhileDown.get(60, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, "k", "after-restart")).get(60, TimeUnit.SECONDS);
      assertThat(pollUntil(consumer, 2))
          .extracting(ConsumerRecord::value)
          .containsExactly("sent-while-down", "after-restart");
      assertThat(readAll(broker, topic, "read_uncommitted", 3))
          .extracting(ConsumerRecord::value)
          .containsExactly("before-restart", "sent-while-down", "after-restart");
    }
  }

  @Test
  void stopIsIdempotentAndCloseKeepsTheData(@TempDir Path dir) {
    KafkaBroker broker = KafkaBroker.start(dir);
    broker.stop();
    broker.stop();
    broker.close();

    assertThat(broker.isRunning()).isFalse();
    assertThat(broker.logDir().resolve("meta.properties")).exists();
  }

  private static String uniqueTopic() {
    return "it-" + UUID.randomUUID();
  }

  private static KafkaProducer<String, String> producer(
      KafkaBroker broker, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker broker, String isolation) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** Reads partition 0 of {@code topic} from the start until {@code expected} records arrived. */
  private static List<ConsumerRecord<String, String>> readAll(
      KafkaBroker broker, String topic, String isolation, int expected) {
    try (KafkaConsumer<String, String> consumer = consumer(broker, isolation)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, String>> records = pollUntil(consumer, expected);
      // Anything more (an aborted record that should stay hidden) would show up in one more poll.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      return records;
    }
  }

  private static List<ConsumerRecord<String, String>> pollUntil(
      KafkaConsumer<String, String> consumer, int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (records.size() < expected && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }
}
