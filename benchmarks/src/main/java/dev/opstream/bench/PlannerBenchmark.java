package dev.opstream.bench;

import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.support.TempDirs;
import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.PlannerService;
import dev.opstream.planner.PlannerTopology;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.CloudEvent;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.RecordTypes;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.VersionedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Decisions per second through the planner topology, and the latency from a deployment record to
 * its first actions, for 1k and 10k apps: first in-process with {@link TopologyTestDriver} (the
 * topology's own cost, RocksDB stores included), then on a real in-process broker with the real
 * Kafka Streams application (exactly_once_v2, 12 partitions), beside the raw produce+consume rate
 * of the same broker. Every app goes through enable (bucket and Redis ensures), results, and the
 * CronJob ensure: 3 actions and 3 statuses per app.
 */
final class PlannerBenchmark implements Benchmark {

  private static final List<Integer> SIZES = List.of(1_000, 10_000);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Map<String, String> ENABLED = Map.of(Annotations.ENABLED, "true");
  private static final PlanningPolicy POLICY =
      PlanningPolicy.defaults().withGracePeriod(Duration.ZERO);

  private final Clock clock = Clock.systemUTC();

  @Override
  public String name() {
    return "planner";
  }

  @Override
  public void run(Report report) throws Exception {
    for (int apps : SIZES) {
      driverRun(report, apps);
    }
    for (int apps : SIZES) {
      brokerRun(report, apps);
    }
  }

  // ---- in-process: TopologyTestDriver ----

  private void driverRun(Report report, int apps) throws IOException {
    Path stateDir = TempDirs.create("opstream-bench-planner-");
    PlannerConfig config = PlannerConfig.fromEnv(Map.of()).withPolicy(POLICY);
    Properties properties = config.streamsProperties();
    properties.put("state.dir", stateDir.toString());
    properties.put("application.id", "planner-bench");
    String label = "driver " + apps + " apps";
    try (TopologyTestDriver driver =
        new TopologyTestDriver(PlannerTopology.build(config), properties, clock.instant())) {
      TestInputTopic<AppKey, DeploymentEvent> deployments = input(driver, Topics.DEPLOYMENTS);
      TestInputTopic<AppKey, ActionResult> results = input(driver, Topics.RESULTS);
      List<TestOutputTopic<AppKey, Action>> actionTopics = new ArrayList<>();
      for (ActionKind kind : ActionKind.values()) {
        actionTopics.add(
            driver.createOutputTopic(
                kind.topic().name(),
                kind.topic().keySerde().deserializer(),
                kind.topic().valueSerde().deserializer()));
      }

      List<Double> latencies = new ArrayList<>(apps);
      long started = System.nanoTime();
      int counter = 0;
      for (int i = 0; i < apps; i++) {
        AppKey app = app("driver", i);
        DeploymentObserved observed =
            DeploymentObserved.of(app, "uid-" + i, "1", 1, ENABLED, Map.of(), clock.instant());
        TestRecord<AppKey, DeploymentEvent> record =
            new TestRecord<>(app, observed, headers(observed, "d-" + counter++), clock.instant());
        long before = System.nanoTime();
        deployments.pipeInput(record);
        latencies.add((System.nanoTime() - before) / 1e6);
      }
      List<TestRecord<AppKey, Action>> first = drain(driver, actionTopics);
      for (TestRecord<AppKey, Action> action : first) {
        results.pipeInput(result(action.value(), action.headers(), "r-" + counter++));
      }
      List<TestRecord<AppKey, Action>> cronJobs = drain(driver, actionTopics);
      for (TestRecord<AppKey, Action> action : cronJobs) {
        results.pipeInput(result(action.value(), action.headers(), "r-" + counter++));
      }
      drain(driver, actionTopics);
      double seconds = (System.nanoTime() - started) / 1e9;
      int actions = first.size() + cronJobs.size();
      int inputs = apps + first.size() + cronJobs.size();
      check(actions == 3 * apps, label + ": expected " + 3 * apps + " actions, got " + actions);
      report.figure(label + ": inputs handled", inputs, "records");
      report.figure(label + ": actions emitted", actions, "actions");
      report.figure(label + ": wall time", seconds, "s");
      report.figure(label + ": inputs/s", inputs / seconds, "records/s");
      report.figure(label + ": decisions/s", actions / seconds, "actions/s");
      report.percentiles(label + ": deployment -> actions", latencies, "ms");
      report.figure(label + ": state on disk", directorySize(stateDir) / 1048576.0, "MiB");
      heap(report, label);
      report.residentMemory(label + ": JVM RSS");
    } finally {
      TempDirs.deleteRecursively(stateDir);
    }
  }

  // ---- a real broker and the real Kafka Streams application ----

  private void brokerRun(Report report, int apps) throws Exception {
    Path data = TempDirs.create("opstream-bench-planner-broker-");
    String label = "broker " + apps + " apps";
    try (KafkaBroker broker = KafkaBroker.start(data);
        KafkaProducer<byte[], byte[]> producer = producer(broker)) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicAdmin(admin, Duration.ofSeconds(60))
            .create(TopicCatalogue.of(CatalogueConfig.local()));
        admin
            .createTopics(
                List.of(new NewTopic("bench.raw", CatalogueConfig.local().partitions(), (short) 1)))
            .all()
            .get(60, TimeUnit.SECONDS);
      }
      rawBaseline(report, label, broker, producer, apps);

      PlannerConfig config =
          new PlannerConfig(
              "planner-bench-" + apps,
              broker.bootstrapServers(),
              data.resolve("planner-state"),
              0,
              "127.0.0.1",
              Duration.ofSeconds(1),
              POLICY,
              Map.of());
      try (PlannerService planner = PlannerService.start(config);
          ActionReader reader = awaitRunning(planner, broker)) {

        long started = System.nanoTime();
        for (int i = 0; i < apps; i++) {
          AppKey app = app("broker", i);
          DeploymentObserved observed =
              DeploymentObserved.of(app, "uid-" + i, "1", 1, ENABLED, Map.of(), clock.instant());
          send(
              producer,
              Topics.DEPLOYMENTS,
              Records.<AppKey, DeploymentEvent>producerRecord(
                  Topics.DEPLOYMENTS, app, observed, Sources.watcher("bench"), clock));
        }
        producer.flush();
        List<ConsumerRecord<AppKey, Action>> first = reader.await(2 * apps);
        double enableSeconds = (System.nanoTime() - started) / 1e9;
        List<Double> latencies = reader.latencies();

        long answering = System.nanoTime();
        for (ConsumerRecord<AppKey, Action> action : first) {
          answer(producer, action);
        }
        producer.flush();
        List<ConsumerRecord<AppKey, Action>> cronJobs = reader.await(apps);
        for (ConsumerRecord<AppKey, Action> action : cronJobs) {
          check(
              action.value().actionType() == ActionType.ENSURE_BACKUP_CRONJOB,
              "expected CronJob ensures, got " + action.value().actionType());
        }
        double resultSeconds = (System.nanoTime() - answering) / 1e9;
        double seconds = (System.nanoTime() - started) / 1e9;
        int actions = first.size() + cronJobs.size();
        report.figure(label + ": enable, deployments/s", apps / enableSeconds, "records/s");
        report.figure(label + ": enable, decisions/s", first.size() / enableSeconds, "actions/s");
        report.figure(
            label + ": results -> CronJob, results/s", first.size() / resultSeconds, "records/s");
        report.figure(label + ": whole run, decisions/s", actions / seconds, "actions/s");
        report.percentiles(label + ": burst, deployment -> action", latencies, "ms");
        heap(report, label + " (broker and planner in one JVM)");
        report.residentMemory(label + ": JVM RSS (broker and planner in one JVM)");

        pacedLatency(report, label, producer, reader, apps);
      }
    } finally {
      TempDirs.deleteRecursively(data);
    }
  }

  /** Deployments at a steady 200/s (well below the planner's rate): latency without a backlog. */
  private void pacedLatency(
      Report report,
      String label,
      KafkaProducer<byte[], byte[]> producer,
      ActionReader reader,
      int apps)
      throws Exception {
    int count = 1_000;
    reader.reset();
    long interval = TimeUnit.SECONDS.toNanos(1) / 200;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      next += interval;
      AppKey app = app("paced" + apps, i);
      DeploymentObserved observed =
          DeploymentObserved.of(app, "uid-" + i, "1", 1, ENABLED, Map.of(), clock.instant());
      send(
          producer,
          Topics.DEPLOYMENTS,
          Records.<AppKey, DeploymentEvent>producerRecord(
              Topics.DEPLOYMENTS, app, observed, Sources.watcher("bench"), clock));
    }
    producer.flush();
    reader.await(2 * count);
    report.percentiles(label + ": paced 200/s, deployment -> action", reader.latencies(), "ms");
  }

  private void rawBaseline(
      Report report,
      String label,
      KafkaBroker broker,
      KafkaProducer<byte[], byte[]> producer,
      int count)
      throws Exception {
    byte[] value =
        Topics.DEPLOYMENTS
            .valueSerde()
            .serializer()
            .serialize(
                Topics.DEPLOYMENTS.name(),
                DeploymentObserved.of(
                    app("raw", 0), "uid-0", "1", 1, ENABLED, Map.of(), clock.instant()));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker)) {
      List<TopicPartition> partitions = List.of();
      long waiting = System.nanoTime();
      while (partitions.size() < CatalogueConfig.local().partitions()) {
        check(System.nanoTime() - waiting < TIMEOUT.toNanos(), "bench.raw has no partitions");
        partitions =
            consumer.partitionsFor("bench.raw").stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
      }
      // One record per partition first, waited for: the producer learns every leader before the
      // clock starts (a burst at a topic created a moment ago can trip its idempotence checks).
      for (TopicPartition partition : partitions) {
        producer
            .send(new ProducerRecord<>("bench.raw", partition.partition(), null, value))
            .get(60, TimeUnit.SECONDS);
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        producer.send(
            new ProducerRecord<>("bench.raw", app("raw", i).toString().getBytes(), value));
      }
      producer.flush();
      int read = 0;
      while (read < count) {
        check(System.nanoTime() - started < TIMEOUT.toNanos(), "raw consume timed out");
        read += consumer.poll(Duration.ofMillis(100)).count();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      report.figure(label + ": raw produce+consume, same broker", count / seconds, "records/s");
    }
  }

  // ---- helpers ----

  private static ActionReader awaitRunning(PlannerService planner, KafkaBroker broker)
      throws InterruptedException {
    long waitStart = System.nanoTime();
    while (!planner.running()) {
      check(System.nanoTime() - waitStart < TIMEOUT.toNanos(), "planner did not start");
      Thread.sleep(50);
    }
    return new ActionReader(broker);
  }

  private void answer(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<AppKey, Action> action)
      throws Exception {
    Action value = action.value();
    ActionResult result =
        ActionResult.of(
            value,
            Outcome.CREATED,
            ResourceState.managed(Map.of()),
            null,
            CloudEventHeaders.id(action.headers()).orElseThrow(),
            clock.instant());
    send(
        producer,
        Topics.RESULTS,
        Records.producerRecord(
            Topics.RESULTS, value.app(), result, Sources.actuator(value.kind()), clock));
  }

  private static <V extends VersionedRecord> void send(
      KafkaProducer<byte[], byte[]> producer,
      Topic<AppKey, V> topic,
      ProducerRecord<AppKey, V> record) {
    producer.send(
        new ProducerRecord<>(
            topic.name(),
            null,
            record.timestamp(),
            topic.keySerde().serializer().serialize(topic.name(), record.key()),
            topic.valueSerde().serializer().serialize(topic.name(), record.value()),
            record.headers()));
  }

  private TestRecord<AppKey, ActionResult> result(Action action, Headers actionHeaders, String id) {
    ActionResult result =
        ActionResult.of(
            action,
            Outcome.CREATED,
            ResourceState.managed(Map.of()),
            null,
            CloudEventHeaders.id(actionHeaders).orElseThrow(),
            clock.instant());
    return new TestRecord<>(action.app(), result, headers(result, id), clock.instant());
  }

  private Headers headers(VersionedRecord value, String id) {
    return CloudEventHeaders.write(
        new RecordHeaders(),
        CloudEvent.of(id, RecordTypes.cloudEventType(value), "opstream/bench", clock.instant()));
  }

  private static <V> TestInputTopic<AppKey, V> input(
      TopologyTestDriver driver, Topic<AppKey, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** The actions emitted since the last call; everything else the driver captured is dropped. */
  private static List<TestRecord<AppKey, Action>> drain(
      TopologyTestDriver driver, List<TestOutputTopic<AppKey, Action>> actionTopics) {
    List<TestRecord<AppKey, Action>> actions = new ArrayList<>();
    for (TestOutputTopic<AppKey, Action> topic : actionTopics) {
      actions.addAll(topic.readRecordsToList());
    }
    for (String topic : driver.producedTopicNames()) {
      if (!topic.startsWith("opstream.actions.")) {
        driver
            .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList();
      }
    }
    return actions;
  }

  private static AppKey app(String cluster, int i) {
    return new AppKey(cluster, "ns-" + (i % 50), "app-" + i);
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, "5"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaBroker broker) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static void heap(Report report, String label) {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    report.figure(
        label + ": heap used after GC",
        (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0,
        "MiB");
  }

  private static long directorySize(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(PlannerBenchmark::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /**
   * Reads the action topics as an actuator does (read_committed), continuously on its own thread,
   * and measures for each action the time from the record that caused it (an action's timestamp is
   * that record's) to its arrival here.
   */
  private static final class ActionReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<ConsumerRecord<AppKey, Action>> arrived = new ArrayList<>();
    private final List<Double> latencies = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;
    private int taken;

    ActionReader(KafkaBroker broker) {
      consumer = consumer(broker);
      for (ActionKind kind : ActionKind.values()) {
        consumer.partitionsFor(kind.topic().name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .forEach(partitions::add);
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      poller = new Thread(this::poll, "bench-action-reader");
      poller.start();
    }

    private void poll() {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(20))) {
          long now = System.currentTimeMillis();
          AppKey key =
              Topics.ACTIONS_BUCKET.keySerde().deserializer().deserialize(raw.topic(), raw.key());
          Action action =
              Topics.ACTIONS_BUCKET
                  .valueSerde()
                  .deserializer()
                  .deserialize(raw.topic(), raw.value());
          synchronized (this) {
            latencies.add((double) (now - raw.timestamp()));
            arrived.add(
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
            notifyAll();
          }
        }
      }
    }

    /** Forgets the latencies measured so far. */
    synchronized void reset() {
      latencies.clear();
    }

    synchronized List<Double> latencies() {
      return List.copyOf(latencies);
    }

    /** The next {@code count} actions to arrive (after those already taken). */
    synchronized List<ConsumerRecord<AppKey, Action>> await(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (arrived.size() < taken + count) {
        long left = deadline - System.nanoTime();
        check(left > 0, "only " + (arrived.size() - taken) + " of " + count + " actions arrived");
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      List<ConsumerRecord<AppKey, Action>> next =
          List.copyOf(arrived.subList(taken, taken + count));
      taken += count;
      return next;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      poller.join();
      consumer.close();
    }
  }
}
