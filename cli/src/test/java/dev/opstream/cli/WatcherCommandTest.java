package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.WatchScope;
import dev.opstream.watcher.config.ClusterTarget;
import dev.opstream.watcher.config.WatcherConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WatcherCommandTest {

  @TempDir Path dir;

  @Test
  void optionsWinOverTheEnvironmentAndBecomeOneConfig() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n");
    CommandLine commandLine = OpstreamCommand.commandLine();
    WatcherCommand command = watcher(commandLine);
    command.environment =
        Map.of(
            "OPSTREAM_WATCHER_NAMESPACES", "overridden",
            "OPSTREAM_WATCHER_RESYNC_PERIOD", "10m");

    commandLine.parseArgs(
        "watcher",
        "--kubeconfig",
        kubeconfig.toString(),
        "--context",
        "prod-eu=eks",
        "--context",
        "local",
        "--namespaces",
        "shop,batch",
        "--bootstrap-servers",
        "kafka:9092",
        "--http-port",
        "9090",
        "--no-leader-election");
    WatcherConfig config = command.config();

    assertThat(config.clusters())
        .containsExactly(
            new ClusterTarget("eks", kubeconfig, "prod-eu"),
            new ClusterTarget("local", kubeconfig, "local"));
    assertThat(config.scope()).isEqualTo(WatchScope.namespaces(List.of("shop", "batch")));
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.leaderElection().enabled()).isFalse();
  }

  @Test
  void aBadConfigurationIsOneClearErrorLineAndExitCodeTwo() {
    CommandLine commandLine = OpstreamCommand.commandLine();
    watcher(commandLine).environment = Map.of();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));

    int exitCode = commandLine.execute("watcher", "--bootstrap-servers", "kafka:9092");

    assertThat(exitCode).isEqualTo(FailureReport.EXIT_FAILED);
    assertThat(err.toString())
        .startsWith("error: no cluster name: set --cluster-name (or OPSTREAM_CLUSTER_NAME)")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownContextIsNamedWithTheContextsTheKubeconfigHas() throws Exception {
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: eks, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: me, user: {}}]
            contexts: [{name: eks, context: {cluster: eks, user: me}}]
            current-context: eks
            """);
    CommandLine commandLine = OpstreamCommand.commandLine();
    watcher(commandLine).environment = Map.of();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));

    int exitCode =
        commandLine.execute(
            "watcher",
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "gke",
            "--http-port",
            "0",
            "--bootstrap-servers",
            "127.0.0.1:1");

    assertThat(exitCode).isEqualTo(FailureReport.EXIT_FAILED);
    assertThat(err.toString())
        .isEqualTo(
            "error: context 'gke' for cluster gke is not in the kubeconfig (contexts: eks)"
                + System.lineSeparator());
  }

  private static WatcherCommand watcher(CommandLine commandLine) {
    return (WatcherCommand) commandLine.getSubcommands().get("watcher").getCommand();
  }
}
