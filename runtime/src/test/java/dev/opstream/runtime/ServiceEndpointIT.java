package dev.opstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServiceEndpointIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void reportsHealthReadinessAndMetrics() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter observed =
        Counter.builder().name("opstream_test_events").help("events").register(registry);
    AtomicBoolean ready = new AtomicBoolean(false);

    try (ServiceEndpoint endpoint =
        ServiceEndpoint.start(new InetSocketAddress("127.0.0.1", 0), registry, ready::get)) {
      assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(endpoint, "/readyz").statusCode()).isEqualTo(503);

      ready.set(true);
      observed.inc(3);

      assertThat(get(endpoint, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(endpoint, "/metrics").body()).contains("opstream_test_events_total 3.0");
    }
  }

  @Test
  void servesHandlersAStageAdds() throws Exception {
    try (ServiceEndpoint endpoint =
        ServiceEndpoint.start(
            new InetSocketAddress("127.0.0.1", 0), new PrometheusRegistry(), () -> true)) {
      endpoint.addHandler(
          "/status",
          exchange -> ServiceEndpoint.respond(exchange, 200, "application/json", "{\"apps\":[]}"));

      HttpResponse<String> status = get(endpoint, "/status");

      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).isEqualTo("{\"apps\":[]}");
    }
  }

  private HttpResponse<String> get(ServiceEndpoint endpoint, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
