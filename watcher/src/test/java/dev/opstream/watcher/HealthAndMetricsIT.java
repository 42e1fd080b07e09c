package dev.opstream.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.watcher.testing.GatedProxy;
import dev.opstream.watcher.testing.KubeConfigs;
import dev.opstream.watcher.testing.Scrape;
import dev.opstream.watcher.testing.TestWatchers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's health, readiness and metrics, as Kubernetes and Prometheus read them. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class HealthAndMetricsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void isNotReadyUntilTheInformersHaveListedThenReadyAndItsCountersMove(
      KafkaBroker broker, KubeApiServer kube) {
    TestWatchers.createTopics(broker);
    String cluster = TestWatchers.unique("health");
    String namespace = TestWatchers.unique("shop");
    try (GatedProxy api = GatedProxy.to(kube.url())) {
      Path kubeconfig = KubeConfigs.write(dir.resolve("kubeconfig"), Map.of("gated", api.url()));
      try (Watcher watcher =
          Watcher.start(
              TestWatchers.config(
                  kubeconfig, broker, Map.of("gated", cluster), List.of(namespace)))) {
        int port = watcher.httpPort();

        // The API server accepts connections but does not answer: nothing is listed yet.
        assertThat(Scrape.status(port, "/healthz")).isEqualTo(200);
        assertThat(Scrape.status(port, "/readyz")).isEqualTo(503);
        assertThat(Scrape.value(Scrape.metrics(port), "opstream_watcher_relists_total", cluster))
            .isZero();

        api.open();
        await().atMost(TIMEOUT).until(() -> Scrape.status(port, "/readyz") == 200);

        new Deployments(kube.client()).create(namespace, "web", Map.of());
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () -> {
                  String metrics = Scrape.metrics(port);
                  assertThat(
                          Scrape.value(
                              metrics,
                              "opstream_watcher_events_observed_total",
                              cluster,
                              "event=\"added\""))
                      .isEqualTo(1);
                  assertThat(
                          Scrape.value(
                              metrics,
                              "opstream_watcher_records_published_total",
                              cluster,
                              "type=\"DeploymentObserved\""))
                      .isEqualTo(1);
                  assertThat(
                          Scrape.value(
                              metrics, "opstream_watcher_publish_latency_seconds_count", cluster))
                      .isEqualTo(1);
                  assertThat(Scrape.value(metrics, "opstream_watcher_relists_total", cluster))
                      .isEqualTo(1);
                  assertThat(
                          Scrape.value(metrics, "opstream_watcher_snapshot_markers_total", cluster))
                      .isEqualTo(TestWatchers.PARTITIONS);
                  assertThat(Scrape.value(metrics, "opstream_watcher_deployments", cluster))
                      .isEqualTo(1);
                  assertThat(Scrape.value(metrics, "opstream_watcher_leader", cluster))
                      .isEqualTo(1);
                });
      }
    }
  }
}
