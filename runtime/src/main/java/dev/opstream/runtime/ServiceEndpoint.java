package dev.opstream.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint every long-running stage serves: {@code /healthz} (the process is alive),
 * {@code /readyz} (it is ready to do its work, e.g. informers synced, partitions assigned) and
 * {@code /metrics} (Prometheus text format). A stage may add its own paths (the planner's status
 * API).
 */
public final class ServiceEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private ServiceEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code address} (port 0 picks a free one).
   *
   * @param registry the metrics to expose
   * @param ready whether the stage is ready; asked on every {@code /readyz} request
   */
  public static ServiceEndpoint start(
      InetSocketAddress address, PrometheusRegistry registry, BooleanSupplier ready) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve health and metrics on " + address, e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "service-endpoint");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          boolean isReady = ready.getAsBoolean();
          respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
        });
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    server.createContext(
        "/metrics",
        exchange -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          writer.write(body, registry.scrape());
          respond(exchange, 200, writer.getContentType(), body.toByteArray());
        });
    server.start();
    ServiceEndpoint endpoint = new ServiceEndpoint(server, executor);
    LOG.info("Serving /healthz, /readyz and /metrics on port {}", endpoint.port());
    return endpoint;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Serves {@code handler} under {@code path} as well. */
  public void addHandler(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** Answers a request with a body; for handlers added with {@link #addHandler}. */
  public static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
