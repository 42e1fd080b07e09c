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
import dev.opstream.watcher.config.WatcherConfig;
import dev.opstream.watcher.testing.Scrape;
import dev.opstream.watcher.testing.TestWatchers;
import dev.opstream.watcher.testing.TopicReader;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas of one cluster's watcher: one Lease, one publisher, a quick handover. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class LeaderElectionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void onlyTheLeaderPublishesAndTheOtherReplicaTakesOverWhenItStops(
      KafkaBroker broker, KubeApiServer kube) {
    TestWatchers.createTopics(broker);
    String cluster = TestWatchers.unique("leader");
    String namespace = TestWatchers.unique("shop");
    Path kubeconfig = TestWatchers.kubeconfig(dir, kube);
    AppKey web = new AppKey(cluster, namespace, "web");
    String leaseName = "opstream-watcher-" + cluster;

    try (TopicReader reader = TopicReader.fromNow(broker.bootstrapServers(), cluster)) {
      Watcher first = Watcher.start(replica(kubeconfig, broker, kube, cluster, namespace, "first"));
      try (Watcher second =
          Watcher.start(replica(kubeconfig, broker, kube, cluster, namespace, "second"))) {
        await()
            .atMost(TIMEOUT)
            .until(() -> first.publishing(cluster) || second.publishing(cluster));
        Watcher leader = first.publishing(cluster) ? first : second;
        Watcher follower = leader == first ? second : first;
        String leaderName = leader == first ? "first" : "second";
        await().atMost(TIMEOUT).until(() -> leader.ready() && follower.ready());
        assertThat(follower.publishing(cluster)).isFalse();
        assertThat(lease(kube, leaseName).getSpec().getHolderIdentity()).isEqualTo(leaderName);

        new Deployments(kube.client()).create(namespace, "web", Map.of());
        reader.awaitUntil(TIMEOUT, reads -> TopicReader.of(reads, web).size() == 1);
        // The follower saw the Deployment too, and queued nothing for Kafka.
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    Scrape.value(
                            Scrape.metrics(follower.httpPort()),
                            "opstream_watcher_events_observed_total",
                            cluster,
                            "event=\"added\"")
                        == 1);
        String followerMetrics = Scrape.metrics(follower.httpPort());
        assertThat(Scrape.value(followerMetrics, "opstream_watcher_outbox_records", null)).isZero();
        assertThat(
                Scrape.value(followerMetrics, "opstream_watcher_records_published_total", cluster))
            .isZero();

        // The leader stops and releases the Lease: the other replica takes over and publishes
        // every Deployment again, with a snapshot.
        leader.close();
        await().atMost(TIMEOUT).until(() -> follower.publishing(cluster));
        List<TopicReader.Read> reads =
            reader.awaitUntil(
                TIMEOUT,
                r ->
                    TopicReader.of(r, web).size() == 2
                        && TopicReader.snapshotComplete(
                            r, cluster, TestWatchers.PARTITIONS, Set.of(web)));
        assertThat(TopicReader.valuesOf(reads, web))
            .allMatch(value -> ((DeploymentObserved) value).app().equals(web));
        assertThat(lease(kube, leaseName).getSpec().getHolderIdentity())
            .isEqualTo(leader == first ? "second" : "first");
      } finally {
        first.close();
      }
    }
  }

  private static Lease lease(KubeApiServer kube, String name) {
    return kube.client().leases().inNamespace("default").withName(name).get();
  }

  private static WatcherConfig replica(
      Path kubeconfig,
      KafkaBroker broker,
      KubeApiServer kube,
      String cluster,
      String namespace,
      String identity) {
    Map<String, String> env =
        new HashMap<>(
            TestWatchers.env(
                kubeconfig, broker, Map.of(kube.clusterName(), cluster), List.of(namespace)));
    env.put(WatcherConfig.ENV_LEADER_ELECTION, "true");
    env.put(WatcherConfig.ENV_LEASE_NAMESPACE, "default");
    env.put(WatcherConfig.ENV_IDENTITY, identity);
    env.put(WatcherConfig.ENV_LEASE_DURATION, "4s");
    env.put(WatcherConfig.ENV_RENEW_DEADLINE, "3s");
    env.put(WatcherConfig.ENV_RETRY_PERIOD, "500ms");
    return WatcherConfig.fromEnv(env);
  }
}
