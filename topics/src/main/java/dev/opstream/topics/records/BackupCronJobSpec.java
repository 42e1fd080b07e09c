package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The desired backup CronJob.
 *
 * @param name the CronJob name ({@code <name>-redis-backup})
 * @param schedule 5-field cron or a macro CronJob accepts, e.g. {@code @daily}
 * @param timeZone IANA time zone of the schedule, absent for the cluster's default
 * @param retention how many good backups to keep (at least 1)
 * @param bucket the bucket the backups go to
 * @param release the Redis release that is backed up
 */
public record BackupCronJobSpec(
    String name,
    String schedule,
    String timeZone,
    @JsonProperty(required = true) int retention,
    String bucket,
    String release) {

  public BackupCronJobSpec {
    Checks.requiredText(name, "name");
    Checks.requiredText(schedule, "schedule");
    Checks.optionalText(timeZone, "timeZone");
    Checks.atLeast(retention, 1, "retention");
    Checks.requiredText(bucket, "bucket");
    Checks.requiredText(release, "release");
  }
}
