package dev.opstream.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * One end of a range to read: the first or last record of every partition, a time, or an offset
 * (the same offset in every partition read).
 */
public sealed interface Bound {

  /** The first record still on the topic (for {@code --from}) or the end (for {@code --to}). */
  record Edge() implements Bound {}

  /** The first record at or after {@code time} (record timestamps). */
  record AtTime(Instant time) implements Bound {}

  /** Offset {@code offset} in every partition read. */
  record AtOffset(long offset) implements Bound {
    public AtOffset {
      if (offset < 0) {
        throw ReplayException.permanent("an offset must not be negative, was " + offset);
      }
    }
  }

  Bound EDGE = new Edge();

  /** Times as ISO-8601 with any offset, seconds optional: {@code 2026-11-20T10:00Z}. */
  DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .appendOffsetId()
          .toFormatter();

  /**
   * Parses a bound: a time ({@code 2026-11-20T10:00Z}, {@code 2026-11-20T10:00:30.5+01:00}), a date
   * ({@code 2026-11-20}, midnight UTC), or a whole number (an offset).
   *
   * @throws ReplayException saying which forms are accepted
   */
  static Bound parse(String text) {
    String value = text == null ? "" : text.trim();
    if (value.matches("\\d+")) {
      return new AtOffset(Long.parseLong(value));
    }
    try {
      return new AtTime(OffsetDateTime.parse(value, TIME).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return new AtTime(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException again) {
        throw ReplayException.permanent(
            "'"
                + text
                + "' is neither a time such as 2026-11-20T10:00Z or 2026-11-20, nor an offset"
                + " such as 1500");
      }
    }
  }
}
