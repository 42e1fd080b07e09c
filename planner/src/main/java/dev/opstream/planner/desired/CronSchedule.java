package dev.opstream.planner.desired;

import dev.opstream.planner.desired.CronSyntax.FieldSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.Optional;

/**
 * When a {@link BackupSchedule} fires, read the way a Kubernetes CronJob reads it (robfig/cron's
 * standard parser): a minute fires when its minute, hour and month match and its day matches. The
 * day matches when both day-of-month and day-of-week match if either field is unrestricted ({@code
 * *} or {@code ?}), else when either matches. Macros stand for their five fields ({@code @daily} is
 * {@code 0 0 * * *}, {@code @weekly} is {@code 0 0 * * 0}, and so on).
 *
 * <p>Times are wall-clock times in the schedule's zone. Where daylight saving time makes them
 * irregular, this class takes the reading that expects fewer backups, so that a backup is never
 * called overdue because of a fire time the CronJob controller may not have used:
 *
 * <ul>
 *   <li>a time that does not exist (skipped when clocks move forward) does not fire;
 *   <li>a time that exists twice (clocks move back) fires once, at its earlier instant.
 * </ul>
 */
public final class CronSchedule {

  /** How far back {@link #previousFire} looks: beyond any schedule that passes the syntax check. */
  static final int MAX_DAYS_BACK = 8 * 366 + 2;

  private static final int MINUTE = 0;
  private static final int HOUR = 1;
  private static final int DAY_OF_MONTH = 2;
  private static final int MONTH = 3;
  private static final int DAY_OF_WEEK = 4;

  private final String expression;
  private final FieldSet[] fields;

  private CronSchedule(String expression, FieldSet[] fields) {
    this.expression = expression;
    this.fields = fields;
  }

  /** The fire times of {@code schedule} (which the parser has checked). */
  public static CronSchedule of(BackupSchedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return new CronSchedule(schedule.expression(), CronSyntax.fields(schedule.expression()));
  }

  /** The schedule as written. */
  public String expression() {
    return expression;
  }

  /**
   * The latest instant at or before {@code atOrBefore} at which the schedule fires in {@code zone};
   * empty when it did not fire in the {@value #MAX_DAYS_BACK} days before.
   */
  public Optional<Instant> previousFire(Instant atOrBefore, ZoneId zone) {
    Objects.requireNonNull(atOrBefore, "atOrBefore");
    Objects.requireNonNull(zone, "zone");
    ZoneRules rules = zone.getRules();
    // Local times map to instants in order (the earlier instant of a repeated time is taken), so
    // scanning local times downwards finds the latest fire first. The scan starts a day after the
    // instant's local date: where clocks move back across midnight, a time on the next local date
    // can lie before the instant.
    LocalDate day = LocalDate.ofInstant(atOrBefore, zone).plusDays(1);
    for (int back = 0; back <= MAX_DAYS_BACK; back++, day = day.minusDays(1)) {
      if (!fields[MONTH].has(day.getMonthValue()) || !dayMatches(day)) {
        continue;
      }
      for (int hour = 23; hour >= 0; hour--) {
        if (!fields[HOUR].has(hour)) {
          continue;
        }
        for (int minute = 59; minute >= 0; minute--) {
          if (!fields[MINUTE].has(minute)) {
            continue;
          }
          LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute));
          if (rules.getValidOffsets(local).isEmpty()) {
            continue; // skipped by a move forward: this time never happens
          }
          Instant fire = ZonedDateTime.ofLocal(local, zone, null).toInstant();
          if (!fire.isAfter(atOrBefore)) {
            return Optional.of(fire);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    boolean dayOfMonth = fields[DAY_OF_MONTH].has(day.getDayOfMonth());
    boolean dayOfWeek = fields[DAY_OF_WEEK].has(day.getDayOfWeek().getValue() % 7);
    return fields[DAY_OF_MONTH].star() || fields[DAY_OF_WEEK].star()
        ? dayOfMonth && dayOfWeek
        : dayOfMonth || dayOfWeek;
  }

  @Override
  public String toString() {
    return expression;
  }
}
