package dev.opstream.planner.desired;

import java.util.List;

/**
 * The {@code opstream.dev/*} annotations on a Deployment: the user's whole interface to opstream.
 *
 * <p>Only the watcher reads them from Kubernetes; the planner turns them into a {@link DesiredSpec}
 * with {@link DesiredStateParser}.
 */
public final class Annotations {

  /** Every opstream annotation starts with this. */
  public static final String PREFIX = "opstream.dev/";

  /** {@code "true"} enables; {@code "false"} or absent disables (and tears down). */
  public static final String ENABLED = PREFIX + "enabled";

  /** When to back up: five cron fields or a macro such as {@code @daily} (the default). */
  public static final String BACKUP_SCHEDULE = PREFIX + "backup-schedule";

  /** The IANA time zone the schedule is read in; absent means the cluster's default. */
  public static final String BACKUP_TIMEZONE = PREFIX + "backup-timezone";

  /** How many good backups to keep (default 7). */
  public static final String BACKUP_RETENTION = PREFIX + "backup-retention";

  /** The Redis container's memory limit as a Kubernetes quantity (default {@code 256Mi}). */
  public static final String REDIS_MEMORY = PREFIX + "redis-memory";

  /** {@code Delete} (default) or {@code Retain}: what happens to the bucket on teardown. */
  public static final String ON_DELETE = PREFIX + "on-delete";

  /** {@code "true"}: plan nothing for this app until removed or {@code "false"}. */
  public static final String PAUSED = PREFIX + "paused";

  /** Every annotation this version understands, in the order its errors are reported. */
  public static final List<String> KNOWN =
      List.of(
          ENABLED,
          BACKUP_SCHEDULE,
          BACKUP_TIMEZONE,
          BACKUP_RETENTION,
          REDIS_MEMORY,
          ON_DELETE,
          PAUSED);

  private Annotations() {}
}
