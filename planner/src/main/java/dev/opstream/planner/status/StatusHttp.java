package dev.opstream.planner.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.opstream.runtime.ServiceEndpoint;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status API and page, served on the planner's {@link ServiceEndpoint}:
 *
 * <ul>
 *   <li>{@code GET /status}: the statuses this instance holds, a JSON array sorted by app (with
 *       several planner instances each serves its own partitions' apps);
 *   <li>{@code GET /status/{cluster}/{namespace}/{name}}: one app's status as JSON; 404 when no
 *       instance has it; a 307 redirect to the instance that holds it when that is another one;
 *   <li>{@code GET /pipeline}: the pipeline's health, each stage's consumer lag (read in the
 *       background by a {@link LagMonitor}, so this never waits for Kafka);
 *   <li>{@code GET /}: an HTML page listing the apps and the pipeline's health, refreshed every 2
 *       seconds from {@code /status} and {@code /pipeline}.
 * </ul>
 *
 * {@code /apps} and {@code /apps/{cluster}/{namespace}/{name}} answer the same. 503 while the
 * stores are not ready.
 */
public final class StatusHttp {

  private static final Logger LOG = LoggerFactory.getLogger(StatusHttp.class);
  private static final String JSON = "application/json";
  private static final ObjectWriter WRITER = Json.newMapper().writer();

  private final StatusReader reader;
  private final Supplier<PipelineHealth> health;
  private final byte[] page;

  /** The statuses only; {@code /pipeline} says the health is not read. */
  public StatusHttp(StatusReader reader) {
    this(reader, PipelineHealth::notYetRead);
  }

  /**
   * @param reader where the statuses come from
   * @param health the latest reading of the pipeline's health (it must not block)
   */
  public StatusHttp(StatusReader reader, Supplier<PipelineHealth> health) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.health = Objects.requireNonNull(health, "health");
    this.page = resource("index.html");
  }

  /** Serves the API and the page on {@code endpoint}. */
  public void register(ServiceEndpoint endpoint) {
    endpoint.addHandler("/status", handler("/status"));
    endpoint.addHandler("/apps", handler("/apps"));
    endpoint.addHandler("/pipeline", this::pipeline);
    endpoint.addHandler("/", this::page);
  }

  private HttpHandler handler(String prefix) {
    return exchange -> {
      try {
        if (!readOnly(exchange)) {
          return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals(prefix) || path.equals(prefix + "/")) {
          ServiceEndpoint.respond(exchange, 200, JSON, json(reader.all()));
        } else if (path.startsWith(prefix + "/")) {
          one(exchange, prefix, path.substring(prefix.length() + 1));
        } else {
          ServiceEndpoint.respond(exchange, 404, JSON, error("no such path: " + path));
        }
      } catch (StatusReader.Unavailable e) {
        ServiceEndpoint.respond(exchange, 503, JSON, error(e.getMessage()));
      } catch (RuntimeException e) {
        LOG.warn("Status request {} failed", exchange.getRequestURI(), e);
        ServiceEndpoint.respond(exchange, 500, JSON, error(String.valueOf(e.getMessage())));
      }
    };
  }

  private void one(HttpExchange exchange, String prefix, String key) throws IOException {
    AppKey app;
    try {
      app = AppKey.parse(key.endsWith("/") ? key.substring(0, key.length() - 1) : key);
    } catch (IllegalArgumentException e) {
      ServiceEndpoint.respond(exchange, 400, JSON, error(e.getMessage()));
      return;
    }
    Optional<AppStatus> status = reader.find(app);
    if (status.isPresent()) {
      ServiceEndpoint.respond(exchange, 200, JSON, json(status.get()));
      return;
    }
    Optional<URI> elsewhere = reader.elsewhere(app);
    if (elsewhere.isPresent()) {
      String location = elsewhere.get() + prefix + "/" + app;
      exchange.getResponseHeaders().set("Location", location);
      ServiceEndpoint.respond(
          exchange, 307, JSON, error("the status of " + app + " is served by " + elsewhere.get()));
      return;
    }
    ServiceEndpoint.respond(
        exchange, 404, JSON, error("no status for " + app + ": opstream does not manage it"));
  }

  private void pipeline(HttpExchange exchange) throws IOException {
    if (!readOnly(exchange)) {
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/pipeline") && !path.equals("/pipeline/")) {
      ServiceEndpoint.respond(exchange, 404, JSON, error("no such path: " + path));
      return;
    }
    ServiceEndpoint.respond(exchange, 200, JSON, json(health.get()));
  }

  private void page(HttpExchange exchange) throws IOException {
    if (!readOnly(exchange)) {
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/") && !path.equals("/index.html")) {
      ServiceEndpoint.respond(exchange, 404, "text/plain", "not found\n");
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(200, head ? -1 : page.length);
      if (!head) {
        exchange.getResponseBody().write(page);
      }
    }
  }

  private static boolean readOnly(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    ServiceEndpoint.respond(exchange, 405, JSON, error("only GET and HEAD are allowed"));
    return false;
  }

  private static String json(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static String error(String message) {
    return json(Map.of("error", message));
  }

  private static byte[] resource(String name) {
    try (InputStream in = StatusHttp.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
