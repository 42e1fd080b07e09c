package dev.opstream.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.ResourceStatus;
import dev.opstream.watcher.publish.KeyPartitioner;
import dev.opstream.watcher.testing.Scrape;
import dev.opstream.watcher.testing.TestWatchers;
import dev.opstream.watcher.testing.TopicReader;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The planner's status records become Kubernetes Events that kubectl describe shows. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class StatusEventsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String BAD_SCHEDULE =
      "opstream.dev/backup-schedule: 'every day' is not a 5-field cron expression or a macro";

  @TempDir Path dir;

  @Test
  void recordsEachStatusChangeOfItsClusterAsAnEventOnTheDeployment(
      KafkaBroker broker, KubeApiServer kube) throws Exception {
    TestWatchers.createTopics(broker);
    String cluster = TestWatchers.unique("events");
    String namespace = TestWatchers.unique("shop");
    AppKey web = new AppKey(cluster, namespace, "web");
    AppKey otherClustersWeb = onTheSamePartition(web);
    Path kubeconfig = TestWatchers.kubeconfig(dir, kube);

    try (TopicReader reader = TopicReader.fromNow(broker.bootstrapServers(), cluster);
        Watcher watcher =
            Watcher.start(
                TestWatchers.config(
                    kubeconfig, broker, Map.of(kube.clusterName(), cluster), List.of(namespace)));
        KafkaProducer<AppKey, AppStatus> statuses = statusProducer(broker)) {
      await().atMost(TIMEOUT).until(watcher::ready);
      Deployment deployment =
          new Deployments(kube.client())
              .create(namespace, "web", Map.of("opstream.dev/enabled", "true"));
      String uid = deployment.getMetadata().getUid();
      reader.awaitUntil(TIMEOUT, reads -> !TopicReader.of(reads, web).isEmpty());

      // Another cluster's app of the same namespace and name: not this watcher's business.
      send(statuses, otherClustersWeb, status(otherClustersWeb, uid, Map.of(), List.of(), null));
      send(
          statuses,
          web,
          status(
              web,
              uid,
              Map.of(
                  ActionKind.BUCKET,
                  new ResourceStatus(
                      ResourceState.managed(Map.of("name", "opstream-b")),
                      ResourceState.managed(Map.of("name", "opstream-b")),
                      "a1",
                      Outcome.CREATED)),
              List.of(),
              null));
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(events(kube, namespace))
                      .extracting(Event::getReason)
                      .containsExactly("Enabled", "BucketCreated"));

      send(
          statuses,
          web,
          status(
              web,
              uid,
              Map.of(),
              List.of(
                  new Condition(
                      Condition.ANNOTATIONS_VALID,
                      ConditionStatus.FALSE,
                      "InvalidAnnotation",
                      BAD_SCHEDULE,
                      Instant.now())),
              BAD_SCHEDULE));
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(kube, namespace)).hasSize(3));

      List<Event> events = events(kube, namespace);
      assertThat(events.get(1).getMessage()).isEqualTo("S3 bucket created (name=opstream-b)");
      assertThat(events.get(1).getType()).isEqualTo("Normal");
      Event bad = events.get(2);
      assertThat(bad.getReason()).isEqualTo("InvalidAnnotation");
      assertThat(bad.getType()).isEqualTo("Warning");
      assertThat(bad.getMessage()).isEqualTo(BAD_SCHEDULE);
      assertThat(bad.getInvolvedObject().getKind()).isEqualTo("Deployment");
      assertThat(bad.getInvolvedObject().getName()).isEqualTo("web");
      assertThat(bad.getInvolvedObject().getUid()).isEqualTo(uid);
      assertThat(bad.getSource().getComponent()).isEqualTo("opstream-watcher");
      assertThat(
              Scrape.value(
                  Scrape.metrics(watcher.httpPort()),
                  "opstream_watcher_kube_events_recorded_total",
                  cluster))
          .isEqualTo(3);

      // kubectl describe reads these Events with involvedObject field selectors, which the
      // in-process API server does not implement; kubectl get shows them as a user sees them.
      String listed =
          kubectl(
              kubeconfig,
              "get",
              "events",
              "-n",
              namespace,
              "-o",
              "custom-columns=TYPE:.type,REASON:.reason,OBJECT:.involvedObject.kind,MESSAGE:.message");
      assertThat(listed)
          .contains("Warning   InvalidAnnotation   Deployment   " + BAD_SCHEDULE)
          .contains("Normal    BucketCreated       Deployment   S3 bucket created");
    }
  }

  private static List<Event> events(KubeApiServer kube, String namespace) {
    return kube.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals("web"))
        .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
        .toList();
  }

  /** An app of another cluster whose status lands on the same partition, so order is known. */
  private static AppKey onTheSamePartition(AppKey app) {
    int partition = KeyPartitioner.partition(app, TestWatchers.PARTITIONS);
    for (int i = 0; ; i++) {
      AppKey other = new AppKey("other-" + i, app.namespace(), app.name());
      if (KeyPartitioner.partition(other, TestWatchers.PARTITIONS) == partition) {
        return other;
      }
    }
  }

  private static AppStatus status(
      AppKey app,
      String uid,
      Map<ActionKind, ResourceStatus> resources,
      List<Condition> conditions,
      String lastError) {
    return AppStatus.of(
        app, uid, true, false, resources, conditions, lastError, null, Instant.now());
  }

  private static KafkaProducer<AppKey, AppStatus> statusProducer(KafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        Topics.STATUS.keySerde().serializer(),
        Topics.STATUS.valueSerde().serializer());
  }

  private static void send(KafkaProducer<AppKey, AppStatus> producer, AppKey app, AppStatus status)
      throws Exception {
    producer
        .send(
            Records.producerRecord(
                Topics.STATUS, app, status, Sources.planner(), Clock.systemUTC()))
        .get(30, TimeUnit.SECONDS);
  }

  private static String kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("kubectl", ".out");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
