package dev.opstream.planner.desired;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * An app's desired state, as its annotations say once they are all valid.
 *
 * @param enabled whether the app should have its bucket, Redis and backup CronJob; {@code false}
 *     means tear them down
 * @param backupSchedule when the CronJob backs up
 * @param backupTimezone the zone the schedule is read in; empty means the cluster's default
 * @param backupRetention how many good backups to keep, from 1 to {@link #MAX_BACKUP_RETENTION}
 * @param redisMemory the Redis container's memory limit and the {@code maxmemory} derived from it
 * @param deletePolicy what teardown does with the bucket, and after how long
 * @param paused whether to plan nothing for this app for now
 */
public record DesiredSpec(
    boolean enabled,
    BackupSchedule backupSchedule,
    Optional<ZoneId> backupTimezone,
    int backupRetention,
    RedisMemory redisMemory,
    DeletePolicy deletePolicy,
    boolean paused) {

  /** The default number of good backups kept. */
  public static final int DEFAULT_BACKUP_RETENTION = 7;

  /**
   * Nearly three years of daily backups, or six weeks of hourly ones: keeping more is archiving,
   * which opstream does not do.
   */
  public static final int MAX_BACKUP_RETENTION = 1000;

  public DesiredSpec {
    Objects.requireNonNull(backupSchedule, "backupSchedule");
    Objects.requireNonNull(backupTimezone, "backupTimezone");
    Objects.requireNonNull(redisMemory, "redisMemory");
    Objects.requireNonNull(deletePolicy, "deletePolicy");
    if (backupRetention < 1 || backupRetention > MAX_BACKUP_RETENTION) {
      throw new IllegalArgumentException("backup retention out of range: " + backupRetention);
    }
  }

  /**
   * A stable text form, one {@code name=value} line per field in a fixed order, for hashing (the
   * planner's action ids) and for comparing specs written by different versions. Values are the
   * canonical ones: {@code 256Mi} however the memory was written, cron fields joined by single
   * spaces, the grace period in ISO-8601.
   */
  public String canonical() {
    return "enabled="
        + enabled
        + "\nbackup-schedule="
        + backupSchedule.expression()
        + "\nbackup-timezone="
        + backupTimezone.map(ZoneId::getId).orElse("")
        + "\nbackup-retention="
        + backupRetention
        + "\nredis-memory="
        + redisMemory.limitQuantity()
        + "\non-delete="
        + deletePolicy.onDelete().annotationValue()
        + "\ndelete-grace-period="
        + deletePolicy.gracePeriod()
        + "\npaused="
        + paused
        + "\n";
  }
}
