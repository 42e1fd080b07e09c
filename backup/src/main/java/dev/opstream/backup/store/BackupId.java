package dev.opstream.backup.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A backup's identity: the UTC time it started, to the millisecond, e.g. {@code
 * 20261122T031500.123Z}. Ids sort by time as plain strings, which is how S3 lists them.
 */
public record BackupId(String value) implements Comparable<BackupId> {

  private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");
  private static final DateTimeFormatter FORMATTER =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  public BackupId {
    if (parse(value).isEmpty()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a backup id (expected e.g. 20261122T031500.123Z)");
    }
  }

  /** The id of a backup that starts at {@code started} (truncated to milliseconds). */
  public static BackupId at(Instant started) {
    return new BackupId(FORMATTER.format(started.truncatedTo(ChronoUnit.MILLIS)));
  }

  /** The id {@code value} names, if it is one. */
  public static Optional<Instant> parse(String value) {
    if (value == null || !FORMAT.matcher(value).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(FORMATTER.parse(value)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** When the backup started. */
  public Instant started() {
    return Instant.from(FORMATTER.parse(value));
  }

  @Override
  public int compareTo(BackupId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
