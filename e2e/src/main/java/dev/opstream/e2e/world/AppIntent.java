package dev.opstream.e2e.world;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one app's {@code opstream.dev/*} annotations ask for, read the way the README documents
 * them. Written apart from the planner's parser on purpose: the check is an independent reading of
 * the contract, not a copy of the code it checks. It covers what the end-to-end tests write; an
 * annotation the check cannot judge ({@code paused}) is refused rather than guessed.
 *
 * @param enabled {@code opstream.dev/enabled: "true"}
 * @param schedule the backup schedule, fields joined by single spaces ({@code @daily} by default)
 * @param timeZone the backup time zone; empty for the cluster's
 * @param retention how many good backups to keep (7 by default)
 * @param memoryBytes the Redis container's memory limit in bytes (256Mi by default)
 * @param retain {@code opstream.dev/on-delete: Retain}
 */
public record AppIntent(
    boolean enabled,
    String schedule,
    Optional<String> timeZone,
    int retention,
    long memoryBytes,
    boolean retain) {

  public static final String PREFIX = "opstream.dev/";
  public static final String ENABLED = PREFIX + "enabled";
  public static final String BACKUP_SCHEDULE = PREFIX + "backup-schedule";
  public static final String BACKUP_TIMEZONE = PREFIX + "backup-timezone";
  public static final String BACKUP_RETENTION = PREFIX + "backup-retention";
  public static final String REDIS_MEMORY = PREFIX + "redis-memory";
  public static final String ON_DELETE = PREFIX + "on-delete";
  public static final String PAUSED = PREFIX + "paused";

  private static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/-]+");
  private static final long MEBI = 1024L * 1024L;

  /** The annotations read: an intent, or the problems that make them invalid. */
  public sealed interface Reading {
    /** Every present annotation has a valid value. */
    record Valid(AppIntent intent) implements Reading {}

    /** At least one annotation has a bad value; the planner must keep the last good state. */
    record Invalid(List<String> problems) implements Reading {}
  }

  /** Reads the annotations. */
  public static Reading read(Map<String, String> annotations) {
    if (annotations.containsKey(PAUSED)) {
      throw new IllegalArgumentException(
          "the world check does not model " + PAUSED + ": an app's world then depends on history");
    }
    List<String> problems = new ArrayList<>();
    boolean enabled = false;
    String enabledText = annotations.get(ENABLED);
    if (enabledText != null) {
      switch (enabledText.strip()) {
        case "true" -> enabled = true;
        case "false" -> enabled = false;
        default -> problems.add(ENABLED + " '" + enabledText + "' is not true or false");
      }
    }
    String schedule = "@daily";
    String scheduleText = annotations.get(BACKUP_SCHEDULE);
    if (scheduleText != null) {
      String[] fields = scheduleText.strip().split("\\s+");
      if (fields.length == 1 && MACROS.contains(fields[0])) {
        schedule = fields[0];
      } else if (fields.length == 5
          && java.util.Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches())) {
        schedule = String.join(" ", fields);
      } else {
        problems.add(BACKUP_SCHEDULE + " '" + scheduleText + "' is not a cron schedule");
      }
    }
    Optional<String> timeZone = Optional.empty();
    String zoneText = annotations.get(BACKUP_TIMEZONE);
    if (zoneText != null) {
      String zone = zoneText.strip();
      if (ZoneId.getAvailableZoneIds().contains(zone)) {
        timeZone = Optional.of(zone);
      } else {
        problems.add(BACKUP_TIMEZONE + " '" + zoneText + "' is not a time zone name");
      }
    }
    int retention = 7;
    String retentionText = annotations.get(BACKUP_RETENTION);
    if (retentionText != null) {
      String digits = retentionText.strip();
      if (digits.matches("[0-9]{1,4}")
          && Integer.parseInt(digits) >= 1
          && Integer.parseInt(digits) <= 1000) {
        retention = Integer.parseInt(digits);
      } else {
        problems.add(BACKUP_RETENTION + " '" + retentionText + "' is not from 1 to 1000");
      }
    }
    long memoryBytes = 256 * MEBI;
    String memoryText = annotations.get(REDIS_MEMORY);
    if (memoryText != null) {
      Optional<Long> bytes = bytes(memoryText.strip());
      if (bytes.isPresent() && bytes.get() >= 32 * MEBI && bytes.get() <= 64 * 1024 * MEBI) {
        memoryBytes = bytes.get();
      } else {
        problems.add(REDIS_MEMORY + " '" + memoryText + "' is not a quantity from 32Mi to 64Gi");
      }
    }
    boolean retain = false;
    String onDeleteText = annotations.get(ON_DELETE);
    if (onDeleteText != null) {
      switch (onDeleteText.strip()) {
        case "Delete" -> retain = false;
        case "Retain" -> retain = true;
        default -> problems.add(ON_DELETE + " '" + onDeleteText + "' is not Delete or Retain");
      }
    }
    if (!problems.isEmpty()) {
      return new Reading.Invalid(problems);
    }
    return new Reading.Valid(
        new AppIntent(enabled, schedule, timeZone, retention, memoryBytes, retain));
  }

  /** A Kubernetes quantity as a whole number of bytes. */
  static Optional<Long> bytes(String quantity) {
    try {
      BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(quantity));
      return bytes.stripTrailingZeros().scale() > 0
          ? Optional.empty()
          : Optional.of(bytes.longValueExact());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
