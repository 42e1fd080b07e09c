package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart as {@code helm template} renders it, for the required values and a scaled setup. */
class ChartRenderingTest {

  private static final String SCALED = "src/test/resources/scaled-values.yaml";

  @Test
  void refusesToRenderWithoutTheClusterNameOrKafka() {
    assertThatThrownBy(
            () -> OpstreamChart.withNoValues().set("kafka.bootstrapServers", "k:9092").template())
        .hasMessageContaining("clusterName is required");
    assertThatThrownBy(() -> OpstreamChart.withNoValues().set("clusterName", "eks").template())
        .hasMessageContaining("kafka.bootstrapServers is required");
  }

  @Test
  void defaultValuesRenderOneWorkloadPerStage() {
    Rendered rendered = OpstreamChart.withRequiredValues().withHooks().render();

    assertThat(rendered.names(Deployment.class))
        .containsExactlyInAnyOrder(
            "opstream-watcher",
            "opstream-actuator-bucket",
            "opstream-actuator-redis",
            "opstream-actuator-cronjob");
    assertThat(rendered.names(StatefulSet.class)).containsExactly("opstream-planner");
    assertThat(rendered.names(Job.class)).containsExactly("opstream-topics");
    assertThat(rendered.one(Deployment.class, "opstream-watcher").getSpec().getReplicas())
        .isEqualTo(2);
    for (String kind : List.of("bucket", "redis", "cronjob")) {
      Deployment actuator = rendered.one(Deployment.class, "opstream-actuator-" + kind);
      assertThat(actuator.getSpec().getReplicas()).isEqualTo(1);
      assertThat(actuator.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
          .startsWith("actuator", kind);
    }
    assertThat(rendered.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(rendered.kind("ScaledObject")).isEmpty();
    assertThat(rendered.kind("ServiceMonitor")).isEmpty();
  }

  @Test
  void thePlannerStatefulSetKeepsItsStateOnAVolumePerInstance() {
    StatefulSet planner =
        OpstreamChart.withRequiredValues()
            .set("planner.persistence.storageClass", "gp3")
            .render()
            .one(StatefulSet.class, "opstream-planner");

    assertThat(planner.getSpec().getServiceName()).isEqualTo("opstream-planner-headless");
    assertThat(planner.getSpec().getVolumeClaimTemplates())
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(claim.getMetadata().getName()).isEqualTo("state");
              assertThat(claim.getSpec().getStorageClassName()).isEqualTo("gp3");
              assertThat(claim.getSpec().getResources().getRequests().get("storage"))
                  .hasToString("2Gi");
            });
    Container container = planner.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs())
        .containsSequence("--state-dir", "/var/lib/opstream-planner")
        .containsSequence(
            "--advertised-host", "$(POD_NAME).opstream-planner-headless.opstream-system.svc");
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo("state");
              assertThat(m.getMountPath()).isEqualTo("/var/lib/opstream-planner");
            });
  }

  @Test
  void aScaledSetupGivesEveryActuatorKindItsOwnReplicasAndAutoscaling() {
    Rendered rendered = OpstreamChart.withNoValues().values(SCALED).render();

    assertThat(rendered.one(Deployment.class, "opstream-actuator-bucket").getSpec().getReplicas())
        .isEqualTo(2);
    assertThat(rendered.one(Deployment.class, "opstream-actuator-redis").getSpec().getReplicas())
        .isEqualTo(5);
    // The HPA owns the cronjob actuator's replicas: the Deployment must not fight it.
    assertThat(rendered.one(Deployment.class, "opstream-actuator-cronjob").getSpec().getReplicas())
        .isNull();
    assertThat(rendered.all(HorizontalPodAutoscaler.class))
        .singleElement()
        .satisfies(
            hpa -> {
              assertThat(hpa.getSpec().getScaleTargetRef().getName())
                  .isEqualTo("opstream-actuator-cronjob");
              assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
              assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
            });
    assertThat(rendered.one(Deployment.class, "opstream-watcher").getSpec().getReplicas())
        .isEqualTo(3);

    Container redis = container(rendered.one(Deployment.class, "opstream-actuator-redis"));
    assertThat(redis.getArgs())
        .containsSequence("--concurrency", "4")
        .containsSequence("--action-timeout", "PT5M")
        .containsSequence("--kubeconfig", "/etc/opstream/kubeconfig/config")
        .containsSequence("--in-cluster-name", "eks");
    assertThat(redis.getResources().getRequests().get("memory")).hasToString("1Gi");
    Container bucket = container(rendered.one(Deployment.class, "opstream-actuator-bucket"));
    assertThat(bucket.getArgs())
        .containsSequence("--concurrency", "16")
        .containsSequence("--max-in-flight", "800")
        .containsSequence("--region", "eu-west-1")
        .doesNotContain("--kubeconfig", "--in-cluster-name");
    assertThat(bucket.getResources().getRequests().get("memory")).hasToString("384Mi");
  }

  @Test
  void changingOneKindsReplicasLeavesTheOthersAlone() {
    Rendered rendered =
        OpstreamChart.withRequiredValues().set("actuators.redis.replicas", 7).render();

    assertThat(rendered.one(Deployment.class, "opstream-actuator-redis").getSpec().getReplicas())
        .isEqualTo(7);
    assertThat(rendered.one(Deployment.class, "opstream-actuator-bucket").getSpec().getReplicas())
        .isEqualTo(1);
    assertThat(rendered.one(Deployment.class, "opstream-actuator-cronjob").getSpec().getReplicas())
        .isEqualTo(1);
  }

  @Test
  void aRemoteClusterGetsAWatcherWithItsOwnKubeconfigAndNoInClusterToken() {
    Rendered rendered = OpstreamChart.withNoValues().values(SCALED).render();

    Deployment edge = rendered.one(Deployment.class, "opstream-watcher-edge");
    assertThat(edge.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(container(edge).getArgs())
        .containsSequence("--kubeconfig", "/etc/opstream/kubeconfig/config")
        .containsSequence("--context", "edge-admin=edge")
        .doesNotContain("--cluster-name");
    assertThat(edge.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(Volume::getSecret)
        .filteredOn(java.util.Objects::nonNull)
        .extracting(s -> s.getSecretName())
        .contains("opstream-kubeconfig-edge");
    assertThat(edge.getMetadata().getLabels()).containsEntry("opstream.dev/cluster", "edge");
    Deployment local = rendered.one(Deployment.class, "opstream-watcher");
    assertThat(container(local).getArgs())
        .containsSequence("--cluster-name", "eks")
        .containsSequence("--namespaces", "shop,billing");
  }

  @Test
  void aPlannerDeploymentKeepsItsStateOnAnEmptyDirAndAdvertisesItsPodIp() {
    Rendered rendered = OpstreamChart.withNoValues().values(SCALED).render();

    assertThat(rendered.find(StatefulSet.class, "opstream-planner")).isEmpty();
    Deployment planner = rendered.one(Deployment.class, "opstream-planner");
    assertThat(planner.getSpec().getReplicas()).isEqualTo(4);
    assertThat(planner.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(planner.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("state");
              assertThat(v.getEmptyDir()).isNotNull();
            });
    assertThat(container(planner).getArgs())
        .containsSequence("--advertised-host", "$(POD_IP)")
        .containsSequence("--grace-period", "PT48H");
    assertThat(rendered.find(Service.class, "opstream-planner-headless")).isEmpty();
  }

  @Test
  void everyObjectCarriesTheStandardLabels() {
    for (OpstreamChart chart :
        List.of(OpstreamChart.withRequiredValues(), OpstreamChart.withNoValues().values(SCALED))) {
      for (HasMetadata object : chart.render().objects()) {
        assertThat(object.getMetadata().getLabels())
            .as(object.getKind() + " " + object.getMetadata().getName())
            .containsEntry("app.kubernetes.io/name", "opstream")
            .containsEntry("app.kubernetes.io/instance", OpstreamChart.RELEASE)
            .containsEntry("app.kubernetes.io/part-of", "opstream")
            .containsEntry("app.kubernetes.io/managed-by", "Helm")
            .containsEntry("app.kubernetes.io/version", "0.1.0")
            .containsKey("app.kubernetes.io/component")
            .containsEntry("helm.sh/chart", "opstream-0.1.0");
      }
    }
  }

  @Test
  void everyServiceContainerIsProbedOnItsHttpPortAndRunsAsNonRoot() {
    Rendered rendered = OpstreamChart.withNoValues().values(SCALED).withHooks().render();

    for (Rendered.Workload workload : rendered.workloads()) {
      Container container = workload.container();
      var pod = workload.template().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload.name()).isTrue();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getImage()).isEqualTo("opstream/opstream:0.1.0");
      if (workload.object() instanceof Job) {
        continue;
      }
      assertThat(container.getPorts())
          .singleElement()
          .satisfies(
              port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(8080);
              });
      assertThat(container.getArgs()).containsSequence("--http-port", "8080");
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
      assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
      assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
      assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
          .isEqualTo("http");
      assertThat(workload.template().getMetadata().getAnnotations())
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", "8080")
          .containsEntry("prometheus.io/path", "/metrics")
          .containsKey("checksum/kafka");
    }
  }

  @Test
  void theServiceMonitorScrapesEveryStagesServiceButNotTheHeadlessOne() {
    Rendered rendered = OpstreamChart.withNoValues().values(SCALED).render();

    HasMetadata monitor = rendered.kind("ServiceMonitor").get(0);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> spec =
        (java.util.Map<String, Object>)
            ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) monitor)
                .getAdditionalProperties()
                .get("spec");
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> selector =
        (java.util.Map<String, String>)
            ((java.util.Map<String, Object>) spec.get("selector")).get("matchLabels");
    List<String> scraped =
        rendered.all(Service.class).stream()
            .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .map(s -> s.getMetadata().getName())
            .toList();
    assertThat(scraped)
        .containsExactlyInAnyOrder(
            "opstream-watcher",
            "opstream-watcher-edge",
            "opstream-planner",
            "opstream-actuator-bucket",
            "opstream-actuator-redis",
            "opstream-actuator-cronjob");
  }

  @Test
  void theTopicsJobIsAHookWithItsOwnKafkaSettingsAndCanBeTurnedOff() {
    Rendered rendered = OpstreamChart.withNoValues().values(SCALED).withHooks().render();
    String hook = OpstreamChart.HOOK_ANNOTATION_IN_COPY + "hook";

    Job job = rendered.one(Job.class, "opstream-topics");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(hook, "pre-install,pre-upgrade")
        .containsEntry(hook + "-delete-policy", "before-hook-creation,hook-succeeded");
    assertThat(container(job).getArgs())
        .startsWith("topics", "create")
        .containsSequence("--partitions", "24")
        .containsSequence("--replication-factor", "3")
        .containsSequence("--min-insync-replicas", "2");
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("opstream-topics-kafka"));
    assertThat(
            rendered
                .one(io.fabric8.kubernetes.api.model.ConfigMap.class, "opstream-topics-kafka")
                .getMetadata()
                .getAnnotations())
        .containsEntry(hook, "pre-install,pre-upgrade")
        .containsEntry(hook + "-weight", "-10");
    assertThat(job.getMetadata().getAnnotations()).containsEntry(hook + "-weight", "0");

    Rendered off =
        OpstreamChart.withRequiredValues().set("topics.create", false).withHooks().render();
    assertThat(off.all(Job.class)).isEmpty();
    assertThat(off.find(io.fabric8.kubernetes.api.model.ConfigMap.class, "opstream-topics-kafka"))
        .isEmpty();
  }

  @Test
  void anActuatorWithNoClusterToActInIsRefused() {
    assertThatThrownBy(
            () -> OpstreamChart.withRequiredValues().set("actuators.inCluster", false).template())
        .hasMessageContaining("actuators.redis has no cluster to act in");
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Container container(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
