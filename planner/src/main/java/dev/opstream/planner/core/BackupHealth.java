package dev.opstream.planner.core;

import dev.opstream.planner.desired.CronSchedule;
import dev.opstream.planner.desired.DesiredSpec;
import dev.opstream.topics.records.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an app's newest good backup is older than its schedule allows: the {@code BackupOverdue}
 * condition.
 *
 * <p>The judgement is made as of the bucket's last drift check (at {@code checkedAt}, which found
 * the newest good backup): the backup due last is the schedule's latest fire time {@code F} at or
 * before {@code checkedAt - grace} (the grace gives a backup time to start and finish). Backups are
 * overdue when {@code F} is after the CronJob was ensured (a CronJob cannot be blamed for a time
 * before it existed) and no good backup finished at or after {@code F}. Judging at the check's time
 * rather than at "now" means a check that is merely old never raises the condition; the drift
 * interval bounds how late the condition is raised.
 *
 * <p>The schedule is read in its zone; without one, in UTC (the zone of a kube-controller-manager
 * that sets none).
 */
final class BackupHealth {

  /** The zone a schedule without {@code backup-timezone} is read in. */
  static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  private BackupHealth() {}

  /** A judgement: the condition's status, reason and message. */
  record Judgement(ConditionStatus status, String reason, String message) {
    Judgement {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The condition for a live app with {@code spec}, or empty when no backup is expected (no backup
   * CronJob has been ensured).
   */
  static Optional<Judgement> judge(DesiredSpec spec, BackupEvidence evidence, Duration grace) {
    if (evidence.cronJobSince() == null) {
      return Optional.empty();
    }
    if (evidence.checkedAt() == null) {
      return Optional.of(
          new Judgement(
              ConditionStatus.UNKNOWN,
              StatusConditions.BACKUPS_NOT_CHECKED,
              "no drift check of the bucket has reported its backups yet"));
    }
    ZoneId zone = spec.backupTimezone().orElse(DEFAULT_ZONE);
    CronSchedule schedule = CronSchedule.of(spec.backupSchedule());
    Instant dueBy = evidence.checkedAt().minus(grace);
    Optional<Instant> due = schedule.previousFire(dueBy, zone);
    String rule =
        "schedule \""
            + schedule.expression()
            + "\" in "
            + zone.getId()
            + ", allowing "
            + grace
            + " for a backup to finish";
    Instant newest = evidence.newestBackup();
    String found =
        newest == null
            ? "the bucket holds no good backup"
            : "the newest good backup finished at " + newest;
    String asOf = " (bucket checked at " + evidence.checkedAt() + ")";
    if (due.isEmpty() || !due.get().isAfter(evidence.cronJobSince())) {
      return Optional.of(
          new Judgement(
              ConditionStatus.FALSE,
              StatusConditions.NO_BACKUP_DUE_YET,
              "no backup was due yet since the backup CronJob was ensured at "
                  + evidence.cronJobSince()
                  + " ("
                  + rule
                  + "); "
                  + found
                  + asOf));
    }
    if (newest != null && !newest.isBefore(due.get())) {
      return Optional.of(
          new Judgement(
              ConditionStatus.FALSE,
              StatusConditions.BACKUP_ON_SCHEDULE,
              found + ", not before the backup due at " + due.get() + " (" + rule + ")" + asOf));
    }
    return Optional.of(
        new Judgement(
            ConditionStatus.TRUE,
            newest == null ? StatusConditions.NO_BACKUP : StatusConditions.BACKUP_TOO_OLD,
            found
                + ", but a backup was due at "
                + due.get()
                + " ("
                + rule
                + ")"
                + asOf
                + ": check the backup CronJob's Jobs and their logs"));
  }
}
