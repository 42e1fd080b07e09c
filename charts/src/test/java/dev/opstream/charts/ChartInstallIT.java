package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Helm installs, upgrades and uninstalls the chart in the in-process Kubernetes API server.
 * The topics hook is off there: no pod would run its Job, and Helm validates hook manifests against
 * the server's OpenAPI document even with {@code disableOpenApiValidation()} (the in-process server
 * has none), so a hook fails to install there before it could run.
 */
@ExtendWith(KubeApiServerExtension.class)
class ChartInstallIT {

  private static final Duration HELM_TIMEOUT = Duration.ofSeconds(120);

  private final ExecutorService helmThreads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "helm");
            thread.setDaemon(true);
            return thread;
          });
  private KubernetesClient client;
  private Path kubeconfig;
  private String namespace;
  private String release;

  @BeforeEach
  void setUp(KubeApiServer server, @TempDir Path dir) {
    client = server.client();
    kubeconfig = KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server));
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    namespace = "opstream-" + suffix;
    release = "ops-" + suffix;
    for (String name : List.of(namespace, "shop", "billing")) {
      if (client.namespaces().withName(name).get() == null) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
      }
    }
  }

  @AfterEach
  void tearDown() {
    helmThreads.shutdownNow();
  }

  @Test
  void installsAScaledSetupScalesOneActuatorAloneAndUninstallsEverything() throws Exception {
    Release installed =
        helm(
            () ->
                new Helm(OpstreamChart.DIRECTORY)
                    .install()
                    .withName(release)
                    .withNamespace(namespace)
                    .withKubeConfig(kubeconfig)
                    .disableOpenApiValidation()
                    .withValuesFile(
                        Path.of("src/test/resources/scaled-values.yaml").toAbsolutePath())
                    .set("topics.create", "false")
                    .set("metrics.serviceMonitor.enabled", "false")
                    .call());

    assertThat(installed.getStatus()).isEqualTo("deployed");
    assertThat(installed.getOutput())
        .contains("annotate deployment <name> opstream.dev/enabled=true")
        .contains("port-forward svc/" + release + "-planner 8080:8080")
        .contains("Topic creation is off");
    assertThat(replicas())
        .containsEntry(release + "-watcher", 3)
        .containsEntry(release + "-watcher-edge", 3)
        .containsEntry(release + "-planner", 4)
        .containsEntry(release + "-actuator-bucket", 2)
        .containsEntry(release + "-actuator-redis", 5);
    assertThat(replicas()).containsKey(release + "-actuator-cronjob");
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(namespace)
                .list()
                .getItems())
        .extracting(h -> h.getSpec().getScaleTargetRef().getName())
        .containsExactly(release + "-actuator-cronjob");
    assertThat(client.rbac().clusterRoles().withName(release + "-actuator-redis").get())
        .isNotNull();
    assertThat(client.rbac().clusterRoleBindings().withName(release + "-actuator-cronjob").get())
        .isNotNull();
    for (String watched : List.of("shop", "billing")) {
      assertThat(client.rbac().roles().inNamespace(watched).withName(release + "-watcher").get())
          .isNotNull();
    }
    assertThat(
            client.configMaps().inNamespace(namespace).withName(release + "-kafka").get().getData())
        .containsKey("client.properties");
    assertThat(client.serviceAccounts().inNamespace(namespace).list().getItems())
        .extracting(a -> a.getMetadata().getName())
        .contains(release + "-watcher", release + "-planner", release + "-actuator-bucket");

    Release upgraded =
        helm(
            () ->
                new Helm(OpstreamChart.DIRECTORY)
                    .upgrade()
                    .withName(release)
                    .withNamespace(namespace)
                    .withKubeConfig(kubeconfig)
                    .disableOpenApiValidation()
                    .withValuesFile(
                        Path.of("src/test/resources/scaled-values.yaml").toAbsolutePath())
                    .set("topics.create", "false")
                    .set("metrics.serviceMonitor.enabled", "false")
                    .set("actuators.redis.replicas", "8")
                    .call());

    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(replicas())
        .containsEntry(release + "-actuator-redis", 8)
        .containsEntry(release + "-actuator-bucket", 2)
        .containsEntry(release + "-planner", 4)
        .containsEntry(release + "-watcher", 3);

    helm(() -> Helm.uninstall(release).withNamespace(namespace).withKubeConfig(kubeconfig).call());

    assertThat(client.apps().deployments().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace(namespace).list().getItems())
        .noneMatch(c -> c.getMetadata().getName().startsWith(release));
    assertThat(client.rbac().clusterRoles().withName(release + "-actuator-redis").get()).isNull();
    assertThat(client.rbac().clusterRoleBindings().withName(release + "-watcher").get()).isNull();
    assertThat(client.rbac().roles().inNamespace("shop").withName(release + "-watcher").get())
        .isNull();
    assertThat(client.secrets().inNamespace(namespace).withLabel("owner", "helm").list().getItems())
        .isEmpty();
  }

  private Map<String, Integer> replicas() {
    Map<String, Integer> replicas =
        client.apps().deployments().inNamespace(namespace).list().getItems().stream()
            .collect(
                Collectors.toMap(
                    d -> d.getMetadata().getName(),
                    d -> d.getSpec().getReplicas() == null ? -1 : d.getSpec().getReplicas()));
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(s -> replicas.put(s.getMetadata().getName(), s.getSpec().getReplicas()));
    return replicas;
  }

  /** Runs a Helm call with a timeout: a hung native call must not hang the build. */
  private <T> T helm(Callable<T> call) throws Exception {
    return helmThreads.submit(call).get(HELM_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
