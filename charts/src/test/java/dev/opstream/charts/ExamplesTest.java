package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.opstream.actuator.bucket.BucketConfig;
import dev.opstream.actuator.cronjob.CronJobActuatorConfig;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.planner.names.ResourceNames;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.watcher.config.WatcherConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's defaults and its KEDA and Flux examples checked against the code: topic names,
 * consumer groups, defaults and bucket names come from the code, so an example that drifts fails.
 */
class ExamplesTest {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Path FLUX = Path.of("opstream/examples/flux");

  @Test
  void theChartsDefaultsAreTheCodesDefaults() throws IOException {
    JsonNode values = YAML.readTree(Path.of("opstream/values.yaml").toFile());

    CatalogueConfig catalogue = CatalogueConfig.production();
    assertThat(values.at("/topics/partitions").asInt()).isEqualTo(catalogue.partitions());
    assertThat(values.at("/topics/replicationFactor").asInt())
        .isEqualTo(catalogue.replicationFactor());
    PlannerConfig planner = PlannerConfig.fromEnv(Map.of());
    PlanningPolicy policy = planner.policy();
    assertThat(values.at("/planner/applicationId").asText()).isEqualTo(planner.applicationId());
    assertThat(values.at("/planner/bucketPrefix").asText()).isEqualTo(policy.bucketPrefix());
    assertThat(Duration.parse(values.at("/planner/gracePeriod").asText()))
        .isEqualTo(policy.gracePeriod());
    assertThat(Duration.parse(values.at("/planner/driftInterval").asText()))
        .isEqualTo(policy.driftInterval());
    assertThat(values.at("/planner/deletionGuardShare").asDouble())
        .isEqualTo(policy.deletionGuard().maxShare());
    assertThat(values.at("/planner/pauseAll").asBoolean()).isEqualTo(policy.pauseAll());
    assertThat(values.at("/httpPort").asInt()).isEqualTo(WatcherConfig.DEFAULT_HTTP_PORT);
    assertThat(values.at("/watcher/resyncPeriod").asText()).isEqualTo("5m");
    assertThat(WatcherConfig.DEFAULT_RESYNC_PERIOD).isEqualTo(Duration.ofMinutes(5));
    for (ActionKind kind : ActionKind.values()) {
      JsonNode actuator = values.at("/actuators/" + kind.name().toLowerCase(Locale.ROOT));
      RunnerConfig runner = RunnerConfig.defaults(kind, Map.of());
      assertThat(actuator.at("/concurrency").asInt()).isEqualTo(runner.concurrency());
      assertThat(actuator.at("/maxInFlight").asInt()).isEqualTo(runner.maxInFlight());
      assertThat(Duration.parse(actuator.at("/actionTimeout").asText()))
          .isEqualTo(runner.actionTimeout());
      assertThat(Duration.parse(actuator.at("/shutdownTimeout").asText()))
          .isEqualTo(runner.shutdownTimeout());
    }
    assertThat(Duration.parse(values.at("/actuators/bucket/callTimeout").asText()))
        .isEqualTo(BucketConfig.DEFAULT_CALL_TIMEOUT);
    assertThat(values.at("/s3/region").asText()).isEqualTo(BucketConfig.DEFAULT_REGION);
    CronJobActuatorConfig backup = CronJobActuatorConfig.defaults();
    JsonNode chartBackup = values.at("/actuators/cronjob/backup");
    assertThat(chartBackup.at("/successfulJobsHistory").asInt())
        .isEqualTo(backup.successfulJobsHistoryLimit());
    assertThat(chartBackup.at("/failedJobsHistory").asInt())
        .isEqualTo(backup.failedJobsHistoryLimit());
    assertThat(chartBackup.at("/backoffLimit").asInt()).isEqualTo(backup.backoffLimit());
    assertThat(chartBackup.at("/activeDeadlineSeconds").asLong())
        .isEqualTo(backup.activeDeadlineSeconds());
    assertThat(chartBackup.at("/cpuRequest").asText()).isEqualTo(backup.cpuRequest());
    assertThat(chartBackup.at("/memoryRequest").asText()).isEqualTo(backup.memoryRequest());
    assertThat(chartBackup.at("/memoryLimit").asText()).isEqualTo(backup.memoryLimit());
  }

  @Test
  void theKedaExampleScalesEachKindOnItsOwnTopicAndConsumerGroup() throws IOException {
    Rendered rendered =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .values("opstream/examples/keda/values-keda.yaml")
            .set("actuators.cronjob.autoscaling.enabled", false)
            .set("topics.partitions", 12)
            .render();
    String authentication =
        YAML.readTree(Path.of("opstream/examples/keda/trigger-authentication.yaml").toFile())
            .at("/metadata/name")
            .asText();

    List<HasMetadata> scaledObjects = rendered.kind("ScaledObject");
    assertThat(scaledObjects).hasSize(2);
    for (HasMetadata object : scaledObjects) {
      JsonNode spec =
          JSON.valueToTree(((GenericKubernetesResource) object).getAdditionalProperties())
              .get("spec");
      String target = spec.at("/scaleTargetRef/name").asText();
      ActionKind kind =
          ActionKind.valueOf(
              target.substring("opstream-actuator-".length()).toUpperCase(Locale.ROOT));
      JsonNode trigger = spec.at("/triggers/0");

      assertThat(trigger.at("/type").asText()).isEqualTo("kafka");
      assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(Topics.actions(kind).name());
      assertThat(trigger.at("/metadata/consumerGroup").asText())
          .isEqualTo(RunnerConfig.defaultGroupId(kind));
      assertThat(trigger.at("/metadata/bootstrapServers").asText())
          .isEqualTo("kafka-0.kafka:9093,kafka-1.kafka:9093");
      assertThat(trigger.at("/metadata/sasl").asText()).isEqualTo("scram_sha512");
      assertThat(trigger.at("/metadata/tls").asText()).isEqualTo("enable");
      assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo(authentication);
      assertThat(spec.at("/maxReplicaCount").asInt())
          .as("no more replicas than partitions")
          .isLessThanOrEqualTo(CatalogueConfig.production().partitions());
      // KEDA owns the replicas of its target, and only of its target.
      Deployment deployment = rendered.one(Deployment.class, target);
      assertThat(deployment.getSpec().getReplicas()).isNull();
      assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
          .doesNotContain("--group-id");
    }
    assertThat(rendered.one(Deployment.class, "opstream-actuator-bucket").getSpec().getReplicas())
        .isEqualTo(2);
  }

  @Test
  void aKedaTriggerFollowsAnOverriddenConsumerGroup() {
    Rendered rendered =
        OpstreamChart.withRequiredValues()
            .set("actuators.redis.keda.enabled", true)
            .set("actuators.redis.groupId", "opstream-actuator-redis-blue")
            .render();

    GenericKubernetesResource scaled =
        (GenericKubernetesResource) rendered.kind("ScaledObject").get(0);
    JsonNode trigger = JSON.valueToTree(scaled.getAdditionalProperties()).at("/spec/triggers/0");
    assertThat(trigger.at("/metadata/consumerGroup").asText())
        .isEqualTo("opstream-actuator-redis-blue");
    assertThat(
            rendered
                .one(Deployment.class, "opstream-actuator-redis")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs())
        .containsSequence("--group-id", "opstream-actuator-redis-blue");
    assertThat(trigger.at("/metadata/sasl").isMissingNode()).isTrue();
  }

  @Test
  void theFluxReleasesRenderAndRunCommandsTheCliAccepts(@TempDir Path dir) throws IOException {
    List<JsonNode> releases = fluxReleases();
    assertThat(releases).hasSize(2);

    for (JsonNode release : releases) {
      Rendered rendered = renderValuesOf(release, dir);
      CommandLineTest.assertEveryContainerParses(rendered);
      String cluster = release.at("/spec/values/clusterName").asText();
      assertThat(
              rendered
                  .one(Deployment.class, "opstream-watcher")
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getArgs())
          .containsSequence("--cluster-name", cluster);
      // The chart the release points at is this chart, from the GitRepository the example defines.
      JsonNode chart = release.at("/spec/chart/spec");
      assertThat(Path.of("..").resolve(chart.at("/chart").asText()).resolve("Chart.yaml"))
          .isRegularFile();
      assertThat(chart.at("/sourceRef/kind").asText()).isEqualTo("GitRepository");
      assertThat(documents(FLUX.resolve("sources/opstream-git.yaml")))
          .anySatisfy(
              source -> {
                assertThat(source.at("/kind").asText()).isEqualTo("GitRepository");
                assertThat(source.at("/metadata/name").asText())
                    .isEqualTo(chart.at("/sourceRef/name").asText());
                assertThat(source.at("/spec/ignore").asText()).contains("!/charts/opstream/");
              });
    }
  }

  @Test
  void bothClustersWatchersFeedOneKafkaAndOnePipelineServesBoth() throws IOException {
    List<JsonNode> releases = fluxReleases();
    List<JsonNode> values = releases.stream().map(r -> r.at("/spec/values")).toList();

    assertThat(values)
        .extracting(v -> v.at("/clusterName").asText())
        .containsExactlyInAnyOrder("eks", "local");
    assertThat(values)
        .extracting(v -> v.at("/kafka/bootstrapServers").asText())
        .containsOnly(values.get(0).at("/kafka/bootstrapServers").asText());
    assertThat(values)
        .allSatisfy(v -> assertThat(v.at("/watcher/enabled").asBoolean(true)).isTrue());
    List<JsonNode> pipelines =
        values.stream().filter(v -> v.at("/planner/enabled").asBoolean(true)).toList();
    assertThat(pipelines).hasSize(1);
    JsonNode pipeline = pipelines.get(0);
    for (ActionKind kind : ActionKind.values()) {
      assertThat(
              pipeline
                  .at("/actuators/" + kind.name().toLowerCase(Locale.ROOT) + "/enabled")
                  .asBoolean(true))
          .isTrue();
    }
    // The pipeline acts in its own cluster and, through the kubeconfig Secret, in the other one.
    assertThat(pipeline.at("/actuators/inCluster").asBoolean(true)).isTrue();
    assertThat(pipeline.at("/remoteClusters/actuatorKubeconfigSecret").asText()).isNotBlank();
    assertThat(pipeline.at("/topics/create").asBoolean(true)).isTrue();
    JsonNode watcherOnly = values.stream().filter(v -> v != pipeline).findFirst().orElseThrow();
    assertThat(watcherOnly.at("/topics/create").asBoolean(true))
        .as("one release creates the topics")
        .isFalse();
    for (ActionKind kind : ActionKind.values()) {
      assertThat(
              watcherOnly
                  .at("/actuators/" + kind.name().toLowerCase(Locale.ROOT) + "/enabled")
                  .asBoolean(true))
          .isFalse();
    }
  }

  @Test
  void theWatcherOnlyClusterGetsAWatcherAndNothingElse(@TempDir Path dir) throws IOException {
    JsonNode local =
        fluxReleases().stream()
            .filter(r -> r.at("/spec/values/clusterName").asText().equals("local"))
            .findFirst()
            .orElseThrow();

    Rendered rendered = renderValuesOf(local, dir);

    assertThat(rendered.names(Deployment.class)).containsExactly("opstream-watcher");
    assertThat(rendered.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)).isEmpty();
    assertThat(rendered.names(io.fabric8.kubernetes.api.model.ServiceAccount.class))
        .containsExactly("opstream-watcher");
    assertThat(rendered.names(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class))
        .containsExactly("opstream-watcher");
  }

  @Test
  void theSameAppInBothClustersIsBackedUpIntoTwoBuckets() throws IOException {
    List<JsonNode> values = fluxReleases().stream().map(r -> r.at("/spec/values")).toList();
    JsonNode pipeline =
        values.stream()
            .filter(v -> v.at("/planner/enabled").asBoolean(true))
            .findFirst()
            .orElseThrow();
    String prefix =
        pipeline.at("/planner/bucketPrefix").asText(PlanningPolicy.DEFAULT_BUCKET_PREFIX);

    List<String> buckets = new ArrayList<>();
    for (JsonNode v : values) {
      buckets.add(ResourceNames.bucket(prefix, v.at("/clusterName").asText(), "shop", "cart"));
    }

    assertThat(buckets)
        .containsExactlyInAnyOrder("opstream-eks-shop-cart", "opstream-local-shop-cart");
    // The names the example's comments and README promise are the ones the planner computes.
    String comments = Files.readString(FLUX.resolve("clusters/eks/opstream.yaml"));
    String readme = Files.readString(FLUX.resolve("README.md"));
    for (String bucket : buckets) {
      assertThat(comments).contains(bucket);
      assertThat(readme).contains(bucket);
    }
  }

  @Test
  void everyKustomizationListsFilesThatExist() throws IOException {
    for (String cluster : List.of("eks", "local")) {
      Path folder = FLUX.resolve("clusters").resolve(cluster);
      JsonNode kustomization = YAML.readTree(folder.resolve("kustomization.yaml").toFile());
      assertThat(kustomization.at("/resources")).isNotEmpty();
      kustomization
          .at("/resources")
          .forEach(resource -> assertThat(folder.resolve(resource.asText())).isRegularFile());
    }
  }

  private static Rendered renderValuesOf(JsonNode release, Path dir) throws IOException {
    Path values = dir.resolve(release.at("/spec/values/clusterName").asText() + "-values.json");
    JSON.writeValue(values.toFile(), release.at("/spec/values"));
    return OpstreamChart.withNoValues().values(values.toString()).render();
  }

  private static List<JsonNode> fluxReleases() throws IOException {
    List<JsonNode> releases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(FLUX)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : documents(file)) {
          if (doc.at("/kind").asText().equals("HelmRelease")) {
            assertThat(doc.at("/apiVersion").asText()).isEqualTo("helm.toolkit.fluxcd.io/v2");
            releases.add(doc);
          }
        }
      }
    }
    return releases;
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      var iterator = YAML.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        docs.add(iterator.next());
      }
    }
    return docs;
  }
}
