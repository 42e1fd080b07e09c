package dev.opstream.cli;

import dev.opstream.actuator.cronjob.CronJobActuatorConfig;
import dev.opstream.actuator.cronjob.CronJobHandler;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.topics.records.ActionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opstream actuator cronjob}: one backup CronJob per app. */
@Command(
    name = "cronjob",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the cronjob actuator: writes each app's backup CronJob with server-side apply (field"
          + " manager opstream), and deletes it on teardown.",
      "Settings: OPSTREAM_BACKUP_IMAGE, _IMAGE_PULL_POLICY, _S3_SECRET, _SERVICE_ACCOUNT,"
          + " _SUCCESSFUL_JOBS_HISTORY, _FAILED_JOBS_HISTORY, _STARTING_DEADLINE_SECONDS,"
          + " _BACKOFF_LIMIT, _ACTIVE_DEADLINE_SECONDS, _CPU_REQUEST, _MEMORY_REQUEST, _MEMORY_LIMIT."
    })
final class CronJobActuatorCommand extends ActuatorSubcommand {

  @Mixin private ClusterOptions clusterOptions;

  @Override
  ActionKind kind() {
    return ActionKind.CRONJOB;
  }

  @Override
  ActionHandler handler(Resources resources) {
    KubeconfigClusterClients clusters =
        resources.add(KubeconfigClusterClients.create(clusterOptions.access()));
    return new CronJobHandler(CronJobActuatorConfig.fromEnv(System.getenv()), clusters);
  }
}
