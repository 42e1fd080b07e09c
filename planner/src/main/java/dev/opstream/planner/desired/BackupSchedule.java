package dev.opstream.planner.desired;

import dev.opstream.topics.records.Annotations;
import java.util.Objects;

/**
 * A backup schedule that a Kubernetes CronJob accepts and that fires at least once: five cron
 * fields (joined by single spaces) or one of the macros <code>&#64;yearly</code>, <code>
 * &#64;annually</code>, <code>&#64;monthly</code>, <code>&#64;weekly</code>, <code>&#64;daily
 * </code>, <code>&#64;midnight</code>, <code>&#64;hourly</code>. {@link DesiredStateParser} makes
 * them from annotations; the exact rules are in its documentation.
 *
 * @param expression the schedule as the CronJob's {@code spec.schedule} gets it
 */
public record BackupSchedule(String expression) {

  /** The default when {@link Annotations#BACKUP_SCHEDULE} is absent. */
  public static final BackupSchedule DAILY = new BackupSchedule("@daily");

  public BackupSchedule {
    Objects.requireNonNull(expression, "expression");
  }

  /** Whether this is one of the {@code @daily}-style macros rather than five fields. */
  public boolean isMacro() {
    return expression.startsWith("@");
  }
}
