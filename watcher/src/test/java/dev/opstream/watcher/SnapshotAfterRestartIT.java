package dev.opstream.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.watcher.config.WatcherConfig;
import dev.opstream.watcher.snapshot.SnapshotInference;
import dev.opstream.watcher.testing.TestWatchers;
import dev.opstream.watcher.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What changed while no watcher was running is inferred from the snapshot after the restart. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class SnapshotAfterRestartIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void snapshotLetsAConsumerInferEveryDeletionAndAdditionMadeWhileTheWatcherWasDown(
      KafkaBroker broker, KubeApiServer kube) {
    TestWatchers.createTopics(broker);
    String cluster = TestWatchers.unique("restart");
    String namespace = TestWatchers.unique("shop");
    // Outside the watch scope: never listed, never inferred deleted.
    String otherNamespace = TestWatchers.unique("other");
    AppKey web = new AppKey(cluster, namespace, "web");
    AppKey api = new AppKey(cluster, namespace, "api");
    AppKey cart = new AppKey(cluster, namespace, "cart");
    Deployments deployments = new Deployments(kube.client());
    deployments.create(namespace, "web", Map.of("opstream.dev/enabled", "true"));
    deployments.create(namespace, "api", Map.of());
    deployments.create(otherNamespace, "elsewhere", Map.of());
    WatcherConfig config =
        TestWatchers.config(
            TestWatchers.kubeconfig(dir, kube),
            broker,
            Map.of(kube.clusterName(), cluster),
            List.of(namespace));

    try (TopicReader reader = TopicReader.fromBeginning(broker.bootstrapServers(), cluster)) {
      try (Watcher first = Watcher.start(config)) {
        await().atMost(TIMEOUT).until(first::ready);
        reader.awaitUntil(
            TIMEOUT,
            reads ->
                TopicReader.snapshotComplete(
                    reads, cluster, TestWatchers.PARTITIONS, Set.of(web, api)));
      }

      // While no watcher runs: web deleted, cart created, api enabled.
      deployments.delete(namespace, "web");
      deployments.create(namespace, "cart", Map.of());
      deployments.annotate(namespace, "api", "opstream.dev/enabled", "true");

      try (Watcher second = Watcher.start(config)) {
        await().atMost(TIMEOUT).until(second::ready);
        List<TopicReader.Read> reads =
            reader.awaitUntil(
                TIMEOUT,
                r ->
                    TopicReader.snapshotComplete(
                        r, cluster, TestWatchers.PARTITIONS, Set.of(api, cart)));

        String secondSnapshot =
            TopicReader.markers(reads, cluster).stream()
                .filter(m -> m.keys().contains(cart))
                .map(SnapshotComplete::snapshotId)
                .findFirst()
                .orElseThrow();
        SnapshotInference inference = new SnapshotInference();
        List<SnapshotInference.Inference> inferences = new ArrayList<>();
        for (TopicReader.Read read : reads) {
          inference.accept(read.partition(), read.key(), read.value()).ifPresent(inferences::add);
        }
        Set<AppKey> deleted = new HashSet<>();
        Set<AppKey> added = new HashSet<>();
        inferences.stream()
            .filter(i -> i.snapshotId().equals(secondSnapshot))
            .forEach(
                i -> {
                  deleted.addAll(i.deleted());
                  added.addAll(i.added());
                });

        assertThat(inferences.stream().filter(i -> i.snapshotId().equals(secondSnapshot)))
            .hasSize(TestWatchers.PARTITIONS);
        assertThat(deleted).containsExactly(web);
        assertThat(added).containsExactly(cart);
        List<?> apiRecords = TopicReader.valuesOf(reads, api);
        assertThat(((DeploymentObserved) apiRecords.get(apiRecords.size() - 1)).annotations())
            .isEqualTo(Map.of("opstream.dev/enabled", "true"));
      }
    }
  }
}
