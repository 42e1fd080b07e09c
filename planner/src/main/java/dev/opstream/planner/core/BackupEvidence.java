package dev.opstream.planner.core;

import java.time.Instant;

/**
 * What the planner has learned about an app's backups, for the {@code BackupOverdue} condition.
 *
 * @param cronJobSince when the backup CronJob's current ensure first succeeded (backups are
 *     expected only from then on); null while there is no such CronJob
 * @param cronJobActionId the ensure that {@code cronJobSince} belongs to; null with it
 * @param checkedAt when the bucket actuator's last successful drift check looked at the bucket;
 *     null if none has
 * @param newestBackup when the newest good backup that check found finished; null if it found none
 */
public record BackupEvidence(
    Instant cronJobSince, String cronJobActionId, Instant checkedAt, Instant newestBackup) {

  /** Nothing learned yet. */
  public static final BackupEvidence NONE = new BackupEvidence(null, null, null, null);

  /** The CronJob of ensure {@code actionId} exists since {@code at} (kept if already known). */
  BackupEvidence cronJobEnsured(String actionId, Instant at) {
    if (actionId.equals(cronJobActionId)) {
      return this;
    }
    return new BackupEvidence(at, actionId, checkedAt, newestBackup);
  }

  /** The CronJob is gone: no backup is expected until it is ensured again. */
  BackupEvidence cronJobGone() {
    return new BackupEvidence(null, null, checkedAt, newestBackup);
  }

  /** A drift check of the bucket at {@code at} found {@code newest} (null: no good backup). */
  BackupEvidence bucketChecked(Instant at, Instant newest) {
    return new BackupEvidence(cronJobSince, cronJobActionId, at, newest);
  }
}
