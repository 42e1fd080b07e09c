package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl binary against the local API server. */
@ExtendWith(KubeApiServerExtension.class)
class KubectlIT {

  private final ObjectMapper mapper = new ObjectMapper();
  private KubernetesClient client;
  private Kubectl kubectl;
  private Path dir;

  @BeforeEach
  void setUp(KubeApiServer server, @TempDir Path dir) {
    this.client = server.client();
    this.dir = dir;
    this.kubectl = Kubectl.using(KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server)));
  }

  @Test
  void getsDeploymentsOfAllNamespacesAsJson() throws Exception {
    client.resource(deployment("kubectl-get-a", "one")).create();
    client.resource(deployment("kubectl-get-b", "two")).create();

    JsonNode list = mapper.readTree(kubectl.ok("get", "deployments", "-A", "-o", "json"));

    List<String> names = names(list);
    assertThat(names).contains("kubectl-get-a/one", "kubectl-get-b/two");
    assertThat(list.path("items").path(0).path("kind").asText()).isEqualTo("Deployment");
  }

  @Test
  void printsTheDefaultTableOfDeployments() {
    client.resource(deployment("kubectl-table", "shown")).create();

    String table = kubectl.ok("get", "deployments", "-n", "kubectl-table");

    assertThat(table).contains("NAME").contains("shown");
  }

  @Test
  void annotatesADeploymentVisiblyToOtherClients() {
    client.resource(deployment("kubectl-annotate", "app")).create();

    kubectl.ok(
        "annotate", "deployment", "app", "-n", "kubectl-annotate", "opstream.dev/enabled=true");

    assertThat(get("kubectl-annotate", "app").getMetadata().getAnnotations())
        .containsEntry("opstream.dev/enabled", "true");

    kubectl.ok("annotate", "deployment", "app", "-n", "kubectl-annotate", "opstream.dev/enabled-");

    assertThat(get("kubectl-annotate", "app").getMetadata().getAnnotations())
        .doesNotContainKey("opstream.dev/enabled");
  }

  @Test
  void describesADeploymentWithItsOwnEventsOnly() {
    Deployment web = client.resource(deployment("kubectl-describe", "web")).create();
    client.resource(deployment("kubectl-describe", "other")).create();
    client.resource(event("web-created", web, "BucketCreated", "S3 bucket created")).create();
    Deployment other = get("kubectl-describe", "other");
    client.resource(event("other-failed", other, "RedisFailed", "not for web")).create();

    String description = kubectl.ok("describe", "deployment", "web", "-n", "kubectl-describe");

    assertThat(description).contains("BucketCreated").contains("S3 bucket created");
    assertThat(description).doesNotContain("RedisFailed");
  }

  @Test
  void defaultsReplicasLikeARealApiServerSoDescribeWorks() throws Exception {
    Path manifest = dir.resolve("no-replicas.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: shop, namespace: kubectl-defaults}
        spec:
          selector: {matchLabels: {app: shop}}
          template:
            metadata: {labels: {app: shop}}
            spec: {containers: [{name: shop, image: nginx}]}
        """);

    kubectl.ok("apply", "--validate=false", "-f", manifest.toString());

    assertThat(get("kubectl-defaults", "shop").getSpec().getReplicas()).isEqualTo(1);
    assertThat(kubectl.ok("describe", "deployment", "shop", "-n", "kubectl-defaults"))
        .contains("1 desired");
  }

  private static Event event(String name, Deployment about, String reason, String message) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(about.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(about.getMetadata().getName())
        .withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid())
        .endInvolvedObject()
        .withType("Normal")
        .withReason(reason)
        .withMessage(message)
        .withNewSource("opstream", null)
        .withCount(1)
        .withFirstTimestamp("2026-11-22T00:00:00Z")
        .withLastTimestamp("2026-11-22T00:00:00Z")
        .build();
  }

  @Test
  void labelsADeployment() {
    client.resource(deployment("kubectl-label", "app")).create();

    kubectl.ok("label", "deployment", "app", "-n", "kubectl-label", "tier=backend");

    assertThat(get("kubectl-label", "app").getMetadata().getLabels())
        .containsEntry("tier", "backend")
        .containsEntry("app", "app");
    assertThat(
            kubectl.ok(
                "get", "deployments", "-n", "kubectl-label", "-l", "tier=backend", "-o", "name"))
        .contains("deployment.apps/app");
  }

  @Test
  void patchesContainersByNameWithAStrategicMergePatch() {
    Deployment twoContainers =
        new DeploymentBuilder(deployment("kubectl-patch", "app"))
            .editSpec()
            .editTemplate()
            .editSpec()
            .addNewContainer()
            .withName("sidecar")
            .withImage("busybox:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(twoContainers).create();

    kubectl.ok(
        "patch",
        "deployment",
        "app",
        "-n",
        "kubectl-patch",
        "-p",
        "{\"spec\":{\"replicas\":3,\"template\":{\"spec\":{\"containers\":"
            + "[{\"name\":\"sidecar\",\"image\":\"busybox:2\"}]}}}}");

    Deployment patched = get("kubectl-patch", "app");
    assertThat(patched.getSpec().getReplicas()).isEqualTo(3);
    assertThat(patched.getSpec().getTemplate().getSpec().getContainers())
        .extracting(Container::getName, Container::getImage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("app", "nginx:1.27"),
            org.assertj.core.groups.Tuple.tuple("sidecar", "busybox:2"));
  }

  @Test
  void appliesAManifestAndThenAChangeToIt() throws Exception {
    Path manifest = dir.resolve("manifest.yaml");
    Files.writeString(manifest, manifest("kubectl-apply", "1", "blue", "  obsolete: \"yes\"\n"));

    kubectl.ok("apply", "--validate=false", "-f", manifest.toString());

    assertThat(get("kubectl-apply", "web").getSpec().getReplicas()).isEqualTo(1);
    assertThat(configMap("kubectl-apply", "web-config").getData())
        .containsEntry("colour", "blue")
        .containsEntry("obsolete", "yes");

    Files.writeString(manifest, manifest("kubectl-apply", "2", "green", ""));
    kubectl.ok("apply", "--validate=false", "-f", manifest.toString());

    assertThat(get("kubectl-apply", "web").getSpec().getReplicas()).isEqualTo(2);
    assertThat(configMap("kubectl-apply", "web-config").getData())
        .containsEntry("colour", "green")
        .doesNotContainKey("obsolete");
  }

  @Test
  void appliesServerSide() throws Exception {
    Path manifest = dir.resolve("server-side.yaml");
    Files.writeString(manifest, manifest("kubectl-server-side", "1", "red", ""));

    kubectl.ok("apply", "--server-side", "--validate=false", "-f", manifest.toString());
    Files.writeString(manifest, manifest("kubectl-server-side", "4", "yellow", ""));
    kubectl.ok("apply", "--server-side", "--validate=false", "-f", manifest.toString());

    Deployment applied = get("kubectl-server-side", "web");
    assertThat(applied.getSpec().getReplicas()).isEqualTo(4);
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("kubectl"));
    assertThat(configMap("kubectl-server-side", "web-config").getData())
        .containsEntry("colour", "yellow");
  }

  @Test
  void createsSecretsKubectlSendsAsProtobuf() {
    kubectl.ok(
        "create", "secret", "generic", "token", "-n", "kubectl-secret", "--from-literal=key=v4lue");

    Secret secret = client.secrets().inNamespace("kubectl-secret").withName("token").get();
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get("key")), StandardCharsets.UTF_8))
        .isEqualTo("v4lue");
    assertThat(secret.getType()).isEqualTo("Opaque");
  }

  @Test
  void deletesADeployment() {
    client.resource(deployment("kubectl-delete", "app")).create();

    kubectl.ok("delete", "deployment", "app", "-n", "kubectl-delete");

    assertThat(get("kubectl-delete", "app")).isNull();
    Kubectl.Result again = kubectl.run("delete", "deployment", "app", "-n", "kubectl-delete");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.stderr()).contains("NotFound");
  }

  @Test
  void listsNamespacesCreatedImplicitly() {
    client.resource(deployment("kubectl-implicit-ns", "app")).create();

    assertThat(kubectl.ok("get", "namespaces", "-o", "name"))
        .contains("namespace/default")
        .contains("namespace/kubectl-implicit-ns");
  }

  @Test
  void reachesEachServerOfAMultiServerKubeconfigByContext() throws Exception {
    try (KubeApiServer east = KubeApiServer.start("east");
        KubeApiServer west = KubeApiServer.start("west")) {
      Kubectl both =
          Kubectl.using(KubeConfigFile.write(dir.resolve("two-clusters"), List.of(east, west)));

      both.ok("--context", "east", "create", "configmap", "where", "--from-literal=cluster=east");
      both.ok("--context", "west", "create", "configmap", "where", "--from-literal=cluster=west");

      assertThat(east.client().configMaps().withName("where").get().getData())
          .containsEntry("cluster", "east");
      assertThat(west.client().configMaps().withName("where").get().getData())
          .containsEntry("cluster", "west");
      assertThat(both.ok("config", "current-context").trim()).isEqualTo("east");
    }
  }

  private Deployment get(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private ConfigMap configMap(String namespace, String name) {
    return client.configMaps().inNamespace(namespace).withName(name).get();
  }

  private static List<String> names(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.path("items").spliterator(), false)
        .map(
            i ->
                i.path("metadata").path("namespace").asText()
                    + "/"
                    + i.path("metadata").path("name").asText())
        .collect(Collectors.toList());
  }

  static Deployment deployment(String namespace, String name) {
    return Deployments.deployment(namespace, name, Map.of());
  }

  private static String manifest(
      String namespace, String replicas, String colour, String extraData) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %1$s
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
          namespace: %1$s
        data:
          colour: %3$s
        %4$s---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: %1$s
        spec:
          replicas: %2$s
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: nginx:1.27
        """
        .formatted(namespace, replicas, colour, extraData);
  }
}
