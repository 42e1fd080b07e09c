package dev.opstream.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.watcher.config.WatcherConfig;
import dev.opstream.watcher.testing.Scrape;
import dev.opstream.watcher.testing.TestWatchers;
import dev.opstream.watcher.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The broker goes away mid-stream and comes back: every observed change still arrives. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class BrokerOutageIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void losesNoObservedChangeWhileTheBrokerIsDown(KafkaBroker broker, KubeApiServer kube) {
    TestWatchers.createTopics(broker);
    String cluster = TestWatchers.unique("outage");
    String namespace = TestWatchers.unique("shop");
    Deployments deployments = new Deployments(kube.client());
    // Short producer timeouts, so sends fail during the outage and the outbox must resend them.
    WatcherConfig config =
        TestWatchers.config(
                TestWatchers.kubeconfig(dir, kube),
                broker,
                Map.of(kube.clusterName(), cluster),
                List.of(namespace))
            .withKafka(
                Map.of(
                    "delivery.timeout.ms", "3000",
                    "request.timeout.ms", "1000",
                    "linger.ms", "0",
                    "max.block.ms", "1000",
                    "reconnect.backoff.max.ms", "500"));
    AppKey web = new AppKey(cluster, namespace, "web");
    List<String> schedules = List.of("@hourly", "@daily", "0 3 * * *", "*/5 * * * *");

    try (TopicReader reader = TopicReader.fromNow(broker.bootstrapServers(), cluster);
        Watcher watcher = Watcher.start(config)) {
      await().atMost(TIMEOUT).until(watcher::ready);
      deployments.create(namespace, "web", Map.of("opstream.dev/enabled", "true"));
      reader.awaitUntil(TIMEOUT, reads -> !TopicReader.of(reads, web).isEmpty());

      broker.stop();
      try {
        for (String schedule : schedules) {
          deployments.annotate(namespace, "web", "opstream.dev/backup-schedule", schedule);
        }
        for (int i = 0; i < 5; i++) {
          deployments.create(namespace, "app-" + i, Map.of("opstream.dev/enabled", "true"));
        }
        deployments.delete(namespace, "app-2");
        // Kafka refused at least one send: the outbox holds it until the broker is back.
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    Scrape.value(
                            Scrape.metrics(watcher.httpPort()),
                            "opstream_watcher_publish_failures_total",
                            cluster)
                        > 0);
      } finally {
        broker.restart();
      }

      List<TopicReader.Read> reads =
          reader.awaitUntil(
              TIMEOUT,
              r ->
                  lastSchedule(r, web).equals(schedules.get(schedules.size() - 1))
                      && TopicReader.valuesOf(r, new AppKey(cluster, namespace, "app-4")).size()
                          >= 1
                      && lastIsTombstone(r, new AppKey(cluster, namespace, "app-2")));

      // web's states arrive in the order they were made (some may be coalesced), the last one last.
      List<String> seen = new ArrayList<>();
      for (DeploymentEvent value : TopicReader.valuesOf(reads, web)) {
        String schedule =
            ((DeploymentObserved) value).annotations().get("opstream.dev/backup-schedule");
        if (schedule != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(schedule))) {
          seen.add(schedule);
        }
      }
      assertThat(schedules).containsSubsequence(seen);
      assertThat(seen.get(seen.size() - 1)).isEqualTo(schedules.get(schedules.size() - 1));
      for (int i : new int[] {0, 1, 3, 4}) {
        AppKey app = new AppKey(cluster, namespace, "app-" + i);
        List<DeploymentEvent> values = TopicReader.valuesOf(reads, app);
        assertThat(values).as(app.toString()).isNotEmpty();
        assertThat(values.get(values.size() - 1)).isInstanceOf(DeploymentObserved.class);
      }
      List<DeploymentEvent> deleted =
          TopicReader.valuesOf(reads, new AppKey(cluster, namespace, "app-2"));
      assertThat(deleted.get(deleted.size() - 2)).isInstanceOf(DeploymentDeleted.class);
    }
  }

  private static String lastSchedule(List<TopicReader.Read> reads, AppKey app) {
    List<DeploymentEvent> values = TopicReader.valuesOf(reads, app);
    if (values.isEmpty() || !(values.get(values.size() - 1) instanceof DeploymentObserved last)) {
      return "";
    }
    return last.annotations().getOrDefault("opstream.dev/backup-schedule", "");
  }

  private static boolean lastIsTombstone(List<TopicReader.Read> reads, AppKey app) {
    List<DeploymentEvent> values = TopicReader.valuesOf(reads, app);
    return values.size() >= 2 && values.get(values.size() - 1) == null;
  }
}
