package dev.opstream.actuator.redis;

import com.marcnuri.helm.Helm;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.RedisSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Run as its own JVM by {@link HelmSignalsIT}: installs a release with real Helm through the Redis
 * actuator against its own in-process API server, reports the state of the SIGTERM handler on
 * stdout, then waits for a signal. Its shutdown hook prints {@link #HOOK_RAN} and writes it to the
 * file named by its only argument.
 */
public final class HelmSigtermProbe {

  static final String READY = "PROBE READY";
  static final String HOOK_RAN = "PROBE SHUTDOWN HOOK RAN";
  static final int SIGTERM = 15;

  private HelmSigtermProbe() {}

  public static void main(String[] args) throws Exception {
    JvmSignalHandlers signals = JvmSignalHandlers.processWide();
    Path marker = Path.of(args[0]);
    Path dir = Files.createTempDirectory("helm-sigterm-probe");
    KubeApiServer server = KubeApiServer.start("probe");
    Path kubeconfig = KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server));
    KubeconfigClusterClients clusters =
        KubeconfigClusterClients.create(ClusterAccess.kubeconfig(kubeconfig));
    Path chart = BundledChart.extractTo(dir.resolve("chart"));
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(HOOK_RAN);
                  System.out.flush();
                  try {
                    Files.writeString(marker, HOOK_RAN);
                  } catch (java.io.IOException e) {
                    e.printStackTrace();
                  }
                  clusters.close();
                  server.close();
                }));

    // Helm called without restoring: shows that Helm takes SIGTERM away from the JVM.
    new Helm(chart).template().withName("plain").call();
    System.out.println(
        "after plain helm template: SIGTERM handler replaced="
            + (signals.currentHandler(SIGTERM) != signals.capturedHandler(SIGTERM)));

    // Helm called by the actuator: a real install, then the JVM's handlers are back.
    server
        .client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
        .create();
    RedisActuatorConfig config =
        RedisActuatorConfig.defaults(ChartSource.directory(chart))
            .withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(10));
    try (RedisHandler handler = new RedisHandler(config, clusters, clusters::kubeconfigFor)) {
      AppKey app = new AppKey("probe", "apps", "cart");
      System.out.println(
          "ensure: "
              + handler
                  .handle(
                      EnsureRedis.of(
                          app,
                          "uid",
                          new RedisSpec("cart-redis", "256Mi", "cart-redis-auth"),
                          "ce",
                          "probe"))
                  .outcome());
    }
    System.out.println(
        "after actuator helm install: SIGTERM handler restored="
            + (signals.currentHandler(SIGTERM) == signals.capturedHandler(SIGTERM)));
    System.out.println(READY);
    System.out.flush();
    forever.await();
  }
}
