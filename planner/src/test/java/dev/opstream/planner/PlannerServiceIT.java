package dev.opstream.planner;

import static dev.opstream.topics.records.ActionType.DELETE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.DELETE_BUCKET;
import static dev.opstream.topics.records.ActionType.DELETE_REDIS;
import static dev.opstream.topics.records.ActionType.ENSURE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.ENSURE_BUCKET;
import static dev.opstream.topics.records.ActionType.ENSURE_REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.planner.core.PlannerInput;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.planner.core.StatusConditions;
import dev.opstream.planner.core.Step;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.VersionedRecord;
import dev.opstream.topics.serde.DeadLetter;
import dev.opstream.topics.serde.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real planner (Kafka Streams, exactly_once_v2) on a real broker, with hand-written results
 * standing in for the actuators. Topics are shared by every test of the JVM: each test uses its own
 * application id and its own app keys, and reads only those.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlannerServiceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int PARTITIONS = CatalogueConfig.local().partitions();

  @TempDir Path stateDir;

  private final JsonMapper json = Json.newMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Clock clock = Clock.systemUTC();
  private KafkaBroker broker;
  private KafkaProducer<byte[], byte[]> producer;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void topics(KafkaBroker broker) {
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
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    closeables.add(producer);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  @Test
  void plansAnAppsWholeLifeAndEveryActionIsReadOnceByActuators() throws Exception {
    AppKey app = new AppKey("it", "shop", "life-" + shortId());
    ActionLog actuator = log(true, app);
    PlannerService planner = start(PlannerListener.NONE);

    byte[] garbage = {'{', 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
    int partition = partitionOf(app);
    long dlqStart = endOffset(Topics.DLQ.name(), partition);
    producer
        .send(new ProducerRecord<>(Topics.DEPLOYMENTS.name(), partition, key(app), garbage))
        .get(30, TimeUnit.SECONDS);
    deploy(app, Map.of(Annotations.ENABLED, "true"));

    List<ConsumerRecord<AppKey, Action>> first = awaitActions(actuator, 2);
    assertThat(types(first)).containsExactlyInAnyOrder(ENSURE_BUCKET, ENSURE_REDIS);
    answer(find(first, ENSURE_BUCKET), Outcome.CREATED);
    answer(find(first, ENSURE_REDIS), Outcome.CREATED);
    ConsumerRecord<AppKey, Action> cronJob = awaitActions(actuator, 3).get(2);
    assertThat(cronJob.value().actionType()).isEqualTo(ENSURE_BACKUP_CRONJOB);
    answer(cronJob, Outcome.CREATED);
    awaitReady(planner, app, StatusConditions.CONVERGED);

    deploy(app, Map.of(Annotations.ENABLED, "false"));
    ConsumerRecord<AppKey, Action> deleteCronJob = awaitActions(actuator, 4).get(3);
    assertThat(deleteCronJob.value().actionType()).isEqualTo(DELETE_BACKUP_CRONJOB);
    answer(deleteCronJob, Outcome.DELETED);
    List<ConsumerRecord<AppKey, Action>> rest = awaitActions(actuator, 6).subList(4, 6);
    assertThat(types(rest)).containsExactlyInAnyOrder(DELETE_REDIS, DELETE_BUCKET);
    answer(find(rest, DELETE_REDIS), Outcome.DELETED);
    answer(find(rest, DELETE_BUCKET), Outcome.DELETED);
    awaitReady(planner, app, StatusConditions.TORN_DOWN);

    List<ConsumerRecord<AppKey, Action>> all = actuator.poll();
    assertThat(all).hasSize(6);
    assertThat(all.stream().map(r -> r.value().actionId() + "#" + r.value().attempt()))
        .as("read_committed: each action once")
        .doesNotHaveDuplicates();
    ConsumerRecord<byte[], byte[]> dead = readOne(Topics.DLQ.name(), partition, dlqStart);
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(DeadLetter.read(dead.headers()).orElseThrow().reason()).isEqualTo("NOT_JSON");
  }

  @Test
  void anAbortedTransactionsActionsAreNeverSeenByReadCommittedConsumers() throws Exception {
    AppKey app = new AppKey("it", "shop", "abort-" + shortId());
    ActionLog actuator = log(true, app);
    ActionLog snoop = log(false, app);
    CountDownLatch snoopSawThem = new CountDownLatch(1);
    AtomicBoolean crashed = new AtomicBoolean();
    PlannerListener crashOnce =
        new PlannerListener() {
          @Override
          public void onStep(AppKey key, PlannerInput input, Step step) {
            if (key.equals(app)
                && !step.decisions().actions().isEmpty()
                && crashed.compareAndSet(false, true)) {
              waitFor(snoopSawThem);
              throw new IllegalStateException("simulated crash after the actions were sent");
            }
          }
        };
    start(crashOnce);

    deploy(app, Map.of(Annotations.ENABLED, "true"));
    await().atMost(TIMEOUT).until(() -> snoop.poll().size() >= 2);
    snoopSawThem.countDown();

    List<ConsumerRecord<AppKey, Action>> committed = awaitActions(actuator, 2);
    await().atMost(TIMEOUT).until(() -> snoop.poll().size() >= 4);
    assertThat(crashed).isTrue();
    assertThat(types(committed)).containsExactlyInAnyOrder(ENSURE_BUCKET, ENSURE_REDIS);
    // Nothing more reaches the actuator: the aborted copies stay invisible.
    for (int i = 0; i < 10; i++) {
      actuator.poll();
    }
    assertThat(actuator.actions()).hasSize(2);
    Map<String, Long> copies =
        snoop.actions().stream()
            .collect(
                Collectors.groupingBy(
                    a -> a.actionType() + " " + a.actionId() + "#" + a.attempt(),
                    Collectors.counting()));
    assertThat(copies)
        .as("read_uncommitted sees the aborted copy and the committed one, with the same id")
        .hasSize(2)
        .allSatisfy((action, count) -> assertThat(count).isEqualTo(2L));
    assertThat(eventIds(snoop)).as("even the CloudEvents ids repeat").hasSize(2);
  }

  @Test
  void appsChangedDuringAGlobalPauseArePlannedAtOnceWhenThePlannerRestartsWithoutIt()
      throws Exception {
    String applicationId = "planner-it-pause-" + shortId();
    PlanningPolicy running = PlanningPolicy.defaults().withGracePeriod(Duration.ZERO);
    AppKey disabledDuringPause = new AppKey("it", "shop", "paused-off-" + shortId());
    AppKey enabledDuringPause = new AppKey("it", "shop", "paused-on-" + shortId());
    ActionLog actuator = log(true, disabledDuringPause, enabledDuringPause);

    PlannerService first = start(applicationId, running, PlannerListener.NONE);
    deploy(disabledDuringPause, Map.of(Annotations.ENABLED, "true"));
    List<ConsumerRecord<AppKey, Action>> ensures = awaitActions(actuator, 2);
    answer(find(ensures, ENSURE_BUCKET), Outcome.CREATED);
    answer(find(ensures, ENSURE_REDIS), Outcome.CREATED);
    answer(awaitActions(actuator, 3).get(2), Outcome.CREATED);
    awaitReady(first, disabledDuringPause, StatusConditions.CONVERGED);
    first.close();

    PlannerService paused = start(applicationId, running.withPauseAll(true), PlannerListener.NONE);
    deploy(disabledDuringPause, Map.of(Annotations.ENABLED, "false"));
    deploy(enabledDuringPause, Map.of(Annotations.ENABLED, "true"));
    awaitPaused(paused, disabledDuringPause);
    awaitPaused(paused, enabledDuringPause);
    assertThat(actuator.poll()).as("nothing is planned during the pause").hasSize(3);
    paused.close();

    // The drift interval is 15 minutes: only the restart can plan these within the timeout.
    PlannerService resumed = start(applicationId, running, PlannerListener.NONE);
    List<ConsumerRecord<AppKey, Action>> after = awaitActions(actuator, 6).subList(3, 6);
    assertThat(after)
        .extracting(r -> r.key() + " " + r.value().actionType())
        .containsExactlyInAnyOrder(
            disabledDuringPause + " " + DELETE_BACKUP_CRONJOB,
            enabledDuringPause + " " + ENSURE_BUCKET,
            enabledDuringPause + " " + ENSURE_REDIS);
    assertThat(resumed.running()).isTrue();
  }

  // ---- helpers ----

  private PlannerService start(PlannerListener listener) {
    return start(
        "planner-it-" + shortId(),
        PlanningPolicy.defaults().withGracePeriod(Duration.ZERO),
        listener);
  }

  private PlannerService start(
      String applicationId, PlanningPolicy policy, PlannerListener listener) {
    PlannerConfig config =
        new PlannerConfig(
            applicationId,
            broker.bootstrapServers(),
            stateDir,
            0,
            "127.0.0.1",
            Duration.ofMillis(200),
            policy,
            Map.of(
                "commit.interval.ms",
                "100",
                "num.stream.threads",
                "1",
                // A replaced stream thread's consumer does not leave the group: its partitions
                // move to the new thread once its session times out.
                "consumer.session.timeout.ms",
                "6000",
                "consumer.heartbeat.interval.ms",
                "1000"));
    PlannerService planner = PlannerService.start(config, listener);
    closeables.add(planner);
    await().atMost(TIMEOUT).until(planner::running);
    return planner;
  }

  private ActionLog log(boolean committedOnly, AppKey... apps) {
    ActionLog log = new ActionLog(broker.bootstrapServers(), committedOnly, Set.of(apps));
    closeables.add(log);
    return log;
  }

  private List<ConsumerRecord<AppKey, Action>> awaitActions(ActionLog log, int count) {
    await().atMost(TIMEOUT).until(() -> log.poll().size() >= count);
    return log.poll();
  }

  private void awaitPaused(PlannerService planner, AppKey app) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              AppStatus status = status(planner, app);
              assertThat(status.conditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.type()).isEqualTo(StatusConditions.PAUSED);
                        assertThat(c.reason()).isEqualTo(StatusConditions.PAUSED_BY_PLANNER);
                      });
            });
  }

  private AppStatus status(PlannerService planner, AppKey app) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + planner.httpPort() + "/status/" + app))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readValue(response.body(), AppStatus.class);
  }

  private void awaitReady(PlannerService planner, AppKey app, String reason) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:" + planner.httpPort() + "/status/" + app))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(response.statusCode()).isEqualTo(200);
              AppStatus status = json.readValue(response.body(), AppStatus.class);
              Condition ready =
                  status.conditions().stream()
                      .filter(c -> c.type().equals(Condition.READY))
                      .findFirst()
                      .orElseThrow();
              assertThat(ready.reason()).isEqualTo(reason);
            });
  }

  private void deploy(AppKey app, Map<String, String> annotations) throws Exception {
    DeploymentObserved observed =
        DeploymentObserved.of(
            app, "uid-" + app.name(), "rv-" + shortId(), 1, annotations, Map.of(), clock.instant());
    send(
        Topics.DEPLOYMENTS,
        Records.<AppKey, DeploymentEvent>producerRecord(
            Topics.DEPLOYMENTS, app, observed, Sources.watcher(app.cluster()), clock));
  }

  private void answer(ConsumerRecord<AppKey, Action> action, Outcome outcome) throws Exception {
    Action value = action.value();
    ResourceState seen =
        value.actionType().name().startsWith("DELETE")
            ? ResourceState.absent()
            : ResourceState.managed(Map.of());
    ActionResult result =
        ActionResult.of(
            value,
            outcome,
            seen,
            null,
            CloudEventHeaders.id(action.headers()).orElseThrow(),
            clock.instant());
    send(
        Topics.RESULTS,
        Records.producerRecord(
            Topics.RESULTS, value.app(), result, Sources.actuator(value.kind()), clock));
  }

  private <V extends VersionedRecord> void send(
      Topic<AppKey, V> topic, ProducerRecord<AppKey, V> record) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topic.name(),
                null,
                record.timestamp(),
                topic.keySerde().serializer().serialize(topic.name(), record.key()),
                topic.valueSerde().serializer().serialize(topic.name(), record.value()),
                record.headers()))
        .get(30, TimeUnit.SECONDS);
  }

  private long endOffset(String topic, int partition) {
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
      TopicPartition tp = new TopicPartition(topic, partition);
      return consumer.endOffsets(List.of(tp)).get(tp);
    }
  }

  private ConsumerRecord<byte[], byte[]> readOne(String topic, int partition, long from) {
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });
      return read.get(0);
    }
  }

  private KafkaConsumer<byte[], byte[]> rawConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static int partitionOf(AppKey app) {
    return Utils.toPositive(Utils.murmur2(key(app))) % PARTITIONS;
  }

  private static byte[] key(AppKey app) {
    return app.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<AppKey, Action> find(
      List<ConsumerRecord<AppKey, Action>> actions, ActionType type) {
    return actions.stream()
        .filter(r -> r.value().actionType() == type)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + types(actions)));
  }

  private static List<ActionType> types(List<ConsumerRecord<AppKey, Action>> actions) {
    return actions.stream().map(r -> r.value().actionType()).toList();
  }

  private static Set<String> eventIds(ActionLog log) {
    return log.poll().stream()
        .map(r -> CloudEventHeaders.id(r.headers()).orElseThrow())
        .collect(Collectors.toSet());
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
