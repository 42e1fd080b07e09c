package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.localstack.support.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class WatcherCommandIT {

  @TempDir Path dir;

  @Test
  void runsUntilStoppedServingReadinessOnItsPort(KafkaBroker broker, KubeApiServer kube)
      throws Exception {
    assertThat(
            OpstreamCommand.commandLine()
                .execute(
                    "topics",
                    "create",
                    "--replication-factor",
                    "1",
                    "--bootstrap-servers",
                    broker.bootstrapServers()))
        .isZero();
    Path kubeconfig = KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(kube));
    int port = FreePorts.pick();
    CommandLine commandLine = OpstreamCommand.commandLine();
    WatcherCommand command =
        (WatcherCommand) commandLine.getSubcommands().get("watcher").getCommand();
    command.environment = Map.of();

    CompletableFuture<Integer> exitCode =
        CompletableFuture.supplyAsync(
            () ->
                commandLine.execute(
                    "watcher",
                    "--kubeconfig",
                    kubeconfig.toString(),
                    "--context",
                    kube.clusterName() + "=cli-test",
                    "--namespaces",
                    "cli-watcher",
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    "--http-port",
                    String.valueOf(port),
                    "--no-leader-election"));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> readyz(port) == 200);
    } finally {
      command.stop.countDown();
    }

    assertThat(exitCode.get(30, TimeUnit.SECONDS)).isZero();
  }

  private static int readyz(int port) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
