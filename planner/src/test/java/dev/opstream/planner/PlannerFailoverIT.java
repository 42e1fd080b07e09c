package dev.opstream.planner;

import static dev.opstream.topics.records.ActionType.ENSURE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.ENSURE_BUCKET;
import static dev.opstream.topics.records.ActionType.ENSURE_REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.planner.core.PlanningPolicy;
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
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.VersionedRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one planner (same application id) on the real broker, one of them in a JVM of
 * its own that is killed with SIGKILL while deployments and results stream in. The other takes over
 * its partitions; an actuator reading with {@code read_committed} sees every expected action once
 * and no action twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlannerFailoverIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int PARTITIONS = CatalogueConfig.local().partitions();
  private static final int APPS = 48;
  private static final Map<String, String> FAST_FAILOVER =
      Map.of(
          "commit.interval.ms", "100",
          "num.stream.threads", "1",
          // A killed instance leaves the group only when its session times out.
          "consumer.session.timeout.ms", "6000",
          "consumer.heartbeat.interval.ms", "1000");

  @TempDir Path dir;

  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private KafkaBroker broker;
  private KafkaProducer<byte[], byte[]> producer;
  private Process child;

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
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  @Test
  void aKilledInstancesPartitionsAreTakenOverWithNoActionLostAndNoneDuplicated() throws Exception {
    String applicationId = "planner-failover-" + shortId();
    List<AppKey> apps = new ArrayList<>();
    for (int i = 0; i < APPS; i++) {
      apps.add(new AppKey("failover", "shop", "app-" + i + "-" + shortId()));
    }
    ActionLog actuator = new ActionLog(broker.bootstrapServers(), true, Set.copyOf(apps));
    closeables.add(actuator);

    int childPort = startChild(applicationId);
    PlannerService survivor = startInProcess(applicationId);
    Set<Integer> childPartitions = awaitBothOwnPartitions(survivor, childPort);

    // Stream the deployments in and answer every action as an actuator would; kill the child once
    // a third of the apps are deployed and it has emitted actions of its own.
    Set<String> answered = new HashSet<>();
    Set<Integer> partitionsAnsweredBeforeKill = new HashSet<>();
    int deployed = 0;
    int deployedAtKill = -1;
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      // Two thirds of the apps at most until the kill, so that it falls mid-stream.
      if (deployed < APPS && (deployedAtKill >= 0 || deployed < APPS * 2 / 3)) {
        deploy(apps.get(deployed++));
      }
      List<ConsumerRecord<AppKey, Action>> seen = actuator.poll();
      for (ConsumerRecord<AppKey, Action> record : seen) {
        Action action = record.value();
        if (answered.add(action.actionId() + "#" + action.attempt())) {
          answer(record);
          if (deployedAtKill < 0) {
            partitionsAnsweredBeforeKill.add(record.partition());
          }
        }
      }
      boolean childHasWorked =
          partitionsAnsweredBeforeKill.stream().anyMatch(childPartitions::contains);
      if (deployedAtKill < 0 && deployed >= APPS / 3 && childHasWorked) {
        child.destroyForcibly();
        deployedAtKill = deployed;
      }
      if (deployed == APPS && cronJobsEnsured(seen).containsAll(apps)) {
        break;
      }
      assertThat(System.nanoTime())
          .as(
              "every app converges in time (%s of %s deployed, %s actions seen)",
              deployed, APPS, seen.size())
          .isLessThan(deadline);
    }

    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ownedPartitions(survivor, survivor.httpPort()))
                    .as("the survivor owns every partition")
                    .hasSize(PARTITIONS));

    List<ConsumerRecord<AppKey, Action>> all = actuator.poll();
    Map<AppKey, List<Action>> byApp =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
    assertThat(byApp).as("every app got its actions").hasSize(APPS);
    for (AppKey app : apps) {
      List<Action> actions = byApp.get(app);
      assertThat(actions.stream().map(Action::actionType))
          .as("%s: bucket, Redis and CronJob ensured, each exactly once", app)
          .containsExactlyInAnyOrder(ENSURE_BUCKET, ENSURE_REDIS, ENSURE_BACKUP_CRONJOB);
      assertThat(actions).allSatisfy(action -> assertThat(action.attempt()).isEqualTo(1));
    }
    assertThat(all.stream().map(r -> r.value().actionId()))
        .as("read_committed: no action twice")
        .doesNotHaveDuplicates();
    Set<AppKey> takenOver =
        apps.subList(deployedAtKill, APPS).stream()
            .filter(app -> childPartitions.contains(partitionOf(app)))
            .collect(Collectors.toSet());
    assertThat(takenOver)
        .as("apps of the child's partitions deployed after the kill were planned by the survivor")
        .isNotEmpty();
  }

  // ---- the two instances ----

  private int startChild(String applicationId) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put(PlannerConfig.ENV_APPLICATION_ID, applicationId);
    env.put(PlannerConfig.ENV_BOOTSTRAP_SERVERS, broker.bootstrapServers());
    env.put(PlannerConfig.ENV_STATE_DIR, dir.resolve("child-state").toString());
    env.put(PlannerConfig.ENV_HTTP_PORT, "0");
    env.put(PlannerConfig.ENV_ADVERTISED_HOST, "127.0.0.1");
    env.put(PlannerConfig.ENV_GRACE_PERIOD, "PT0S");
    env.put(PlannerConfig.ENV_TIMER_TICK, "PT0.2S");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(classPath());
    command.add(PlannerChild.class.getName());
    FAST_FAILOVER.forEach((key, value) -> command.add(key + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path log = dir.resolve("child.log");
    builder.redirectError(log.toFile());
    child = builder.start();
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("RUNNING ")) {
                    return Integer.parseInt(line.substring("RUNNING ".length()).trim());
                  }
                }
                throw new IllegalStateException("the child planner ended before it ran");
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      return port.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(
          "the child planner did not start; its log:\n" + Files.readString(log), e);
    }
  }

  private PlannerService startInProcess(String applicationId) {
    PlannerConfig config =
        new PlannerConfig(
            applicationId,
            broker.bootstrapServers(),
            dir.resolve("survivor-state"),
            0,
            "127.0.0.1",
            Duration.ofMillis(200),
            PlanningPolicy.defaults().withGracePeriod(Duration.ZERO),
            FAST_FAILOVER);
    PlannerService planner = PlannerService.start(config);
    closeables.add(planner);
    return planner;
  }

  /** Waits until both instances run with partitions of their own; returns the child's. */
  private Set<Integer> awaitBothOwnPartitions(PlannerService survivor, int childPort) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(survivor.running()).isTrue();
              assertThat(ownedPartitions(survivor, survivor.httpPort())).isNotEmpty();
              assertThat(ownedPartitions(survivor, childPort)).isNotEmpty();
              Set<Integer> both = new HashSet<>(ownedPartitions(survivor, survivor.httpPort()));
              both.addAll(ownedPartitions(survivor, childPort));
              assertThat(both).hasSize(PARTITIONS);
            });
    return ownedPartitions(survivor, childPort);
  }

  /** The partitions of opstream.deployments that the instance on {@code port} owns. */
  private static Set<Integer> ownedPartitions(PlannerService planner, int port) {
    Set<Integer> owned = new LinkedHashSet<>();
    for (StreamsMetadata metadata : planner.streams().metadataForAllStreamsClients()) {
      if (metadata.hostInfo().port() != port) {
        continue;
      }
      metadata.topicPartitions().stream()
          .filter(tp -> tp.topic().equals(Topics.DEPLOYMENTS.name()))
          .forEach(tp -> owned.add(tp.partition()));
    }
    return owned;
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  // ---- the world around the planner ----

  private static Set<AppKey> cronJobsEnsured(List<ConsumerRecord<AppKey, Action>> seen) {
    return seen.stream()
        .filter(r -> r.value().actionType() == ENSURE_BACKUP_CRONJOB)
        .map(ConsumerRecord::key)
        .collect(Collectors.toSet());
  }

  private void deploy(AppKey app) throws Exception {
    DeploymentObserved observed =
        DeploymentObserved.of(
            app,
            "uid-" + app.name(),
            "rv-1",
            1,
            Map.of(Annotations.ENABLED, "true"),
            Map.of(),
            clock.instant());
    send(
        Topics.DEPLOYMENTS,
        Records.<AppKey, DeploymentEvent>producerRecord(
            Topics.DEPLOYMENTS, app, observed, Sources.watcher(app.cluster()), clock));
  }

  private void answer(ConsumerRecord<AppKey, Action> record) throws Exception {
    Action action = record.value();
    ActionResult result =
        ActionResult.of(
            action,
            Outcome.CREATED,
            ResourceState.managed(Map.of()),
            null,
            CloudEventHeaders.id(record.headers()).orElseThrow(),
            clock.instant());
    send(
        Topics.RESULTS,
        Records.producerRecord(
            Topics.RESULTS, action.app(), result, Sources.actuator(action.kind()), clock));
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

  private static int partitionOf(AppKey app) {
    return Utils.toPositive(Utils.murmur2(app.toString().getBytes(StandardCharsets.UTF_8)))
        % PARTITIONS;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
