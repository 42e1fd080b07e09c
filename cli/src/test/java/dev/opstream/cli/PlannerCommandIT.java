package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code opstream planner} runs against a real broker, serves its status, and stops cleanly. */
@ExtendWith(KafkaBrokerExtension.class)
class PlannerCommandIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void runsTheStatusPageAndStopsWhenInterrupted(KafkaBroker broker) throws Exception {
    assertThat(run(broker, "topics", "create", "--replication-factor", "1")).isZero();
    int port = freePort();
    Path stateDir = Files.createTempDirectory("opstream-planner-cli-");
    StringWriter out = new StringWriter();
    AtomicInteger exitCode = new AtomicInteger(-1);
    Thread planner =
        new Thread(
            () -> {
              CommandLine commandLine = OpstreamCommand.commandLine();
              commandLine.setOut(new PrintWriter(out));
              exitCode.set(
                  commandLine.execute(
                      "planner",
                      "--bootstrap-servers",
                      broker.bootstrapServers(),
                      "--application-id",
                      "planner-cli-" + UUID.randomUUID().toString().substring(0, 8),
                      "--state-dir",
                      stateDir.toString(),
                      "--http-port",
                      Integer.toString(port),
                      "--grace-period",
                      "PT0S"));
            },
            "planner-command");
    planner.start();

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> status(port, "/readyz") == 200);
    assertThat(get(port, "/status").body()).startsWith("[");
    assertThat(get(port, "/").body()).contains("<title>opstream: apps and pipeline</title>");
    assertThat(out.toString()).contains("status on http://localhost:" + port + "/");

    planner.interrupt();
    planner.join(Duration.ofSeconds(60).toMillis());
    assertThat(planner.isAlive()).isFalse();
    assertThat(exitCode).hasValue(0);
  }

  private static int run(KafkaBroker broker, String... args) {
    CommandLine commandLine = OpstreamCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    String[] withBroker = new String[args.length + 2];
    System.arraycopy(args, 0, withBroker, 0, args.length);
    withBroker[args.length] = "--bootstrap-servers";
    withBroker[args.length + 1] = broker.bootstrapServers();
    return commandLine.execute(withBroker);
  }

  private int status(int port, String path) {
    try {
      return get(port, path).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
