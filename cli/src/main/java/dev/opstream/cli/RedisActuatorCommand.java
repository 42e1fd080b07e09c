package dev.opstream.cli;

import dev.opstream.actuator.redis.BundledChart;
import dev.opstream.actuator.redis.RedisActuatorConfig;
import dev.opstream.actuator.redis.RedisHandler;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.topics.records.ActionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opstream actuator redis}: one Redis, installed with Helm, per app. */
@Command(
    name = "redis",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the redis actuator: creates each app's password Secret once, installs or upgrades its"
          + " Redis release with Helm (the chart bundled in opstream, or $OPSTREAM_REDIS_CHART),"
          + " and uninstalls it on teardown.",
      "Settings: OPSTREAM_REDIS_IMAGE, _PERSISTENCE_SIZE, _STORAGE_CLASS, _MAXMEMORY_POLICY,"
          + " _MAXMEMORY_PERCENT, _CPU_REQUEST, _HELM_TIMEOUT, _PENDING_GRACE."
    })
final class RedisActuatorCommand extends ActuatorSubcommand {

  @Mixin private ClusterOptions clusterOptions;

  @Override
  ActionKind kind() {
    return ActionKind.REDIS;
  }

  @Override
  ActionHandler handler(Resources resources) throws Exception {
    // Deleted when the service stops (closed after the handler, which is added later).
    BundledChart.Extracted chart = resources.add(BundledChart.extractToTemporaryDirectory());
    RedisActuatorConfig config = RedisActuatorConfig.fromEnv(System.getenv(), chart.directory());
    KubeconfigClusterClients clusters =
        resources.add(KubeconfigClusterClients.create(clusterOptions.access()));
    RedisHandler handler =
        resources.add(new RedisHandler(config, clusters, clusters::kubeconfigFor));
    handler.warmUp();
    return handler;
  }
}
