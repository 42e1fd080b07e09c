package dev.opstream.bench;

import dev.opstream.actuator.cronjob.CronJobActuatorConfig;
import dev.opstream.actuator.cronjob.CronJobHandler;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.localstack.LocalStack;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.Observe;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

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
  public int apps() {
    return 200;
  }

  @Override
  public int warmUpApps() {
    return 50;
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
    List<AppKey> keys =
        IntStream.range(0, apps).mapToObj(i -> new AppKey("local", runId, "app-" + i)).toList();
    Function<AppKey, String> cronJob = app -> app.name() + "-redis-backup";
    Function<AppKey, Action> ensure =
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
                "bench");
    return List.of(
        new Phase("create", each(keys, ensure)),
        new Phase("noop", each(keys, app -> ensure.apply(app).withAttempt(2))),
        new Phase(
            "observe",
            each(
                keys,
                app ->
                    Observe.of(
                        app, "uid", ActionKind.CRONJOB, cronJob.apply(app), "bench", "drift"))),
        new Phase(
            "delete",
            each(
                keys,
                app -> DeleteBackupCronJob.of(app, "uid", cronJob.apply(app), "bench", "gone"))));
  }

  @Override
  public void close() {
    if (clusters != null) {
      clusters.close();
    }
  }

  private static List<Action> each(List<AppKey> apps, Function<AppKey, Action> action) {
    return apps.stream().map(action).toList();
  }
}
