package dev.opstream.planner.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  @ParameterizedTest(name = "{0} in {1}, at or before {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # schedule        | zone             | at or before         | previous fire
          */15 * * * *      | UTC              | 2026-03-04T10:07:00Z | 2026-03-04T10:00:00Z
          */15 * * * *      | UTC              | 2026-03-04T10:15:00Z | 2026-03-04T10:15:00Z
          */15 * * * *      | UTC              | 2026-03-04T10:14:59Z | 2026-03-04T10:00:00Z
          @hourly           | UTC              | 2026-03-04T10:59:59Z | 2026-03-04T10:00:00Z
          @daily            | UTC              | 2026-03-04T10:00:00Z | 2026-03-04T00:00:00Z
          @midnight         | UTC              | 2026-03-04T00:00:00Z | 2026-03-04T00:00:00Z
          @daily            | UTC              | 2026-03-03T23:59:59Z | 2026-03-03T00:00:00Z
          @weekly           | UTC              | 2026-03-04T10:00:00Z | 2026-03-01T00:00:00Z
          @monthly          | UTC              | 2026-03-04T10:00:00Z | 2026-03-01T00:00:00Z
          @monthly          | UTC              | 2026-02-28T23:00:00Z | 2026-02-01T00:00:00Z
          @yearly           | UTC              | 2026-03-04T10:00:00Z | 2026-01-01T00:00:00Z
          @annually         | UTC              | 2025-12-31T23:59:00Z | 2025-01-01T00:00:00Z
          0 3 * * 1-5       | UTC              | 2026-03-02T02:00:00Z | 2026-02-27T03:00:00Z
          0 9 * JAN-MAR MON | UTC              | 2026-04-15T00:00:00Z | 2026-03-30T09:00:00Z
          # day-of-month and day-of-week both restricted: either matches (13th or a Friday)
          0 12 13 * 5       | UTC              | 2026-03-12T00:00:00Z | 2026-03-06T12:00:00Z
          0 12 13 * 5       | UTC              | 2026-03-13T23:00:00Z | 2026-03-13T12:00:00Z
          0 12 13 * 5       | UTC              | 2026-04-14T00:00:00Z | 2026-04-13T12:00:00Z
          # one of them unrestricted: both must match
          0 12 13 * ?       | UTC              | 2026-04-12T00:00:00Z | 2026-03-13T12:00:00Z
          0 12 * * 5        | UTC              | 2026-03-12T00:00:00Z | 2026-03-06T12:00:00Z
          # a 29 February comes every four years (2100 is not a leap year)
          0 0 29 2 *        | UTC              | 2026-03-01T00:00:00Z | 2024-02-29T00:00:00Z
          0 0 29 2 *        | UTC              | 2103-01-01T00:00:00Z | 2096-02-29T00:00:00Z
          # a zone: wall-clock time there
          0 2 * * *         | Europe/Paris     | 2026-06-01T12:00:00Z | 2026-06-01T00:00:00Z
          0 2 * * *         | Europe/Paris     | 2026-01-15T12:00:00Z | 2026-01-15T01:00:00Z
          30 23 * * *       | Asia/Kathmandu   | 2026-03-04T18:00:00Z | 2026-03-04T17:45:00Z
          # clocks move forward (Berlin 29 March 2026, 02:00 -> 03:00): 02:30 does not exist
          30 2 * * *        | Europe/Berlin    | 2026-03-29T12:00:00Z | 2026-03-28T01:30:00Z
          30 2 * * *        | Europe/Berlin    | 2026-03-30T12:00:00Z | 2026-03-30T00:30:00Z
          0 3 * * *         | Europe/Berlin    | 2026-03-29T12:00:00Z | 2026-03-29T01:00:00Z
          0 2 * * *         | America/New_York | 2026-03-08T12:00:00Z | 2026-03-07T07:00:00Z
          */30 * * * *      | Europe/Berlin    | 2026-03-29T01:10:00Z | 2026-03-29T01:00:00Z
          */30 * * * *      | Europe/Berlin    | 2026-03-29T00:59:00Z | 2026-03-29T00:30:00Z
          # clocks move back (Berlin 25 October 2026, 03:00 -> 02:00): 02:30 fires once, first
          30 2 * * *        | Europe/Berlin    | 2026-10-25T12:00:00Z | 2026-10-25T00:30:00Z
          30 2 * * *        | Europe/Berlin    | 2026-10-25T01:45:00Z | 2026-10-25T00:30:00Z
          30 2 * * *        | Europe/Berlin    | 2026-10-25T00:29:00Z | 2026-10-24T00:30:00Z
          */30 * * * *      | Europe/Berlin    | 2026-10-25T01:45:00Z | 2026-10-25T00:30:00Z
          */30 * * * *      | Europe/Berlin    | 2026-10-25T02:00:00Z | 2026-10-25T02:00:00Z
          0 1 * * *         | America/New_York | 2026-11-01T07:00:00Z | 2026-11-01T05:00:00Z
          # Lord Howe Island moves its clocks by half an hour
          15 2 * * *        | Australia/Lord_Howe | 2026-10-04T12:00:00Z | 2026-10-02T15:45:00Z
          """)
  void previousFireIsTheLatestFireTimeAtOrBeforeTheInstant(
      String schedule, String zone, Instant atOrBefore, Instant expected) {
    assertThat(CronSchedule.of(new BackupSchedule(schedule)).previousFire(atOrBefore, zone(zone)))
        .contains(expected);
  }

  /**
   * The oracle: walk back minute by minute from the instant, and call a minute a fire when the
   * random schedule (which knows what each of its fields selects, independently of the parser)
   * matches its local time and it is the first occurrence of that local time.
   */
  @Test
  void agreesWithAMinuteByMinuteScanForRandomSchedulesAroundDaylightSavingChanges() {
    Random random = new Random(20261204L);
    List<ZoneId> zones =
        List.of(
            ZoneOffset.UTC,
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("America/Santiago"));
    List<Instant> moments =
        List.of(
            Instant.parse("2026-03-29T03:00:00Z"),
            Instant.parse("2026-10-25T02:10:00Z"),
            Instant.parse("2026-03-08T09:00:00Z"),
            Instant.parse("2026-11-01T07:20:00Z"),
            Instant.parse("2026-04-05T04:30:00Z"),
            Instant.parse("2026-09-06T05:00:00Z"),
            Instant.parse("2026-10-04T16:00:00Z"),
            Instant.parse("2026-04-05T16:00:00Z"));
    int window = 3 * 24 * 60;
    int checked = 0;
    int foundInWindow = 0;
    while (checked < 400) {
      RandomCron cron = RandomCron.generate(random);
      if (!cron.valid()) {
        continue;
      }
      ZoneId zone = zones.get(random.nextInt(zones.size()));
      Instant at =
          moments
              .get(random.nextInt(moments.size()))
              .plus(Duration.ofMinutes(random.nextInt(240) - 120))
              .plusSeconds(random.nextInt(60));
      Optional<Instant> actual =
          CronSchedule.of(new BackupSchedule(cron.text())).previousFire(at, zone);
      Optional<Instant> scanned = scan(cron, zone, at, window);
      String what = cron.text() + " in " + zone + " at or before " + at;
      if (scanned.isPresent()) {
        assertThat(actual).as(what).isEqualTo(scanned);
        foundInWindow++;
      } else {
        assertThat(actual).as(what).isPresent();
        assertThat(actual.get()).as(what).isBefore(at.minus(Duration.ofMinutes(window)));
        assertThat(firesAt(cron, zone, actual.get())).as(what).isTrue();
      }
      checked++;
    }
    assertThat(foundInWindow)
        .as("enough schedules fire within the scanned window")
        .isGreaterThan(100);
  }

  private static Optional<Instant> scan(RandomCron cron, ZoneId zone, Instant at, int minutes) {
    Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i <= minutes; i++, minute = minute.minus(Duration.ofMinutes(1))) {
      if (firesAt(cron, zone, minute)) {
        return Optional.of(minute);
      }
    }
    return Optional.empty();
  }

  private static boolean firesAt(RandomCron cron, ZoneId zone, Instant minute) {
    LocalDateTime local = LocalDateTime.ofInstant(minute, zone);
    boolean firstOccurrence = ZonedDateTime.ofLocal(local, zone, null).toInstant().equals(minute);
    return cron.firesAt(local) && firstOccurrence;
  }

  private static ZoneId zone(String id) {
    return ZoneId.of(id);
  }
}
