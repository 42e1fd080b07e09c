package dev.opstream.topics.records;

import java.util.Map;
import java.util.TreeMap;

/** The {@code opstream.dev/*} annotations on a Deployment: the user's whole interface. */
public final class Annotations {

  /** Every opstream annotation starts with this prefix. */
  public static final String PREFIX = "opstream.dev/";

  /** {@code "true"} enables; {@code "false"} or absent disables (tears down); else an error. */
  public static final String ENABLED = PREFIX + "enabled";

  /** 5-field cron or a CronJob macro such as {@code @daily}; default {@code @daily}. */
  public static final String BACKUP_SCHEDULE = PREFIX + "backup-schedule";

  /** Optional IANA time zone of the backup schedule. */
  public static final String BACKUP_TIMEZONE = PREFIX + "backup-timezone";

  /** How many good backups to keep; default 7. */
  public static final String BACKUP_RETENTION = PREFIX + "backup-retention";

  /** The Redis container's memory limit; default {@code 256Mi}. */
  public static final String REDIS_MEMORY = PREFIX + "redis-memory";

  /** {@code Delete} (after a grace period, the default) or {@code Retain}. */
  public static final String ON_DELETE = PREFIX + "on-delete";

  /** {@code "true"}: plan nothing for this app until removed. */
  public static final String PAUSED = PREFIX + "paused";

  private Annotations() {}

  /** The opstream annotations among all of a Deployment's annotations, sorted by name. */
  public static Map<String, String> opstreamOnly(Map<String, String> annotations) {
    TreeMap<String, String> result = new TreeMap<>();
    if (annotations != null) {
      annotations.forEach(
          (key, value) -> {
            if (key != null && key.startsWith(PREFIX) && value != null) {
              result.put(key, value);
            }
          });
    }
    return result;
  }
}
