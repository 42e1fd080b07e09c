package dev.opstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class HangingTransactionsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaBroker broker;
  private Admin admin;
  private HangingTransactions transactions;

  @BeforeEach
  void connect(KafkaBroker broker) {
    this.broker = broker;
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    transactions = new HangingTransactions(admin, TIMEOUT, Clock.systemUTC());
  }

  @AfterEach
  void disconnect() {
    admin.close(Duration.ofSeconds(5));
  }

  @Test
  void aLiveOpenTransactionIsSeenButNeverJudgedHangingNorAborted() throws Exception {
    String topic = newTopic();
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "k", "uncommitted")).get(30, TimeUnit.SECONDS);

      HangingTransactions.Scan scan = transactions.find(List.of(topic), Duration.ZERO);
      List<OpenTransaction> aborted = transactions.abortHanging(List.of(topic), Duration.ZERO);

      assertThat(scan.open())
          .singleElement()
          .satisfies(open -> assertThat(open.partition()).isEqualTo(new TopicPartition(topic, 0)));
      assertThat(scan.hanging()).isEmpty();
      assertThat(aborted).isEmpty();
      producer.commitTransaction(); // still live: its coordinator completes it
    }
    // The coordinator writes the commit marker after commitTransaction returns.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(transactions.find(List.of(topic), Duration.ZERO).open()).isEmpty());
  }

  @Test
  void aTopicWhoseTransactionsAllCompletedHasNothingOpenNorHanging() throws Exception {
    String topic = newTopic();
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      for (int i = 0; i < 3; i++) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, i % 2, "k", "v" + i));
        producer.commitTransaction();
      }
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "k", "aborted"));
      producer.abortTransaction();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              HangingTransactions.Scan scan = transactions.find(List.of(topic), Duration.ZERO);
              assertThat(scan.open()).isEmpty();
              assertThat(scan.hanging()).isEmpty();
            });
  }

  @Test
  void topicsListsTheBrokersTopicsTheFilterAccepts() throws Exception {
    String topic = newTopic();

    assertThat(transactions.topics(name -> name.startsWith("hanging-")))
        .contains(topic)
        .allMatch(name -> name.startsWith("hanging-"));
  }

  private String newTopic() throws Exception {
    String name = "hanging-" + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    return name;
  }

  private KafkaProducer<String, String> transactionalProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "hanging-it-" + UUID.randomUUID()),
        new StringSerializer(),
        new StringSerializer());
  }
}
