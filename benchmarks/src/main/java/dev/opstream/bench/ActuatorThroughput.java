package dev.opstream.bench;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorRunner;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.actuator.runner.FaultHook;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.actuator.runner.RunnerTopics;
import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.support.TempDirs;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Actions per second of each actuator kind through the real runner, at concurrency 1, 4 and 16,
 * against the local stack (Kafka, S3Proxy, Kubernetes API servers in this JVM).
 *
 * <p>Each phase sends one action per app at once (200 apps for bucket and cronjob, 100 for redis,
 * whose Helm calls take up to a second: see each {@link ActuatorWorkload#apps()}) and waits for all
 * their results. Per-action latency is the handler's own run time. The efficiency is the ideal time
 * (the sum of the latencies divided by the concurrency: every slot always busy) divided by the
 * measured time from the first send to the last result; it shows how well the runner keeps its
 * slots busy, while the latencies show what concurrency costs the handler on this machine.
 */
final class ActuatorThroughput implements Benchmark {

  private static final int PARTITIONS = 12;
  private static final int[] CONCURRENCY = {1, 4, 16};
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);

  /** Every kind measured, in this order. */
  private static final List<Supplier<ActuatorWorkload>> WORKLOADS =
      List.of(BucketWorkload::new, RedisWorkload::new, CronJobWorkload::new);

  @Override
  public String name() {
    return "actuators";
  }

  @Override
  public void run(Report report) throws Exception {
    Path data = TempDirs.create("opstream-bench-actuators-");
    try (LocalStack stack = LocalStack.start(new LocalStack.Options(data, List.of("local")));
        Admin admin = Admin.create(kafka(stack))) {
      for (Supplier<ActuatorWorkload> supplier : WORKLOADS) {
        try (ActuatorWorkload workload = supplier.get()) {
          measure(stack, admin, workload, 4, workload.warmUpApps(), null);
          for (int concurrency : CONCURRENCY) {
            measure(stack, admin, workload, concurrency, workload.apps(), report);
          }
        }
      }
    } finally {
      TempDirs.deleteRecursively(data);
    }
  }

  /** One run: a runner at {@code concurrency} on topics of its own, every phase in turn. */
  private void measure(
      LocalStack stack,
      Admin admin,
      ActuatorWorkload workload,
      int concurrency,
      int apps,
      Report report)
      throws Exception {
    ActionKind kind = workload.kind();
    String kindName = kind.name().toLowerCase(Locale.ROOT);
    String runId =
        kindName + "-c" + concurrency + "-" + UUID.randomUUID().toString().substring(0, 6);
    RunnerTopics topics = createTopics(admin, kind, runId);
    TimedHandler handler = new TimedHandler(workload.handler(stack));
    RunnerConfig config =
        RunnerConfig.defaults(kind, kafka(stack))
            .withTopics(topics)
            .withGroupId("bench-" + runId)
            .withConcurrency(concurrency);
    long starting = System.nanoTime();
    PrometheusRegistry registry = new PrometheusRegistry();
    try (ActuatorRunner runner =
            ActuatorRunner.start(config, handler, registry, FaultHook.NONE, Clock.systemUTC());
        KafkaProducer<AppKey, Action> producer =
            new KafkaProducer<>(
                plannerProducer(stack),
                topics.actions().keySerde().serializer(),
                topics.actions().valueSerde().serializer());
        KafkaConsumer<AppKey, ActionResult> results =
            new KafkaConsumer<>(
                kafka(stack),
                topics.results().keySerde().deserializer(),
                topics.results().valueSerde().deserializer())) {
      List<TopicPartition> resultPartitions =
          IntStream.range(0, PARTITIONS)
              .mapToObj(partition -> new TopicPartition(topics.results().name(), partition))
              .toList();
      results.assign(resultPartitions);
      results.seekToBeginning(resultPartitions);
      while (!runner.isReady()) {
        Thread.sleep(10);
      }
      double readyMs = (System.nanoTime() - starting) / 1e6;
      if (report != null) {
        report.figure(kindName + " c=" + concurrency + " runner start to ready", readyMs, "ms");
        report.figure(kindName + " c=" + concurrency + " load average (1 min)", loadAverage(), "");
      }
      for (ActuatorWorkload.Phase phase : workload.phases(runId, apps)) {
        handler.reset();
        double[] runnerBefore = runnerTimes(registry);
        long started = System.nanoTime();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Action action : phase.actions()) {
          sent.add(
              producer.send(
                  Records.producerRecord(
                      topics.actions(),
                      action.app(),
                      action,
                      Sources.planner(),
                      Clock.systemUTC())));
        }
        for (Future<RecordMetadata> send : sent) {
          send.get();
        }
        Map<Outcome, Integer> outcomes = awaitResults(results, phase.actions().size());
        double elapsedMs = (System.nanoTime() - started) / 1e6;
        double[] runnerAfter = runnerTimes(registry);
        double runnerMeanMs =
            1000 * (runnerAfter[0] - runnerBefore[0]) / (runnerAfter[1] - runnerBefore[1]);
        if (report != null) {
          report(
              report,
              kindName,
              phase.name(),
              concurrency,
              elapsedMs,
              handler,
              runnerMeanMs,
              outcomes);
        }
      }
    } finally {
      admin
          .deleteTopics(
              List.of(
                  topics.actions().name(), topics.results().name(), topics.deadLetters().name()))
          .all()
          .get();
    }
  }

  private static void report(
      Report report,
      String kind,
      String phase,
      int concurrency,
      double elapsedMs,
      TimedHandler handler,
      double runnerMeanMs,
      Map<Outcome, Integer> outcomes) {
    String name = kind + " " + phase + " c=" + concurrency;
    List<Double> latencies = handler.latenciesMs();
    double busyMs = latencies.stream().mapToDouble(Double::doubleValue).sum();
    double idealMs = busyMs / concurrency;
    report.figure(name + " throughput", latencies.size() / (elapsedMs / 1000), "actions/s");
    report.percentiles(name + " latency", latencies, "ms");
    report.figure(name + " efficiency", 100 * idealMs / elapsedMs, "% (ideal/measured)");
    report.figure(
        name + " handler+result mean",
        runnerMeanMs,
        "ms (handler mean " + String.format(Locale.ROOT, "%.1f", busyMs / latencies.size()) + ")");
    report.note(name + " outcomes: " + outcomes);
  }

  /** The runner's own action duration histogram (handler plus result publication): sum, count. */
  private static double[] runnerTimes(PrometheusRegistry registry) {
    return registry.scrape().stream()
        .filter(snapshot -> snapshot instanceof HistogramSnapshot)
        .map(snapshot -> (HistogramSnapshot) snapshot)
        .filter(
            snapshot ->
                snapshot.getMetadata().getName().startsWith("opstream_actuator_action_duration"))
        .flatMap(snapshot -> snapshot.getDataPoints().stream())
        .map(point -> new double[] {point.getSum(), point.getCount()})
        .findFirst()
        .orElse(new double[] {0, 0});
  }

  private static Map<Outcome, Integer> awaitResults(
      KafkaConsumer<AppKey, ActionResult> results, int expected) {
    Map<Outcome, Integer> outcomes = new TreeMap<>();
    int seen = 0;
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (seen < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + seen + " of " + expected + " results within " + PHASE_TIMEOUT);
      }
      for (ConsumerRecord<AppKey, ActionResult> record : results.poll(Duration.ofMillis(5))) {
        outcomes.merge(record.value().outcome(), 1, Integer::sum);
        seen++;
      }
    }
    return outcomes;
  }

  private static RunnerTopics createTopics(Admin admin, ActionKind kind, String runId)
      throws Exception {
    String prefix = "bench-" + runId;
    Topic<AppKey, Action> actions = Topics.actions(kind);
    RunnerTopics topics =
        new RunnerTopics(
            new Topic<>(prefix + ".actions", actions.keySerde(), actions.valueSerde()),
            new Topic<>(
                prefix + ".results", Topics.RESULTS.keySerde(), Topics.RESULTS.valueSerde()),
            new Topic<>(prefix + ".dlq", Topics.DLQ.keySerde(), Topics.DLQ.valueSerde()));
    admin
        .createTopics(
            List.of(
                new NewTopic(topics.actions().name(), PARTITIONS, (short) 1),
                new NewTopic(topics.results().name(), PARTITIONS, (short) 1),
                new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
        .all()
        .get();
    return topics;
  }

  /**
   * The planner stand-in: one request in flight, so a request that times out on this loaded machine
   * is never overtaken by a later one (which the idempotent producer reports as out of order).
   */
  private static Map<String, Object> plannerProducer(LocalStack stack) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.kafka().bootstrapServers(),
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        1,
        ProducerConfig.LINGER_MS_CONFIG,
        5);
  }

  /** The machine's 1-minute load average: the cores are shared, so figures depend on it. */
  private static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  private static Map<String, Object> kafka(LocalStack stack) {
    return Map.of("bootstrap.servers", stack.kafka().bootstrapServers());
  }

  /** Measures the wrapped handler's own run time per action. */
  private static final class TimedHandler implements ActionHandler {

    private final ActionHandler handler;
    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    TimedHandler(ActionHandler handler) {
      this.handler = handler;
    }

    @Override
    public ActionKind kind() {
      return handler.kind();
    }

    @Override
    public Effect handle(Action action) {
      long started = System.nanoTime();
      try {
        return handler.handle(action);
      } finally {
        nanos.add(System.nanoTime() - started);
      }
    }

    void reset() {
      nanos.clear();
    }

    List<Double> latenciesMs() {
      return nanos.stream().map(value -> value / 1e6).toList();
    }
  }
}
