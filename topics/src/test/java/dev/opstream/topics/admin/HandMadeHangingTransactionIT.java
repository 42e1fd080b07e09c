package dev.opstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.kafka.KafkaBroker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hanging transaction, made by hand on a broker of its own: with partition verification off
 * (a dynamic broker config) the leader accepts a transactional batch from a producer no coordinator
 * knows, sent as a raw produce request, and holds that transaction open for good — the state the
 * broker restart in {@code FaultsIT} left behind.
 */
class HandMadeHangingTransactionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long PRODUCER_ID = 4242;
  private static final String TOPIC = "hand-made-hanging";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir Path dataDir;

  private KafkaBroker broker;
  private Admin admin;

  @BeforeEach
  void startABrokerOfItsOwn() throws Exception {
    broker = KafkaBroker.start(dataDir);
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    admin
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.BROKER, ""),
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("transaction.partition.verification.enable", "false"),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get(30, TimeUnit.SECONDS);
    admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    admin.close(Duration.ofSeconds(5));
    broker.close();
  }

  @Test
  void aHangingTransactionIsFoundAndAbortedAndReadCommittedReadersGetPastIt() throws Exception {
    HangingTransactions transactions = new HangingTransactions(admin, TIMEOUT, Clock.systemUTC());
    // The config change reaches the broker through its metadata: send until the leader accepts.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              produceTransactionalBatchByHand();
              return !transactions.find(List.of(TOPIC), Duration.ZERO).open().isEmpty();
            });
    produceCommitted("after the hanging transaction");
    assertThat(lastStableOffset()).as("read_committed readers are stuck at offset 0").isZero();

    HangingTransactions.Scan scan = transactions.find(List.of(TOPIC), Duration.ZERO);
    List<OpenTransaction> aborted = transactions.abortHanging(List.of(TOPIC), Duration.ZERO);

    assertThat(scan.hanging())
        .singleElement()
        .satisfies(
            hanging -> {
              assertThat(hanging.partition()).isEqualTo(PARTITION);
              assertThat(hanging.producerId()).isEqualTo(PRODUCER_ID);
              assertThat(hanging.startOffset()).isZero();
            });
    assertThat(aborted).isEqualTo(scan.hanging());
    assertThat(readCommitted())
        .extracting(ConsumerRecord::value)
        .containsExactly("after the hanging transaction");
    assertThat(transactions.find(List.of(TOPIC), Duration.ZERO).open()).isEmpty();
  }

  /** A transactional batch (producer {@value #PRODUCER_ID}, epoch 0) no coordinator ever saw. */
  private void produceTransactionalBatchByHand() throws Exception {
    MemoryRecords records =
        MemoryRecords.withTransactionalRecords(
            Compression.NONE,
            PRODUCER_ID,
            (short) 0,
            0,
            new SimpleRecord("hand-made".getBytes(StandardCharsets.UTF_8)));
    ProduceRequestData data =
        new ProduceRequestData()
            .setTransactionalId("hand-made")
            .setAcks((short) -1)
            .setTimeoutMs(30_000);
    ProduceRequestData.TopicProduceDataCollection topics =
        new ProduceRequestData.TopicProduceDataCollection();
    topics.add(
        new ProduceRequestData.TopicProduceData()
            .setName(TOPIC)
            .setPartitionData(
                List.of(
                    new ProduceRequestData.PartitionProduceData()
                        .setIndex(0)
                        .setRecords(records))));
    data.setTopicData(topics);
    short version = ProduceRequest.LAST_STABLE_VERSION_BEFORE_TRANSACTION_V2;
    ProduceRequest request = ProduceRequest.builder(data, true).build(version);
    ByteBuffer bytes =
        request.serializeWithHeader(
            new RequestHeader(ApiKeys.PRODUCE, version, "hand-made-hanging-it", 1));
    String[] hostPort = broker.bootstrapServers().split(":");
    try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      socket.setSoTimeout(30_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(bytes.remaining());
      out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      in.readFully(new byte[in.readInt()]); // the response: the batch was handled
    }
  }

  private void produceCommitted(String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, 0, "k", value)).get(30, TimeUnit.SECONDS);
    }
  }

  private long lastStableOffset() throws Exception {
    return admin
        .listOffsets(
            Map.of(PARTITION, OffsetSpec.latest()),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .partitionResult(PARTITION)
        .get(30, TimeUnit.SECONDS)
        .offset();
  }

  /** Reads read_committed until it has a record (the abort marker moved the stable offset). */
  private List<ConsumerRecord<String, String>> readCommitted() {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(PARTITION));
      consumer.seekToBeginning(List.of(PARTITION));
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });
      return read;
    }
  }
}
