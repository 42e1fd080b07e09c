package dev.opstream.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.planner.core.DeletionGuard;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.topics.serde.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mass-deletion guard on the real broker, over every partition of {@code opstream.deployments}:
 * snapshots written as the watcher writes them (a chunk to each partition), counted on the
 * planner's deletion-guard topic, decided once for the whole scope.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeletionGuardIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int PARTITIONS = CatalogueConfig.local().partitions();
  private static final int APPS = 24;

  @TempDir Path stateDir;

  private final JsonMapper json = Json.newMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private KafkaBroker broker;
  private KafkaProducer<byte[], byte[]> producer;

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
  void aSnapshotIsJudgedOverItsWholeScopeAcrossEveryPartition() throws Exception {
    String cluster = "guard-" + shortId();
    // Three apps that are all of their partition's, and 21 in the other partitions.
    List<AppKey> apps = new ArrayList<>();
    Set<AppKey> gone = new HashSet<>();
    int goneFrom = -1;
    for (int i = 0; apps.size() < APPS; i++) {
      AppKey app = new AppKey(cluster, "shop", "app-" + i);
      if (goneFrom < 0) {
        goneFrom = partitionOf(app);
      }
      boolean there = partitionOf(app) == goneFrom;
      if (there && gone.size() < 3) {
        gone.add(app);
        apps.add(app);
      } else if (!there && apps.size() - gone.size() < APPS - 3) {
        apps.add(app);
      }
    }
    ActionLog actuator = new ActionLog(broker.bootstrapServers(), true, Set.copyOf(apps));
    closeables.add(actuator);
    PlannerService planner = start();
    for (AppKey app : apps) {
      deploy(app);
    }
    await().atMost(TIMEOUT).until(() -> actuator.poll().size() >= 2 * APPS);

    // Partition by partition, one loses all its apps (3 of 3); the scope loses 3 of 24.
    List<AppKey> listed = apps.stream().filter(app -> !gone.contains(app)).toList();
    snapshot(cluster, "s-1", listed);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(deletedApps(actuator))
                    .as("the apps missing from the snapshot are torn down")
                    .isEqualTo(gone));

    // Then a snapshot that lists nothing: every partition loses all of its apps. Held.
    snapshot(cluster, "s-2", List.of());
    for (AppKey app : listed) {
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(status(planner, app).conditions())
                      .anySatisfy(
                          condition -> {
                            assertThat(condition.type()).isEqualTo(Condition.DELETION_HELD);
                            assertThat(condition.message())
                                .contains(
                                    (APPS - gone.size())
                                        + " of the "
                                        + (APPS - gone.size())
                                        + " apps",
                                    "all " + PARTITIONS + " partitions");
                          }));
    }
    assertThat(deletedApps(actuator)).as("nothing more is deleted").isEqualTo(gone);
  }

  private Set<AppKey> deletedApps(ActionLog actuator) {
    return actuator.poll().stream()
        .filter(r -> r.value().actionType() == ActionType.DELETE_REDIS)
        .map(ConsumerRecord::key)
        .collect(Collectors.toSet());
  }

  private PlannerService start() {
    PlannerConfig config =
        new PlannerConfig(
            "planner-guard-it-" + shortId(),
            broker.bootstrapServers(),
            stateDir,
            0,
            "127.0.0.1",
            Duration.ofMillis(200),
            PlanningPolicy.defaults()
                .withGracePeriod(Duration.ZERO)
                .withDeletionGuard(new DeletionGuard(0.5, 3)),
            Map.of("commit.interval.ms", "100"));
    PlannerService planner = PlannerService.start(config);
    closeables.add(planner);
    await().atMost(TIMEOUT).until(planner::running);
    return planner;
  }

  /** A snapshot as the watcher writes it: a chunk to each partition, listing that partition's. */
  private void snapshot(String cluster, String id, List<AppKey> listed) throws Exception {
    Instant listedAt = clock.instant();
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      List<AppKey> keys = listed.stream().filter(app -> partitionOf(app) == partition).toList();
      for (SnapshotComplete chunk :
          SnapshotComplete.chunks(
              id,
              cluster,
              WatchScope.all(),
              partition,
              keys,
              SnapshotComplete.DEFAULT_MAX_CHUNK_BYTES,
              listedAt)) {
        send(
            Records.<AppKey, DeploymentEvent>producerRecord(
                Topics.DEPLOYMENTS,
                partition,
                null,
                chunk,
                Sources.watcher(cluster),
                clock,
                UUID.randomUUID().toString()));
      }
    }
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
        Records.<AppKey, DeploymentEvent>producerRecord(
            Topics.DEPLOYMENTS, app, observed, Sources.watcher(app.cluster()), clock));
  }

  private void send(ProducerRecord<AppKey, DeploymentEvent> record) throws Exception {
    String topic = Topics.DEPLOYMENTS.name();
    producer
        .send(
            new ProducerRecord<>(
                topic,
                record.partition(),
                record.timestamp(),
                record.key() == null
                    ? null
                    : Topics.DEPLOYMENTS.keySerde().serializer().serialize(topic, record.key()),
                Topics.DEPLOYMENTS.valueSerde().serializer().serialize(topic, record.value()),
                record.headers()))
        .get(30, TimeUnit.SECONDS);
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

  private static int partitionOf(AppKey app) {
    return Utils.toPositive(Utils.murmur2(app.toString().getBytes(StandardCharsets.UTF_8)))
        % PARTITIONS;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
