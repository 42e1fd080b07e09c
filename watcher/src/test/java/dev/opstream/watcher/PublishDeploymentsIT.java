package dev.opstream.watcher;

import static dev.opstream.watcher.testing.TestWatchers.PARTITIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.watcher.config.WatcherConfig;
import dev.opstream.watcher.publish.KeyPartitioner;
import dev.opstream.watcher.testing.Scrape;
import dev.opstream.watcher.testing.TestWatchers;
import dev.opstream.watcher.testing.TopicReader;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Deployments created, annotated, changed and deleted reach the topic in order, and only then. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class PublishDeploymentsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private KafkaBroker broker;
  private KubeApiServer kube;
  private final String cluster = TestWatchers.unique("order");
  private final String namespace = TestWatchers.unique("shop");

  @BeforeEach
  void setUp(KafkaBroker broker, KubeApiServer kube) {
    this.broker = broker;
    this.kube = kube;
    TestWatchers.createTopics(broker);
  }

  @Test
  void publishesEachAppsRelevantChangesInOrderAndEndsWithItsFinalState() {
    Deployments deployments = new Deployments(kube.client());
    AppKey web = new AppKey(cluster, namespace, "web");
    AppKey api = new AppKey(cluster, namespace, "api");

    try (TopicReader reader = TopicReader.fromNow(broker.bootstrapServers(), cluster);
        Watcher watcher =
            Watcher.start(
                TestWatchers.config(
                    TestWatchers.kubeconfig(dir, kube),
                    broker,
                    Map.of(kube.clusterName(), cluster),
                    List.of(namespace)))) {
      await().atMost(TIMEOUT).until(watcher::ready);
      // The first list found nothing: an empty snapshot on every partition.
      reader.awaitUntil(
          TIMEOUT, reads -> TopicReader.snapshotComplete(reads, cluster, PARTITIONS, Set.of()));

      deployments.create(namespace, "web", Map.of());
      awaitRecords(reader, web, 1);
      deployments.annotate(namespace, "web", Annotations.ENABLED, "true");
      awaitRecords(reader, web, 2);
      deployments.scale(namespace, "web", 3); // not relevant: no record
      deployments.annotate(namespace, "web", Annotations.BACKUP_SCHEDULE, "@hourly");
      awaitRecords(reader, web, 3);
      deployments.annotate(namespace, "web", Annotations.ENABLED, null);
      awaitRecords(reader, web, 4);

      Deployment createdApi =
          deployments.create(namespace, "api", Map.of(Annotations.ENABLED, "true"));
      awaitRecords(reader, api, 1);
      deployments.delete(namespace, "api");
      List<TopicReader.Read> reads = awaitRecords(reader, api, 3);

      Deployment finalWeb = deployments.get(namespace, "web");
      List<DeploymentEvent> webRecords = TopicReader.valuesOf(reads, web);
      assertThat(webRecords)
          .extracting(value -> ((DeploymentObserved) value).annotations())
          .containsExactly(
              Map.of(),
              Map.of("opstream.dev/enabled", "true"),
              Map.of("opstream.dev/enabled", "true", "opstream.dev/backup-schedule", "@hourly"),
              Map.of("opstream.dev/backup-schedule", "@hourly"));
      assertThat(webRecords.get(3))
          .usingRecursiveComparison()
          .ignoringFields("observedAt")
          .isEqualTo(
              DeploymentObserved.of(
                  web,
                  finalWeb.getMetadata().getUid(),
                  finalWeb.getMetadata().getResourceVersion(),
                  finalWeb.getMetadata().getGeneration() == null
                      ? 0
                      : finalWeb.getMetadata().getGeneration(),
                  Map.of("opstream.dev/backup-schedule", "@hourly"),
                  Map.of("app", "web"),
                  Instant.EPOCH));

      List<DeploymentEvent> apiRecords = TopicReader.valuesOf(reads, api);
      assertThat(apiRecords).hasSize(3);
      assertThat(((DeploymentObserved) apiRecords.get(0)).annotations())
          .isEqualTo(Map.of("opstream.dev/enabled", "true"));
      assertThat(apiRecords.get(1))
          .isInstanceOfSatisfying(
              DeploymentDeleted.class,
              deleted -> {
                assertThat(deleted.app()).isEqualTo(api);
                assertThat(deleted.uid()).isEqualTo(createdApi.getMetadata().getUid());
              });
      assertThat(apiRecords.get(2)).isNull();

      assertThat(TopicReader.of(reads, web))
          .extracting(TopicReader.Read::partition)
          .containsOnly(KeyPartitioner.partition(web, PARTITIONS));
      assertThat(TopicReader.of(reads, api))
          .extracting(TopicReader.Read::partition)
          .containsOnly(KeyPartitioner.partition(api, PARTITIONS));
    }
  }

  @Test
  void republishesEveryDeploymentAndASnapshotOnEachResync() {
    Deployments deployments = new Deployments(kube.client());
    AppKey web = new AppKey(cluster, namespace, "web");
    deployments.create(namespace, "web", Map.of(Annotations.ENABLED, "true"));
    Map<String, String> env =
        new HashMap<>(
            TestWatchers.env(
                TestWatchers.kubeconfig(dir, kube),
                broker,
                Map.of(kube.clusterName(), cluster),
                List.of(namespace)));
    env.put(WatcherConfig.ENV_RESYNC_PERIOD, "1s");

    try (TopicReader reader = TopicReader.fromNow(broker.bootstrapServers(), cluster);
        Watcher watcher = Watcher.start(WatcherConfig.fromEnv(env))) {
      List<TopicReader.Read> reads =
          reader.awaitUntil(
              TIMEOUT,
              r ->
                  TopicReader.of(r, web).size() >= 3
                      && TopicReader.markers(r, cluster).stream()
                              .map(m -> m.snapshotId())
                              .distinct()
                              .count()
                          >= 3);

      assertThat(TopicReader.valuesOf(reads, web))
          .allSatisfy(
              value ->
                  assertThat(((DeploymentObserved) value).annotations())
                      .isEqualTo(Map.of(Annotations.ENABLED, "true")));
      assertThat(
              Scrape.value(
                  Scrape.metrics(watcher.httpPort()), "opstream_watcher_resyncs_total", cluster))
          .isGreaterThanOrEqualTo(2);
    }
  }

  private static List<TopicReader.Read> awaitRecords(TopicReader reader, AppKey app, int count) {
    return reader.awaitUntil(TIMEOUT, reads -> TopicReader.of(reads, app).size() >= count);
  }
}
