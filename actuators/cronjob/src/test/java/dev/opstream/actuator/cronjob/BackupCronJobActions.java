package dev.opstream.actuator.cronjob;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.EnsureBackupCronJob;
import java.util.UUID;

/** Backup CronJob actions as the planner would send them, for tests. */
final class BackupCronJobActions {

  private BackupCronJobActions() {}

  /** An ensure of {@code app}'s CronJob {@code <name>-redis-backup}. */
  static EnsureBackupCronJob ensure(AppKey app, String schedule, String timeZone, int keep) {
    return EnsureBackupCronJob.of(
        app,
        "uid-" + app.name(),
        new BackupCronJobSpec(
            app.name() + "-redis-backup",
            schedule,
            timeZone,
            keep,
            "opstream-test-" + app.namespace() + "-" + app.name(),
            app.name() + "-redis"),
        "ce-" + UUID.randomUUID(),
        "test");
  }
}
