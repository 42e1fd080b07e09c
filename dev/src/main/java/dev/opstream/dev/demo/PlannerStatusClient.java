package dev.opstream.dev.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads app statuses from the planner's status API ({@code GET /status/{app}}). */
final class PlannerStatusClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = Json.newMapper();

  /**
   * @param base the status page's URL ({@code http://host:port/})
   */
  PlannerStatusClient(URI base) {
    this.base = base;
  }

  /** The app's status; empty when the planner has none (404) or cannot answer now. */
  Optional<AppStatus> status(AppKey app) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("status/" + app)).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(json.readValue(response.body(), AppStatus.class));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException(DemoException.Reason.RETRYABLE, "interrupted", e);
    }
  }
}
