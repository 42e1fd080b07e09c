package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extensions over the fabric8 CRUD mock, seen by HTTP and fabric8 clients. */
@ExtendWith(KubeApiServerExtension.class)
class KubeApiServerIT {

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
  private static final String AGGREGATED_DISCOVERY =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
  private KubeApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void setUp(KubeApiServer server) {
    this.server = server;
    this.client = server.client();
  }

  @Test
  void servesCoreDiscoveryAndVersion() throws Exception {
    assertThat(json(get("/api")).path("versions").toString()).contains("v1");
    JsonNode core = json(get("/api/v1"));
    assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
    assertThat(resourceNames(core))
        .contains(
            "namespaces",
            "pods",
            "services",
            "secrets",
            "configmaps",
            "serviceaccounts",
            "events",
            "persistentvolumeclaims");
    assertThat(json(get("/version")).path("gitVersion").asText()).startsWith("v1.");
  }

  @Test
  void servesGroupDiscovery() throws Exception {
    JsonNode groups = json(get("/apis"));
    assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
    assertThat(groups.findValuesAsText("name"))
        .contains("apps", "batch", "coordination.k8s.io", "events.k8s.io");
    assertThat(resourceNames(json(get("/apis/apps/v1")))).contains("deployments");
    assertThat(resourceNames(json(get("/apis/batch/v1")))).contains("jobs", "cronjobs");
    assertThat(resourceNames(json(get("/apis/coordination.k8s.io/v1")))).contains("leases");
    assertThat(resourceNames(json(get("/apis/events.k8s.io/v1")))).contains("events");
    assertThat(json(get("/apis/apps")).path("preferredVersion").path("version").asText())
        .isEqualTo("v1");
  }

  @Test
  void servesTheGroupVersionOfACustomResourceDefinitionOnceCreated() throws Exception {
    assertThat(get("/apis/backups.opstream.dev/v1").statusCode()).isEqualTo(404);

    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("snapshots.backups.opstream.dev")
                .endMetadata()
                .withNewSpec()
                .withGroup("backups.opstream.dev")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Snapshot")
                .withPlural("snapshots")
                .withSingular("snapshot")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();

    assertThat(resourceNames(json(get("/apis/backups.opstream.dev/v1")))).contains("snapshots");
  }

  @Test
  void answersAggregatedDiscoveryRequestsWithLegacyDocuments() throws Exception {
    HttpResponse<String> response = get("/apis", AGGREGATED_DISCOVERY);

    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(json(response).path("kind").asText()).isEqualTo("APIGroupList");
  }

  @Test
  void answersUnknownPathsWithNotFoundStatus() throws Exception {
    HttpResponse<String> response = get("/openapi/v2");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("kind").asText()).isEqualTo("Status");
  }

  @Test
  void listsWithTypedListKinds() throws Exception {
    client.resource(KubectlIT.deployment("typed-lists", "app")).create();
    client.resource(configMap("typed-lists", "settings")).create();

    JsonNode deployments = json(get("/apis/apps/v1/namespaces/typed-lists/deployments"));
    JsonNode configMaps = json(get("/api/v1/configmaps"));

    assertThat(deployments.path("kind").asText()).isEqualTo("DeploymentList");
    assertThat(deployments.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(configMaps.path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(configMaps.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(client.apps().deployments().inNamespace("typed-lists").list().getItems()).hasSize(1);
  }

  @Test
  void createsWithServerSideApplyThenMergesTheNextApply() {
    ConfigMap first = configMap("server-side-apply", "applied");
    client.resource(first).serverSideApply();

    client
        .configMaps()
        .inNamespace("server-side-apply")
        .withName("applied")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("added-by-edit", "kept").build());
    ConfigMap second =
        new ConfigMapBuilder(first).addToData("colour", "green").addToData("size", "L").build();
    ConfigMap applied = client.resource(second).serverSideApply();

    assertThat(applied.getData())
        .containsEntry("colour", "green")
        .containsEntry("size", "L")
        .containsEntry("added-by-edit", "kept");
    assertThat(applied.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(org.assertj.core.groups.Tuple.tuple("fabric8", "Apply"));
  }

  @Test
  void mergesContainersByNameWithAStrategicMergePatch() {
    client.resource(KubectlIT.deployment("strategic-merge", "app")).create();

    Deployment patched =
        client
            .apps()
            .deployments()
            .inNamespace("strategic-merge")
            .withName("app")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                    + "[{\"name\":\"sidecar\",\"image\":\"busybox:1\"}]}}}}");

    assertThat(patched.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName())
        .containsExactly("app", "sidecar");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void removesFieldsSetToNullWithAMergePatch() {
    client
        .resource(
            new ConfigMapBuilder(configMap("merge-patch", "settings"))
                .editMetadata()
                .addToAnnotations("remove-me", "x")
                .endMetadata()
                .build())
        .create();

    ConfigMap patched =
        client
            .configMaps()
            .inNamespace("merge-patch")
            .withName("settings")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"remove-me\":null}}}");

    assertThat(patched.getMetadata().getAnnotations()).doesNotContainKey("remove-me");
  }

  @Test
  void answersInternalErrorInsteadOfHangingWhenTheMockFails() throws Exception {
    client.resource(configMap("failing-patch", "settings")).create();
    // A JSON patch whose "test" operation fails makes the CRUD mock throw.
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.url() + "/api/v1/namespaces/failing-patch/configmaps/settings"))
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json-patch+json")
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofString(
                    "[{\"op\":\"test\",\"path\":\"/data/colour\",\"value\":\"purple\"}]"))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode status = json(response);
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("InternalError");
  }

  @Test
  void answersBadRequestForABodyThatIsNotJson() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{not json"))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("reason").asText()).isEqualTo("BadRequest");
  }

  @Test
  void createsMissingNamespacesAndDeletesTheirContentsWithThem() {
    client.resource(configMap("implicit-namespace", "settings")).create();

    assertThat(client.namespaces().withName("implicit-namespace").get()).isNotNull();

    client.namespaces().withName("implicit-namespace").delete();

    assertThat(client.configMaps().inNamespace("implicit-namespace").list().getItems()).isEmpty();
  }

  @Test
  void answersConflictsWithTheReasonsClientsTestFor() {
    client.resource(configMap("conflicts", "settings")).create();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> client.resource(configMap("conflicts", "settings")).create())
        .isInstanceOfSatisfying(
            io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
            });
  }

  @Test
  void deliversChangesToFabric8Informers() throws InterruptedException {
    client.resource(KubectlIT.deployment("informers", "watched")).create();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (SharedIndexInformer<Deployment> informer =
        client
            .apps()
            .deployments()
            .inNamespace("informers")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    seen.add("added");
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment after) {
                    seen.add(
                        after
                            .getMetadata()
                            .getAnnotations()
                            .getOrDefault("opstream.dev/enabled", "-"));
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {
                    seen.add("deleted");
                  }
                })) {
      Eventually.until(
          Duration.ofSeconds(10), () -> informer.hasSynced() && seen.contains("added"));

      client
          .apps()
          .deployments()
          .inNamespace("informers")
          .withName("watched")
          .edit(
              d -> {
                d.getMetadata().getAnnotations().put("opstream.dev/enabled", "true");
                return d;
              });

      Eventually.until(Duration.ofSeconds(10), () -> seen.contains("true"));
    }
  }

  @Test
  void answersPlainHttpWatchesWithAFiniteStreamOfNewerObjects() throws Exception {
    ConfigMap created = client.resource(configMap("http-watch", "first")).create();
    client.resource(configMap("http-watch", "second")).create();

    HttpResponse<String> all = get("/api/v1/namespaces/http-watch/configmaps?watch=true");
    HttpResponse<String> newer =
        get(
            "/api/v1/namespaces/http-watch/configmaps?watch=true&resourceVersion="
                + created.getMetadata().getResourceVersion());

    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body().lines().map(this::eventSummary))
        .containsExactlyInAnyOrder("ADDED first", "ADDED second");
    assertThat(newer.body().lines().map(this::eventSummary)).containsExactly("ADDED second");
  }

  @Test
  void forgetsRequestsOnceTheyAreAnswered() throws Exception {
    for (int i = 0; i < 200; i++) {
      get("/api/v1/namespaces/default/configmaps");
    }

    assertThat(server.pollRecordedRequest()).isNull();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(path, "application/json");
  }

  private HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(HTTP_TIMEOUT)
            .header("Accept", accept)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String eventSummary(String line) {
    try {
      JsonNode event = mapper.readTree(line);
      return event.path("type").asText()
          + " "
          + event.path("object").path("metadata").path("name").asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return mapper.readTree(response.body());
  }

  private static List<String> resourceNames(JsonNode resourceList) {
    return resourceList.path("resources").findValuesAsText("name");
  }

  private static ConfigMap configMap(String namespace, String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .addToData("colour", "blue")
        .build();
  }
}
