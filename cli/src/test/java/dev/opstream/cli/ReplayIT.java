package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.support.TempDirs;
import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.PlannerService;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.replay.chain.Chain;
import dev.opstream.replay.chain.Hop;
import dev.opstream.replay.plan.PlanDifference;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
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
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.VersionedRecord;
import dev.opstream.topics.serde.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scenario run through the real planner (Kafka Streams, exactly_once_v2) on the real broker: one
 * app enabled and then changed, one enabled whose Redis fails once and is retried, then disabled
 * and torn down after a 3 s grace period. The test itself answers every action as an actuator would
 * (result with {@code causedBy} = the action's {@code ce_id}); real actuators are not run here.
 * Then {@code opstream replay} must rebuild each app's chains exactly as written out below by hand,
 * and {@code opstream replay --plan} must find no difference with the unchanged planner and exactly
 * the torn-down app with a longer grace period.
 *
 * <p>It runs on a broker of its own: the scenario's actions must not stay on the JVM's shared
 * broker, where a later test's actuator (reading from the earliest offset) would run them.
 */
class ReplayIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GRACE = Duration.ofSeconds(3);
  private static final JsonMapper JSON = Json.newMapper();

  private static final String CLUSTER = "rp-" + UUID.randomUUID().toString().substring(0, 8);
  private static final AppKey CART = new AppKey(CLUSTER, "shop", "cart");
  private static final AppKey LEGACY = new AppKey(CLUSTER, "shop", "legacy");

  private static KafkaBroker broker;
  private static Path brokerDir;
  private static final Clock CLOCK = Clock.systemUTC();
  private static Instant scenarioStart;
  private static Instant scenarioEnd;

  @BeforeAll
  static void runScenario() throws Exception {
    brokerDir = TempDirs.create("replay-it-kafka-");
    broker = KafkaBroker.start(brokerDir);
    try (Admin admin = admin()) {
      assertThat(
              new TopicAdmin(admin, TIMEOUT)
                  .create(TopicCatalogue.of(CatalogueConfig.local()))
                  .matchesCatalogue())
          .isTrue();
    }
    Path state = Files.createTempDirectory("replay-it-planner");
    PlannerConfig config =
        new PlannerConfig(
            "replay-it-" + CLUSTER,
            broker.bootstrapServers(),
            state,
            0,
            "127.0.0.1",
            Duration.ofMillis(200),
            PlanningPolicy.defaults().withGracePeriod(GRACE),
            Map.of("commit.interval.ms", "100", "num.stream.threads", "1"));
    try (Actuator actuator = new Actuator();
        PlannerService planner = PlannerService.start(config)) {
      await().atMost(TIMEOUT).until(planner::running);
      scenarioStart = CLOCK.instant();

      // cart: enabled, converges, then its Redis memory changes.
      actuator.observe(CART, Map.of(Annotations.ENABLED, "true"));
      actuator.answer(actuator.next(CART, ActionType.ENSURE_BUCKET), Outcome.CREATED);
      actuator.answer(actuator.next(CART, ActionType.ENSURE_REDIS), Outcome.CREATED);
      actuator.answer(actuator.next(CART, ActionType.ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
      actuator.observe(
          CART, Map.of(Annotations.ENABLED, "true", Annotations.REDIS_MEMORY, "512Mi"));
      actuator.answer(actuator.next(CART, ActionType.ENSURE_REDIS), Outcome.UPDATED);

      // legacy: enabled, Redis fails once (retryable) and is retried, then it is disabled.
      actuator.observe(LEGACY, Map.of(Annotations.ENABLED, "true"));
      actuator.answer(actuator.next(LEGACY, ActionType.ENSURE_BUCKET), Outcome.CREATED);
      actuator.answer(actuator.next(LEGACY, ActionType.ENSURE_REDIS), Outcome.FAILED_RETRYABLE);
      Action retry = actuator.next(LEGACY, ActionType.ENSURE_REDIS);
      assertThat(retry.attempt()).isEqualTo(2);
      actuator.answer(retry, Outcome.CREATED);
      actuator.answer(actuator.next(LEGACY, ActionType.ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
      actuator.observe(LEGACY, Map.of(Annotations.ENABLED, "false"));
      actuator.answer(actuator.next(LEGACY, ActionType.DELETE_BACKUP_CRONJOB), Outcome.DELETED);
      actuator.answer(actuator.next(LEGACY, ActionType.DELETE_REDIS), Outcome.DELETED);
      actuator.answer(actuator.next(LEGACY, ActionType.DELETE_BUCKET), Outcome.DELETED);
      scenarioEnd = CLOCK.instant().plusMillis(1);
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (brokerDir != null) {
      TempDirs.deleteRecursively(brokerDir);
    }
  }

  @Test
  void replayRebuildsEachAppsChainFromObservedChangeToResultIncludingTheDeletionsCause()
      throws Exception {
    Run run = run("replay", "--cluster", CLUSTER, "--output", "json", "-b", bootstrap());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    List<Chain> chains = chains(run.out());
    assertThat(outline(chains, CART))
        .containsExactly(
            List.of(
                "OBSERVED first seen: opstream.dev/enabled=\"true\"",
                "ACTION EnsureBucket #1",
                "ACTION EnsureRedis #1",
                "RESULT CREATED",
                "RESULT CREATED",
                "ACTION EnsureBackupCronJob #1",
                "RESULT CREATED"),
            List.of(
                "OBSERVED opstream.dev/redis-memory: (none) → \"512Mi\"",
                "ACTION EnsureRedis #1",
                "RESULT UPDATED"));
    assertThat(outline(chains, LEGACY))
        .containsExactly(
            List.of(
                "OBSERVED first seen: opstream.dev/enabled=\"true\"",
                "ACTION EnsureBucket #1",
                "ACTION EnsureRedis #1",
                "RESULT CREATED",
                "RESULT FAILED_RETRYABLE",
                "TIMER RETRY",
                "ACTION EnsureRedis #2",
                "RESULT CREATED",
                "ACTION EnsureBackupCronJob #1",
                "RESULT CREATED"),
            List.of(
                "OBSERVED opstream.dev/enabled: \"true\" → \"false\"",
                "ACTION DeleteBackupCronJob #1",
                "RESULT DELETED",
                "ACTION DeleteRedis #1",
                "RESULT DELETED",
                "TIMER GRACE_PERIOD",
                "ACTION DeleteBucket #1",
                "RESULT DELETED"));
  }

  @Test
  void everyHopNamesItsCauseAndItsLatencyFromIt() throws Exception {
    List<Chain> chains =
        chains(run("replay", "--app", LEGACY.toString(), "-o", "json", "-b", bootstrap()).out());

    Chain teardown = chains.get(1);
    for (Hop hop : teardown.hops()) {
      assertThat(hop.latencyMillis()).as(hop.what()).isGreaterThanOrEqualTo(0);
      assertThat(hop.causedBy()).as(hop.what()).isNotBlank();
    }
    Hop grace = teardown.hops().get(4);
    assertThat(grace.causedBy())
        .as("the grace timer follows from the observed change that started the teardown")
        .isEqualTo(teardown.cause().eventId());
    assertThat(grace.latencyMillis()).isGreaterThanOrEqualTo(GRACE.toMillis());
    Hop deleteBucket = teardown.hops().get(5);
    assertThat(deleteBucket.causedBy()).isEqualTo(grace.eventId());
    assertThat(deleteBucket.detail()).contains("grace period");
  }

  @Test
  void oneAppAndATimeRangeSelectOnlyThatAppsChainsInsideTheRange() throws Exception {
    Run all = run("replay", "--app", CART.toString(), "-o", "json", "-b", bootstrap());
    List<Chain> chains = chains(all.out());
    assertThat(chains).extracting(Chain::app).containsOnly(CART).hasSize(2);

    Instant change = chains.get(1).cause().at();
    Run later =
        run(
            "replay",
            "--app",
            CART.toString(),
            "--from",
            change.toString(),
            "--to",
            scenarioEnd.toString(),
            "-o",
            "json",
            "-b",
            bootstrap());
    assertThat(outline(chains(later.out()), CART))
        .containsExactly(
            List.of(
                "OBSERVED first seen: opstream.dev/enabled=\"true\", opstream.dev/redis-memory=\"512Mi\"",
                "ACTION EnsureRedis #1",
                "RESULT UPDATED"));
  }

  @Test
  void theTableShowsTheUserVisibleChangeBeforeTheDeletion() {
    Run run = run("replay", "--app", LEGACY.toString(), "-b", bootstrap());

    assertThat(run.out()).contains(LEGACY.toString());
    String table = run.out();
    int change = table.indexOf("opstream.dev/enabled: \"true\" → \"false\"");
    int deletion = table.indexOf("DeleteBucket #1");
    assertThat(change).isPositive();
    assertThat(deletion).isGreaterThan(change);
    assertThat(table).containsPattern("timer +GRACE_PERIOD: due ");
  }

  @Test
  void replayJoinsNoConsumerGroupAndCommitsNothing() throws Exception {
    Set<String> before = groups();

    run("replay", "--cluster", CLUSTER, "-o", "json", "-b", bootstrap());
    run("replay", "--plan", "--cluster", CLUSTER, "--grace-period", "PT3S", "-b", bootstrap());

    assertThat(groups()).isEqualTo(before);
  }

  @Test
  void shadowPlanningWithTheUnchangedPlannerReportsNoDifference() {
    Run run =
        run(
            "replay",
            "--plan",
            "--cluster",
            CLUSTER,
            "--grace-period",
            GRACE.toString(),
            "--from",
            scenarioStart.toString(),
            "-o",
            "json",
            "-b",
            bootstrap());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("11 recorded and 11 shadow actions").contains("no difference");
  }

  @Test
  void shadowPlanningWithALongerGracePeriodReportsExactlyTheTornDownApp() throws Exception {
    Run run =
        run(
            "replay",
            "--plan",
            "--cluster",
            CLUSTER,
            "--grace-period",
            "PT1H",
            "-o",
            "json",
            "-b",
            bootstrap());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    List<PlanDifference> differences = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      differences.add(JSON.readValue(line, PlanDifference.class));
    }
    assertThat(differences).extracting(PlanDifference::app).containsExactly(LEGACY);
    assertThat(differences.get(0).onlyRecorded())
        .extracting(a -> a.type() + " #" + a.attempt())
        .containsExactly("DeleteBucket #1");
    assertThat(differences.get(0).onlyShadow()).isEmpty();
  }

  // ---- helpers ----

  /** Each chain of {@code app} as its cause and its hops, in words: what the test spells out. */
  private static List<List<String>> outline(List<Chain> chains, AppKey app) {
    return chains.stream()
        .filter(chain -> chain.app().equals(app))
        .map(
            chain -> {
              List<String> lines = new ArrayList<>();
              lines.add(chain.cause().type() + " " + chain.cause().detail());
              chain.hops().forEach(hop -> lines.add(hop.type() + " " + hop.what()));
              return lines;
            })
        .toList();
  }

  private static List<Chain> chains(String jsonLines) throws Exception {
    List<Chain> chains = new ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      if (!line.isBlank()) {
        chains.add(JSON.readValue(line, Chain.class));
      }
    }
    return chains;
  }

  private static Set<String> groups() throws Exception {
    try (Admin admin = admin()) {
      return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
          .map(GroupListing::groupId)
          .collect(Collectors.toSet());
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static String bootstrap() {
    return broker.bootstrapServers();
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = OpstreamCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}

  /**
   * Plays the watcher (observed Deployments) and the actuators (results), reading actions with
   * read_committed from where the topics ended when it started.
   */
  private static final class Actuator implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    private final KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    private final List<ConsumerRecord<AppKey, Action>> unread = new ArrayList<>();
    private final Map<String, String> eventIds = new java.util.HashMap<>();

    Actuator() {
      List<TopicPartition> partitions = new ArrayList<>();
      for (ActionKind kind : ActionKind.values()) {
        consumer
            .partitionsFor(kind.topic().name())
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }

    void observe(AppKey app, Map<String, String> annotations) throws Exception {
      DeploymentObserved observed =
          DeploymentObserved.of(
              app,
              "uid-" + app.name(),
              "rv-" + UUID.randomUUID(),
              1,
              annotations,
              Map.of(),
              CLOCK.instant());
      send(
          Topics.DEPLOYMENTS,
          Records.<AppKey, DeploymentEvent>producerRecord(
              Topics.DEPLOYMENTS, app, observed, Sources.watcher(app.cluster()), CLOCK));
    }

    /** The next action of {@code type} for {@code app}, waiting for it. */
    Action next(AppKey app, ActionType type) {
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(100))) {
                  Topic<AppKey, Action> topic = Topics.ACTIONS_BUCKET;
                  Action action =
                      topic.valueSerde().deserializer().deserialize(raw.topic(), raw.value());
                  eventIds.put(
                      action.actionId() + "#" + action.attempt(),
                      CloudEventHeaders.id(raw.headers()).orElseThrow());
                  unread.add(
                      new ConsumerRecord<>(
                          raw.topic(), raw.partition(), raw.offset(), action.app(), action));
                }
                return unread.stream()
                    .anyMatch(r -> r.key().equals(app) && r.value().actionType() == type);
              });
      ConsumerRecord<AppKey, Action> found =
          unread.stream()
              .filter(r -> r.key().equals(app) && r.value().actionType() == type)
              .findFirst()
              .orElseThrow();
      unread.remove(found);
      return found.value();
    }

    void answer(Action action, Outcome outcome) throws Exception {
      ResourceState seen =
          !outcome.succeeded()
              ? null
              : action.actionType().name().startsWith("DELETE")
                  ? ResourceState.absent()
                  : ResourceState.managed(Map.of());
      ActionResult result =
          ActionResult.of(
              action,
              outcome,
              seen,
              outcome.succeeded() ? null : "simulated " + outcome,
              eventIds.get(action.actionId() + "#" + action.attempt()),
              CLOCK.instant());
      send(
          Topics.RESULTS,
          Records.producerRecord(
              Topics.RESULTS, action.app(), result, Sources.actuator(action.kind()), CLOCK));
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

    @Override
    public void close() {
      producer.close();
      consumer.close();
    }
  }
}
