package dev.opstream.planner.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.planner.core.AppState;
import dev.opstream.planner.core.Planner;
import dev.opstream.planner.core.PlannerInput.DeploymentSeen;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.runtime.ServiceEndpoint;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.serde.Json;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status API and page over HTTP, reading statuses the pure planner computed. */
class StatusHttpIT {

  private static final AppKey CART = new AppKey("prod", "shop", "cart");
  private static final AppKey BILLING = new AppKey("prod", "billing", "invoices");
  private static final AppKey ELSEWHERE = new AppKey("prod", "shop", "far-away");
  private static final PipelineHealth HEALTH =
      new PipelineHealth(
          Instant.parse("2026-03-01T10:00:05Z"),
          List.of(
              new StageLag(
                  "planner",
                  "opstream-planner",
                  List.of("opstream.deployments"),
                  3,
                  1,
                  "STABLE",
                  null)),
          null);

  private final JsonMapper json = Json.newMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TreeMap<AppKey, AppStatus> statuses = new TreeMap<>();
  private boolean unavailable;
  private ServiceEndpoint endpoint;

  @BeforeEach
  void serve() {
    Planner planner = new Planner(PlanningPolicy.defaults());
    for (AppKey app : List.of(CART, BILLING)) {
      DeploymentObserved deployment =
          DeploymentObserved.of(
              app,
              "uid",
              "1",
              1,
              Map.of(Annotations.ENABLED, "true"),
              Map.of(),
              Instant.parse("2026-03-01T10:00:00Z"));
      statuses.put(
          app,
          planner
              .step(
                  AppState.empty(app),
                  new DeploymentSeen(deployment, "in-1"),
                  deployment.observedAt())
              .decisions()
              .status());
    }
    endpoint =
        ServiceEndpoint.start(
            new InetSocketAddress("127.0.0.1", 0), new PrometheusRegistry(), () -> true);
    new StatusHttp(new MapReader(), () -> HEALTH).register(endpoint);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void listsEveryAppStatusAsJsonSortedByApp() throws Exception {
    HttpResponse<String> response = get("/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode apps = json.readTree(response.body());
    assertThat(apps.isArray()).isTrue();
    List<String> keys = new ArrayList<>();
    apps.forEach(app -> keys.add(app.get("app").asText()));
    assertThat(keys).containsExactly(BILLING.toString(), CART.toString());
    assertThat(json.treeToValue(apps.get(1), AppStatus.class)).isEqualTo(statuses.get(CART));
  }

  @Test
  void servesOneAppsStatus() throws Exception {
    HttpResponse<String> response = get("/status/prod/shop/cart");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readValue(response.body(), AppStatus.class)).isEqualTo(statuses.get(CART));
    assertThat(get("/apps/prod/shop/cart").body()).isEqualTo(response.body());
  }

  @Test
  void answersNotFoundForAnAppNoInstanceHolds() throws Exception {
    HttpResponse<String> response = get("/status/prod/shop/unknown");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no status for prod/shop/unknown");
  }

  @Test
  void redirectsToTheInstanceThatHoldsTheApp() throws Exception {
    HttpResponse<String> response = get("/status/" + ELSEWHERE);

    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("http://planner-1:8080/status/" + ELSEWHERE);
  }

  @Test
  void explainsAKeyThatIsNotAnAppKey() throws Exception {
    HttpResponse<String> response = get("/status/Not_A/key");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("error").asText())
        .contains("cluster/namespace/name");
  }

  @Test
  void saysServiceUnavailableWhileTheStoresAreNotReady() throws Exception {
    unavailable = true;

    assertThat(get("/status").statusCode()).isEqualTo(503);
  }

  @Test
  void refusesAnythingButReading() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void servesAStatusPageThatPollsTheApi() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body())
        .contains("id=\"apps-table\"", "id=\"pipeline-table\"", "setTimeout(refresh, 2000)");
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void servesThePipelinesHealthAsJson() throws Exception {
    HttpResponse<String> response = get("/pipeline");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json.readValue(response.body(), PipelineHealth.class)).isEqualTo(HEALTH);
    assertThat(get("/pipeline/more").statusCode()).isEqualTo(404);
  }

  @Test
  void keepsHealthAndMetricsBesideTheStatus() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.port() + path);
  }

  /** The statuses above, as a planner instance holding them would answer. */
  private final class MapReader implements StatusReader {
    @Override
    public List<AppStatus> all() {
      check();
      return List.copyOf(statuses.values());
    }

    @Override
    public Optional<AppStatus> find(AppKey app) {
      check();
      return Optional.ofNullable(statuses.get(app));
    }

    @Override
    public Optional<URI> elsewhere(AppKey app) {
      return app.equals(ELSEWHERE)
          ? Optional.of(URI.create("http://planner-1:8080"))
          : Optional.empty();
    }

    private void check() {
      if (unavailable) {
        throw new StatusReader.Unavailable("rebalancing", null);
      }
    }
  }
}
