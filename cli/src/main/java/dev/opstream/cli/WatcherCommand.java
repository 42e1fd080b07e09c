package dev.opstream.cli;

import dev.opstream.watcher.Watcher;
import dev.opstream.watcher.config.WatcherConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opstream watcher}: watches Deployments in one or several clusters and publishes them to
 * {@code opstream.deployments}; records the apps' status as Kubernetes Events. Every option falls
 * back to an environment variable (the chart sets those); runs until SIGTERM or Ctrl-C.
 */
@Command(
    name = "watcher",
    mixinStandardHelpOptions = true,
    description = {
      "Watches Deployments in one or several clusters and publishes them to opstream.deployments;"
          + " records each app's status changes as Kubernetes Events on its Deployment.",
      "Serves /healthz, /readyz and /metrics. Runs until SIGTERM or Ctrl-C.",
      "Every option falls back to an environment variable, named in its description."
    })
final class WatcherCommand implements Callable<Integer> {

  @Mixin private KafkaOptions kafka;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "The kubeconfig holding the clusters' contexts (default: $OPSTREAM_WATCHER_KUBECONFIG,"
              + " then $KUBECONFIG, ~/.kube/config, or the in-cluster service account).")
  private Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "CTX[=CLUSTER]",
      description =
          "A kubeconfig context to watch, named CLUSTER in every key (default: the context's"
              + " name). Repeat for several clusters (default: $OPSTREAM_WATCHER_CONTEXTS,"
              + " comma-separated; none: the current context).")
  private List<String> contexts;

  @Option(
      names = "--cluster-name",
      paramLabel = "CLUSTER",
      description =
          "The cluster's name when watching the current context or one --context"
              + " (default: $OPSTREAM_CLUSTER_NAME).")
  private String clusterName;

  @Option(
      names = "--namespaces",
      paramLabel = "NS[,NS...]",
      description =
          "The namespaces to watch (default: $OPSTREAM_WATCHER_NAMESPACES; none: all namespaces).")
  private String namespaces;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "The port of /healthz, /readyz and /metrics (default: $OPSTREAM_HTTP_PORT or 8080).")
  private Integer httpPort;

  @Option(
      names = "--resync-period",
      paramLabel = "DURATION",
      description =
          "How often every Deployment and a snapshot are published again, e.g. 5m or PT5M"
              + " (default: $OPSTREAM_WATCHER_RESYNC_PERIOD or 5m).")
  private String resyncPeriod;

  @Option(
      names = "--leader-election",
      negatable = true,
      description =
          "Elect one publishing replica per cluster with a Lease (default:"
              + " $OPSTREAM_WATCHER_LEADER_ELECTION or true).")
  private Boolean leaderElection;

  @Option(
      names = "--lease-namespace",
      paramLabel = "NS",
      description =
          "The namespace of the Leases (default: $OPSTREAM_WATCHER_LEASE_NAMESPACE,"
              + " $POD_NAMESPACE or default).")
  private String leaseNamespace;

  @Option(
      names = "--events",
      negatable = true,
      description =
          "Record status changes as Kubernetes Events (default: $OPSTREAM_WATCHER_REPORT_EVENTS"
              + " or true).")
  private Boolean events;

  /** The environment the options fall back to; tests replace it. */
  Map<String, String> environment = System.getenv();

  /** Counted down to stop the watcher: by the shutdown hook, or by a test. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    WatcherConfig config = config();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "opstream-watcher-shutdown");
    try (Watcher watcher = Watcher.start(config)) {
      Runtime.getRuntime().addShutdownHook(hook);
      stop.await();
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running
      }
    }
    return 0;
  }

  /** The options over the environment, parsed and checked once. */
  WatcherConfig config() {
    Map<String, String> settings = new HashMap<>(environment);
    put(settings, WatcherConfig.ENV_KUBECONFIG, kubeconfig == null ? null : kubeconfig.toString());
    put(settings, WatcherConfig.ENV_CONTEXTS, contexts == null ? null : String.join(",", contexts));
    put(settings, WatcherConfig.ENV_CLUSTER_NAME, clusterName);
    put(settings, WatcherConfig.ENV_NAMESPACES, namespaces);
    put(settings, WatcherConfig.ENV_HTTP_PORT, httpPort == null ? null : httpPort.toString());
    put(settings, WatcherConfig.ENV_RESYNC_PERIOD, resyncPeriod);
    put(
        settings,
        WatcherConfig.ENV_LEADER_ELECTION,
        leaderElection == null ? null : leaderElection.toString());
    put(settings, WatcherConfig.ENV_LEASE_NAMESPACE, leaseNamespace);
    put(settings, WatcherConfig.ENV_REPORT_EVENTS, events == null ? null : events.toString());
    Properties client = kafka.clientConfig();
    settings.put(
        WatcherConfig.ENV_BOOTSTRAP_SERVERS,
        client.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    Map<String, String> clientConfig = new HashMap<>();
    client.stringPropertyNames().forEach(name -> clientConfig.put(name, client.getProperty(name)));
    return WatcherConfig.fromEnv(settings).withKafka(clientConfig);
  }

  private static void put(Map<String, String> settings, String name, String value) {
    if (value != null) {
      settings.put(name, value);
    }
  }
}
