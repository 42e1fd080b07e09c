package dev.opstream.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.watcher.testing.TestWatchers;
import dev.opstream.watcher.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One watcher process, two clusters (two API servers), one topic. */
@ExtendWith(KafkaBrokerExtension.class)
class TwoClustersIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void publishesTwoClustersIntoOneTopicWithDistinctKeysAndNothingCrossed(KafkaBroker broker) {
    TestWatchers.createTopics(broker);
    String alpha = TestWatchers.unique("alpha");
    String beta = TestWatchers.unique("beta");
    try (KubeApiServer alphaApi = KubeApiServer.start(alpha);
        KubeApiServer betaApi = KubeApiServer.start(beta)) {
      // The same namespace and name in both clusters, and one app only beta has.
      String alphaUid =
          new Deployments(alphaApi.client())
              .create("shop", "web", Map.of("opstream.dev/enabled", "true"))
              .getMetadata()
              .getUid();
      String betaUid =
          new Deployments(betaApi.client()).create("shop", "web", Map.of()).getMetadata().getUid();
      new Deployments(betaApi.client()).create("batch", "jobs", Map.of());
      AppKey alphaWeb = new AppKey(alpha, "shop", "web");
      AppKey betaWeb = new AppKey(beta, "shop", "web");
      AppKey betaJobs = new AppKey(beta, "batch", "jobs");

      try (TopicReader reader = TopicReader.fromNow(broker.bootstrapServers(), alpha, beta);
          Watcher watcher =
              Watcher.start(
                  TestWatchers.config(
                      TestWatchers.kubeconfig(dir, alphaApi, betaApi),
                      broker,
                      Map.of(alpha, alpha, beta, beta),
                      List.of()))) {
        await().atMost(TIMEOUT).until(watcher::ready);
        List<TopicReader.Read> reads =
            reader.awaitUntil(
                TIMEOUT,
                r ->
                    TopicReader.snapshotComplete(
                            r, alpha, TestWatchers.PARTITIONS, Set.of(alphaWeb))
                        && TopicReader.snapshotComplete(
                            r, beta, TestWatchers.PARTITIONS, Set.of(betaWeb, betaJobs)));

        assertThat(reads.stream().filter(r -> r.key() != null).map(TopicReader.Read::key))
            .containsOnly(alphaWeb, betaWeb, betaJobs);
        DeploymentObserved alphaRecord =
            (DeploymentObserved) TopicReader.valuesOf(reads, alphaWeb).get(0);
        DeploymentObserved betaRecord =
            (DeploymentObserved) TopicReader.valuesOf(reads, betaWeb).get(0);
        assertThat(alphaRecord.uid()).isEqualTo(alphaUid);
        assertThat(alphaRecord.annotations()).containsEntry("opstream.dev/enabled", "true");
        assertThat(betaRecord.uid()).isEqualTo(betaUid);
        assertThat(betaRecord.annotations()).isEmpty();
        for (TopicReader.Read read : reads) {
          if (read.value() instanceof SnapshotComplete marker) {
            assertThat(marker.scope()).isEqualTo(WatchScope.all());
            assertThat(marker.keys()).allMatch(key -> key.cluster().equals(marker.cluster()));
          } else {
            assertThat(read.value().cluster()).isEqualTo(read.key().cluster());
          }
        }
      }
    }
  }
}
