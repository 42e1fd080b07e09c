package dev.opstream.dev.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.dev.StackTopics;
import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.support.TempDirs;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every stage as its own process: the Events on a Deployment tell its whole teardown, whether it is
 * disabled ({@code enabled=false}) or loses its opstream annotation (then the planner forgets the
 * app), and a deleted Deployment is torn down all the same; a planner killed between convergence
 * and teardown is restarted and carries on; SIGTERM stops every stage cleanly.
 */
class PipelineIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String ENABLED = "opstream.dev/enabled";
  private static final List<String> ENABLE_STORY =
      List.of("Enabled", "BucketCreated", "RedisInstalled", "BackupCronJobCreated", "Converged");

  private static Path data;
  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    data = TempDirs.create("opstream-pipeline-it-");
    stack =
        LocalStack.start(new LocalStack.Options(data.resolve("stack"), List.of("eks", "local")));
    StackTopics.create(stack.kafka().bootstrapServers());
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
    TempDirs.deleteRecursively(data);
  }

  @Test
  void theEventsOfADisabledAnUnannotatedAndADeletedAppTellTheirWholeTeardown() {
    Pipeline pipeline =
        Pipeline.start(
            stack, Pipeline.Options.of(data.resolve("pipeline"), Duration.ZERO), TIMEOUT);
    try {
      assertThat(pipeline.stages())
          .extracting(StageProcess::name)
          .containsExactly(
              "watcher-eks",
              "watcher-local",
              "planner",
              "actuator-bucket",
              "actuator-redis",
              "actuator-cronjob");
      KubernetesClient eks = stack.cluster("eks").client();
      Deployments deployments = new Deployments(eks);
      List<String> apps = List.of("disabled", "unannotated", "deleted");
      for (String app : apps) {
        deployments.create("default", app, Map.of(ENABLED, "true"));
      }
      for (String app : apps) {
        await()
            .atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(reasons(eks, app)).as(app).containsAll(ENABLE_STORY));
        assertThat(reasons(eks, app))
            .as(app)
            .startsWith("Enabled")
            .containsSubsequence("BucketCreated", "BackupCronJobCreated", "Converged")
            .containsSubsequence("RedisInstalled", "BackupCronJobCreated", "Converged");
      }

      StageProcess planner = pipeline.stage(Pipeline.PLANNER);
      planner.kill();
      planner.restart();
      planner.awaitReady(TIMEOUT);
      assertThat(planner.starts()).isEqualTo(2);

      deployments.annotate("default", "disabled", ENABLED, "false");
      deployments.edit(
          "default",
          "unannotated",
          d ->
              new DeploymentBuilder(d)
                  .editMetadata()
                  .removeFromAnnotations(ENABLED)
                  .endMetadata()
                  .build());
      deployments.delete("default", "deleted");

      for (String app : apps) {
        await()
            .atMost(TIMEOUT)
            .until(() -> !Files.exists(bucketDir("opstream-eks-default-" + app)));
        assertThat(cronJobExists(eks, app + "-redis-backup")).as(app).isFalse();
      }
      for (String app : List.of("disabled", "unannotated")) {
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () -> {
                  List<String> reasons = reasons(eks, app);
                  assertThat(reasons).as(app).contains("Disabled");
                  List<String> teardown =
                      reasons.subList(reasons.indexOf("Disabled"), reasons.size());
                  assertThat(teardown)
                      .as("%s: %s", app, reasons)
                      .containsSubsequence(
                          "Disabled", "BackupCronJobDeleted", "RedisUninstalled", "TornDown")
                      .containsSubsequence(
                          "Disabled", "BackupCronJobDeleted", "BucketDeleted", "TornDown");
                });
      }
      assertThat(eks.apps().deployments().inNamespace("default").withName("deleted").get())
          .as("no Deployment is left to record the teardown of the deleted app on")
          .isNull();
    } finally {
      pipeline.close();
    }
    assertThat(pipeline.stages())
        .allSatisfy(
            stage ->
                assertThat(stage.stop(Duration.ofSeconds(1)))
                    .as("%s exits as a JVM that ran its shutdown hooks on SIGTERM", stage.name())
                    .isEqualTo(143));
  }

  /** The reasons of the Events on the Deployment {@code name}, oldest first. */
  private static List<String> reasons(KubernetesClient client, String name) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .sorted(Comparator.comparing((Event e) -> e.getMetadata().getName()))
        .map(Event::getReason)
        .toList();
  }

  private static boolean cronJobExists(KubernetesClient client, String name) {
    return client.batch().v1().cronjobs().inNamespace("default").withName(name).get() != null;
  }

  private static Path bucketDir(String bucket) {
    return stack.s3().bucketsDir().resolve(bucket);
  }
}
