package dev.opstream.dev.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.dev.StackTopics;
import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.support.TempDirs;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every stage as its own process against the local stack: an annotated Deployment converges, a
 * killed planner is restarted and the pipeline carries on, and SIGTERM stops every stage cleanly.
 */
class PipelineIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

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
  void convergesAnAppSurvivesAKilledPlannerAndStopsEveryStageOnSigterm() throws Exception {
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
      new Deployments(eks).create("default", "shop", Map.of("opstream.dev/enabled", "true"));

      await().atMost(TIMEOUT).until(() -> cronJobExists(eks, "shop-redis-backup"));
      assertThat(bucketDir("opstream-eks-default-shop")).isDirectory();

      pipeline.stage(Pipeline.PLANNER).kill();
      pipeline.stage(Pipeline.PLANNER).restart();
      pipeline.stage(Pipeline.PLANNER).awaitReady(TIMEOUT);
      new Deployments(eks).annotate("default", "shop", "opstream.dev/enabled", "false");

      await().atMost(TIMEOUT).until(() -> !Files.exists(bucketDir("opstream-eks-default-shop")));
      assertThat(cronJobExists(eks, "shop-redis-backup")).isFalse();
      assertThat(pipeline.stage(Pipeline.PLANNER).starts()).isEqualTo(2);
    } finally {
      pipeline.close();
    }
    assertThat(pipeline.stages())
        .allSatisfy(
            stage -> assertThat(stage.stop(Duration.ofSeconds(1))).as(stage.name()).isEqualTo(143));
  }

  private static boolean cronJobExists(KubernetesClient client, String name) {
    return client.batch().v1().cronjobs().inNamespace("default").withName(name).get() != null;
  }

  private static Path bucketDir(String bucket) {
    return stack.s3().bucketsDir().resolve(bucket);
  }
}
