package dev.opstream.actuator.runner.testing;

import static org.awaitility.Awaitility.await;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorRunner;
import dev.opstream.actuator.runner.FaultHook;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.actuator.runner.RunnerTopics;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Everything an actuator IT needs on the shared broker: topics of its own (so tests never see each
 * other's records), configs with fresh consumer groups, a planner stand-in that sends actions, and
 * readers of the results and dead letters. Closes the runners it started.
 */
public final class ActuatorTestKit implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * A fault hook that crashes the runner after every side effect, before its result is published.
   */
  public static final FaultHook CRASH_BEFORE_PUBLISH =
      (action, result) -> {
        throw new IllegalStateException("crash after " + result.outcome());
      };

  private final String bootstrapServers;
  private final RunnerTopics topics;
  private final int partitions;
  private final Admin admin;
  private final KafkaProducer<AppKey, Action> actions;
  private final KafkaProducer<byte[], byte[]> raw;
  private final KafkaConsumer<AppKey, ActionResult> resultReader;
  private final KafkaConsumer<byte[], byte[]> deadLetterReader;
  private final List<ConsumerRecord<AppKey, ActionResult>> results = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private final Deque<ActuatorRunner> runners = new ArrayDeque<>();

  private ActuatorTestKit(String bootstrapServers, RunnerTopics topics, int partitions) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.partitions = partitions;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.actions =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            topics.actions().keySerde().serializer(),
            topics.actions().valueSerde().serializer());
    this.raw =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.resultReader =
        new KafkaConsumer<>(
            readerConfig(),
            topics.results().keySerde().deserializer(),
            topics.results().valueSerde().deserializer());
    this.deadLetterReader =
        new KafkaConsumer<>(
            readerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Creates topics of its own with {@code partitions} partitions each. */
  public static ActuatorTestKit create(String bootstrapServers, int partitions) throws Exception {
    String prefix = "it-" + UUID.randomUUID();
    RunnerTopics topics =
        new RunnerTopics(
            new Topic<>(
                prefix + ".actions",
                Topics.ACTIONS_BUCKET.keySerde(),
                Topics.ACTIONS_BUCKET.valueSerde()),
            new Topic<>(
                prefix + ".results", Topics.RESULTS.keySerde(), Topics.RESULTS.valueSerde()),
            new Topic<>(prefix + ".dlq", Topics.DLQ.keySerde(), Topics.DLQ.valueSerde()));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.actions().name(), partitions, (short) 1),
                  new NewTopic(topics.results().name(), partitions, (short) 1),
                  new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
          .all()
          .get();
    }
    ActuatorTestKit kit = new ActuatorTestKit(bootstrapServers, topics, partitions);
    kit.resultReader.assign(partitionsOf(topics.results().name(), partitions));
    kit.resultReader.seekToBeginning(kit.resultReader.assignment());
    kit.deadLetterReader.assign(partitionsOf(topics.deadLetters().name(), 1));
    kit.deadLetterReader.seekToBeginning(kit.deadLetterReader.assignment());
    return kit;
  }

  public RunnerTopics topics() {
    return topics;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * A config for {@code kind} on this kit's topics with a fresh group, concurrency 4 and short
   * timeouts.
   */
  public RunnerConfig config(ActionKind kind) {
    return RunnerConfig.defaults(kind, Map.of("bootstrap.servers", bootstrapServers))
        .withTopics(topics)
        .withGroupId("it-group-" + UUID.randomUUID())
        .withConcurrency(4)
        .withActionTimeout(Duration.ofSeconds(30))
        .withShutdownTimeout(Duration.ofSeconds(20));
  }

  public ActuatorRunner start(RunnerConfig config, ActionHandler handler) {
    return start(config, handler, FaultHook.NONE);
  }

  public ActuatorRunner start(RunnerConfig config, ActionHandler handler, FaultHook faultHook) {
    return start(config, handler, faultHook, new PrometheusRegistry());
  }

  /** Starts a runner (closed with the kit) and waits until it has joined its group. */
  public ActuatorRunner start(
      RunnerConfig config,
      ActionHandler handler,
      FaultHook faultHook,
      PrometheusRegistry registry) {
    ActuatorRunner runner =
        ActuatorRunner.start(config, handler, registry, faultHook, Clock.systemUTC());
    runners.push(runner);
    await().atMost(TIMEOUT).until(runner::isReady);
    return runner;
  }

  /** Sends {@code action} as the planner would (keyed by its app, CloudEvents headers). */
  public Sent send(Action action) throws Exception {
    ProducerRecord<AppKey, Action> record =
        Records.producerRecord(
            topics.actions(), action.app(), action, Sources.planner(), Clock.systemUTC());
    RecordMetadata metadata = actions.send(record).get();
    return new Sent(
        action,
        CloudEventHeaders.id(record.headers()).orElseThrow(),
        metadata.partition(),
        metadata.offset());
  }

  /** Sends raw bytes to the actions topic (a record no planner would write). */
  public RecordMetadata sendRaw(Integer partition, byte[] key, byte[] value) throws Exception {
    return raw.send(new ProducerRecord<>(topics.actions().name(), partition, key, value)).get();
  }

  /** The partition {@code app}'s records go to. */
  public int partitionOf(AppKey app) {
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(
                topics.actions().keySerde().serializer().serialize(topics.actions().name(), app)))
        % partitions;
  }

  /** One app per partition of the actions topic, each made by {@code newApp}. */
  public List<AppKey> onePerPartition(Supplier<AppKey> newApp) {
    Map<Integer, AppKey> byPartition = new TreeMap<>();
    while (byPartition.size() < partitions) {
      AppKey app = newApp.get();
      byPartition.putIfAbsent(partitionOf(app), app);
    }
    return List.copyOf(byPartition.values());
  }

  /** Whether {@code runner} holds the partition {@code app}'s actions go to. */
  public boolean holds(ActuatorRunner runner, AppKey app) {
    return runner.assignment().stream().anyMatch(tp -> tp.partition() == partitionOf(app));
  }

  /** Every result published so far, in the order read (per partition: in publication order). */
  public synchronized List<ConsumerRecord<AppKey, ActionResult>> results() {
    resultReader.poll(Duration.ofMillis(100)).forEach(results::add);
    return List.copyOf(results);
  }

  public List<ActionResult> resultsFor(String actionId) {
    return results().stream()
        .map(ConsumerRecord::value)
        .filter(result -> result.actionId().equals(actionId))
        .toList();
  }

  /** Waits for the first result of {@code action} and returns it. */
  public ActionResult awaitResult(Action action) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> resultsFor(action.actionId()), found -> !found.isEmpty())
        .get(0);
  }

  /** The result record (with headers) of {@code action}, once there is one. */
  public ConsumerRecord<AppKey, ActionResult> awaitResultRecord(Action action) {
    awaitResult(action);
    return results().stream()
        .filter(record -> record.value().actionId().equals(action.actionId()))
        .findFirst()
        .orElseThrow();
  }

  /** Every dead letter published so far. */
  public synchronized List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    deadLetterReader.poll(Duration.ofMillis(100)).forEach(deadLetters::add);
    return List.copyOf(deadLetters);
  }

  /** The offset {@code groupId} committed on each partition of the actions topic. */
  public Map<Integer, Long> committed(String groupId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(entry -> entry.getValue() != null)
        .filter(entry -> entry.getKey().topic().equals(topics.actions().name()))
        .collect(Collectors.toMap(entry -> entry.getKey().partition(), e -> e.getValue().offset()));
  }

  /** The end offset of each partition of the actions topic. */
  public Map<Integer, Long> endOffsets() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request =
        partitionsOf(topics.actions().name(), partitions).stream()
            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
    return admin.listOffsets(request).all().get().entrySet().stream()
        .collect(Collectors.toMap(entry -> entry.getKey().partition(), e -> e.getValue().offset()));
  }

  /** Waits until {@code groupId} has committed every partition that holds records up to its end. */
  public void awaitAllCommitted(String groupId) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              Map<Integer, Long> committed = committed(groupId);
              return endOffsets().entrySet().stream()
                  .filter(end -> end.getValue() > 0)
                  .allMatch(end -> end.getValue().equals(committed.get(end.getKey())));
            });
  }

  /** A producer for the actions topic with a transactional id of its own. */
  public KafkaProducer<AppKey, Action> transactionalProducer() {
    KafkaProducer<AppKey, Action> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "it-tx-" + UUID.randomUUID()),
            topics.actions().keySerde().serializer(),
            topics.actions().valueSerde().serializer());
    producer.initTransactions();
    return producer;
  }

  /** Closes the runners it started (latest first), then its clients. */
  @Override
  public void close() {
    while (!runners.isEmpty()) {
      runners.pop().close();
    }
    actions.close();
    raw.close();
    resultReader.close();
    deadLetterReader.close();
    admin.close();
  }

  private Map<String, Object> readerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false);
  }

  private static Set<TopicPartition> partitionsOf(String topic, int count) {
    return IntStream.range(0, count)
        .mapToObj(partition -> new TopicPartition(topic, partition))
        .collect(Collectors.toSet());
  }

  /**
   * An action as sent.
   *
   * @param ceId the CloudEvents id of its record, which its result names in {@code causedBy}
   */
  public record Sent(Action action, String ceId, int partition, long offset) {}
}
