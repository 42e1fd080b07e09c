package dev.opstream.actuator.redis;

import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.RedisSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** One test's view of the shared local API server: its own namespace, and a real handler. */
final class RedisTestCluster implements AutoCloseable {

  static final Duration HELM_TIMEOUT = Duration.ofSeconds(90);

  final KubeApiServer server;
  final KubernetesClient client;
  final KubeconfigClusterClients clusters;
  final Path kubeconfig;
  final Path chart;
  final String namespace;

  RedisTestCluster(KubeApiServer server, Path dir) {
    this.server = server;
    this.client = server.client();
    this.kubeconfig = KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server));
    this.clusters = KubeconfigClusterClients.create(ClusterAccess.kubeconfig(kubeconfig));
    this.chart = BundledChart.extractTo(dir.resolve("chart"));
    this.namespace = "redis-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  RedisActuatorConfig config() {
    return RedisActuatorConfig.defaults(ChartSource.directory(chart))
        .withTimeouts(HELM_TIMEOUT, Duration.ofMinutes(10));
  }

  RedisHandler handler(Clock clock) {
    return new RedisHandler(config(), clusters, clusters::kubeconfigFor, clock);
  }

  AppKey app(String name) {
    return new AppKey(server.clusterName(), namespace, name);
  }

  static EnsureRedis ensure(AppKey app, String memory) {
    return EnsureRedis.of(
        app,
        "uid-" + app.name(),
        new RedisSpec(app.name() + "-redis", memory, app.name() + "-redis-auth"),
        "ce-" + UUID.randomUUID(),
        "test");
  }

  /** The release's revisions in Helm's records, oldest first: {@code "1:deployed"}. */
  List<String> releaseRevisions(String release) {
    return ReleaseStorage.revisions(client, namespace, release).stream()
        .map(r -> r.revision() + ":" + r.status())
        .toList();
  }

  Secret secret(String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    clusters.close();
  }
}
