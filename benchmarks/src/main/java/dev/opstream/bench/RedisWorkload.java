package dev.opstream.bench;

import dev.opstream.actuator.redis.BundledChart;
import dev.opstream.actuator.redis.ChartSource;
import dev.opstream.actuator.redis.RedisActuatorConfig;
import dev.opstream.actuator.redis.RedisHandler;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.localstack.LocalStack;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeleteRedis;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.RedisSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Redis actions with real Helm (helm-java) and the bundled {@code charts/redis} chart on the
 * stack's in-process API server: create (password Secret, then {@code helm upgrade --install}),
 * noop (ensure again: read the release record, StatefulSet and Service), observe (drift check) and
 * delete ({@code helm uninstall}, then the Secret). Helm is the slow part, so half the apps of the
 * other kinds (still enough for a p99).
 */
final class RedisWorkload implements ActuatorWorkload {

  private final BundledChart.Extracted chart = BundledChart.extractToTemporaryDirectory();
  private KubeconfigClusterClients clusters;
  private RedisHandler handler;

  @Override
  public ActionKind kind() {
    return ActionKind.REDIS;
  }

  @Override
  public int apps() {
    return 100;
  }

  @Override
  public int warmUpApps() {
    return 8;
  }

  @Override
  public ActionHandler handler(LocalStack stack) {
    if (handler == null) {
      RedisActuatorConfig config =
          RedisActuatorConfig.defaults(ChartSource.directory(chart.directory()))
              .withTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(10));
      clusters = KubeconfigClusterClients.create(ClusterAccess.kubeconfig(stack.kubeconfig()));
      handler = new RedisHandler(config, clusters, clusters::kubeconfigFor);
      handler.warmUp();
    }
    return handler;
  }

  @Override
  public List<Phase> phases(String runId, int apps) {
    Function<AppKey, String> release = app -> app.name() + "-redis";
    Function<AppKey, String> secret = app -> app.name() + "-redis-auth";
    return ActuatorWorkload.ensureObserveDelete(
        ActuatorWorkload.apps("local", runId, apps),
        app ->
            EnsureRedis.of(
                app,
                "uid",
                new RedisSpec(release.apply(app), "256Mi", secret.apply(app)),
                "bench",
                "bench"),
        app -> Observe.of(app, "uid", ActionKind.REDIS, release.apply(app), "bench", "drift"),
        app -> DeleteRedis.of(app, "uid", release.apply(app), secret.apply(app), "bench", "gone"));
  }

  @Override
  public void close() {
    if (handler != null) {
      handler.close();
      clusters.close();
    }
    chart.close();
  }
}
