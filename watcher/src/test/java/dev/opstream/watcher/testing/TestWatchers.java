package dev.opstream.watcher.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.watcher.config.WatcherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Configurations of watchers against the local stack, the way the chart sets them: as env. */
public final class TestWatchers {

  /** Partitions of every topic on the local stack's catalogue. */
  public static final int PARTITIONS = CatalogueConfig.local().partitions();

  private TestWatchers() {}

  /** Creates opstream's topics on the broker (idempotent). */
  public static void createTopics(KafkaBroker broker) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(
              new TopicAdmin(admin, Duration.ofSeconds(30))
                  .create(TopicCatalogue.of(CatalogueConfig.local()))
                  .matchesCatalogue())
          .isTrue();
    }
  }

  /** A unique name for a cluster or namespace of one test. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A kubeconfig with one context per server, named after the server's cluster name. */
  public static Path kubeconfig(Path dir, KubeApiServer... servers) {
    return KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(servers));
  }

  /**
   * The environment of a watcher: {@code contexts} maps kubeconfig contexts to cluster names;
   * leader election off, any free HTTP port, resync once an hour (tests trigger what they need).
   */
  public static Map<String, String> env(
      Path kubeconfig, KafkaBroker broker, Map<String, String> contexts, List<String> namespaces) {
    Map<String, String> env = new HashMap<>();
    env.put(WatcherConfig.ENV_KUBECONFIG, kubeconfig.toString());
    env.put(
        WatcherConfig.ENV_CONTEXTS,
        contexts.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",")));
    env.put(WatcherConfig.ENV_NAMESPACES, String.join(",", namespaces));
    env.put(WatcherConfig.ENV_BOOTSTRAP_SERVERS, broker.bootstrapServers());
    env.put(WatcherConfig.ENV_HTTP_PORT, "0");
    env.put(WatcherConfig.ENV_LEADER_ELECTION, "false");
    env.put(WatcherConfig.ENV_RESYNC_PERIOD, "1h");
    return env;
  }

  public static WatcherConfig config(
      Path kubeconfig, KafkaBroker broker, Map<String, String> contexts, List<String> namespaces) {
    return WatcherConfig.fromEnv(env(kubeconfig, broker, contexts, namespaces));
  }
}
