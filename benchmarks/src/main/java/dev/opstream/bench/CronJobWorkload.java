package dev.opstream.bench;

import dev.opstream.actuator.cronjob.CronJobActuatorConfig;
import dev.opstream.actuator.cronjob.CronJobHandler;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.localstack.LocalStack;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.Observe;
import java.util.List;
import java.util.function.Function;

/**
 * Backup CronJob actions on the stack's in-process API server: create (get, then server-side apply
 * with field manager {@code opstream}), noop (ensure again: get and compare), observe (drift check:
 * get) and delete (get, then delete).
 */
final class CronJobWorkload implements ActuatorWorkload {

  private KubeconfigClusterClients clusters;

  @Override
  public ActionKind kind() {
    return ActionKind.CRONJOB;
  }

  @Override
  public ActionHandler handler(LocalStack stack) {
    if (clusters == null) {
      clusters = KubeconfigClusterClients.create(ClusterAccess.kubeconfig(stack.kubeconfig()));
    }
    return new CronJobHandler(
        CronJobActuatorConfig.defaults().withS3CredentialsSecret("opstream-s3"), clusters);
  }

  @Override
  public List<Phase> phases(String runId, int apps) {
    Function<AppKey, String> cronJob = app -> app.name() + "-redis-backup";
    return ActuatorWorkload.ensureObserveDelete(
        ActuatorWorkload.apps("local", runId, apps),
        app ->
            EnsureBackupCronJob.of(
                app,
                "uid",
                new BackupCronJobSpec(
                    cronJob.apply(app),
                    "@daily",
                    null,
                    7,
                    "bench-" + app.namespace() + "-" + app.name(),
                    app.name() + "-redis"),
                "bench",
                "bench"),
        app -> Observe.of(app, "uid", ActionKind.CRONJOB, cronJob.apply(app), "bench", "drift"),
        app -> DeleteBackupCronJob.of(app, "uid", cronJob.apply(app), "bench", "gone"));
  }

  @Override
  public void close() {
    if (clusters != null) {
      clusters.close();
    }
  }
}
