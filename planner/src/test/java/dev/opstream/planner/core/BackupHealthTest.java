package dev.opstream.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.planner.desired.DesiredSpec;
import dev.opstream.planner.desired.DesiredStateConfig;
import dev.opstream.planner.desired.DesiredStateParser;
import dev.opstream.planner.desired.ParseResult;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupHealthTest {

  private static final DesiredStateParser PARSER =
      new DesiredStateParser(DesiredStateConfig.defaults());

  @ParameterizedTest(name = "{0}: {7} {8}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # row                                 | schedule    | zone          | CronJob since        | bucket checked at    | newest backup        | grace | status  | reason
          not checked yet                       | @daily      | -             | 2026-03-01T10:00:00Z | -                    | -                    | PT1H  | UNKNOWN | BackupsNotChecked
          first fire is the CronJob's own time  | @daily      | -             | 2026-03-02T00:00:00Z | 2026-03-02T05:00:00Z | -                    | PT1H  | FALSE   | NoBackupDueYet
          no fire since the CronJob exists      | @daily      | -             | 2026-03-01T10:00:00Z | 2026-03-01T20:00:00Z | -                    | PT1H  | FALSE   | NoBackupDueYet
          a fire, but within the grace          | @daily      | -             | 2026-03-01T10:00:00Z | 2026-03-02T00:30:00Z | -                    | PT1H  | FALSE   | NoBackupDueYet
          grace over, no backup at all          | @daily      | -             | 2026-03-01T10:00:00Z | 2026-03-02T01:00:00Z | -                    | PT1H  | TRUE    | NoBackup
          grace over, the backup is there       | @daily      | -             | 2026-03-01T10:00:00Z | 2026-03-02T01:00:00Z | 2026-03-02T00:03:00Z | PT1H  | FALSE   | BackupOnSchedule
          days without a new backup             | @daily      | -             | 2026-03-01T10:00:00Z | 2026-03-05T12:00:00Z | 2026-03-04T00:02:00Z | PT1H  | TRUE    | BackupTooOld
          yesterday's backup, today's in grace  | @daily      | -             | 2026-03-01T10:00:00Z | 2026-03-05T00:59:00Z | 2026-03-04T00:02:00Z | PT1H  | FALSE   | BackupOnSchedule
          a backup before the due time is old   | */5 * * * * | -             | 2026-03-01T10:00:00Z | 2026-03-01T11:07:00Z | 2026-03-01T11:04:59Z | PT0S  | TRUE    | BackupTooOld
          a backup at the due time is enough    | */5 * * * * | -             | 2026-03-01T10:00:00Z | 2026-03-01T11:07:00Z | 2026-03-01T11:05:00Z | PT0S  | FALSE   | BackupOnSchedule
          weekly, mid-week                      | @weekly     | -             | 2026-02-01T10:00:00Z | 2026-03-04T10:00:00Z | 2026-03-01T00:20:00Z | PT1H  | FALSE   | BackupOnSchedule
          weekly, a week missed                 | @weekly     | -             | 2026-02-01T10:00:00Z | 2026-03-09T10:00:00Z | 2026-03-01T00:20:00Z | PT1H  | TRUE    | BackupTooOld
          # 02:00 in Berlin is 01:00Z in winter: a backup at 00:55Z is the day before's
          the zone decides the due time         | 0 2 * * *   | Europe/Berlin | 2026-03-01T00:00:00Z | 2026-03-10T02:30:00Z | 2026-03-10T00:55:00Z | PT1H  | TRUE    | BackupTooOld
          in the zone, on time                  | 0 2 * * *   | Europe/Berlin | 2026-03-01T00:00:00Z | 2026-03-10T02:30:00Z | 2026-03-10T01:05:00Z | PT1H  | FALSE   | BackupOnSchedule
          read in UTC, the same backup is fine  | 0 2 * * *   | -             | 2026-03-01T00:00:00Z | 2026-03-10T02:30:00Z | 2026-03-09T02:05:00Z | PT1H  | FALSE   | BackupOnSchedule
          # 29 March 2026: 02:30 does not exist in Berlin, so the 28th's backup is the latest due
          a skipped wall-clock time is not due  | 30 2 * * *  | Europe/Berlin | 2026-03-01T00:00:00Z | 2026-03-29T12:00:00Z | 2026-03-28T01:35:00Z | PT1H  | FALSE   | BackupOnSchedule
          the day after, it is due again        | 30 2 * * *  | Europe/Berlin | 2026-03-01T00:00:00Z | 2026-03-30T12:00:00Z | 2026-03-28T01:35:00Z | PT1H  | TRUE    | BackupTooOld
          """)
  void judgesTheNewestBackupAgainstTheLatestDueBackupTime(
      String row,
      String schedule,
      String zone,
      Instant cronJobSince,
      Instant checkedAt,
      Instant newest,
      Duration grace,
      ConditionStatus status,
      String reason) {
    Optional<BackupHealth.Judgement> judged =
        BackupHealth.judge(
            spec(schedule, zone),
            new BackupEvidence(cronJobSince, "cronjob-action", checkedAt, newest),
            grace);

    assertThat(judged).as(row).isPresent();
    assertThat(judged.get().status()).as(row).isEqualTo(status);
    assertThat(judged.get().reason()).as(row).isEqualTo(reason);
    assertThat(judged.get().message()).as(row).isNotBlank();
  }

  @Test
  void noConditionWhileNoBackupCronJobWasEnsured() {
    assertThat(
            BackupHealth.judge(
                spec("@daily", null),
                new BackupEvidence(null, null, Instant.parse("2026-03-05T00:00:00Z"), null),
                Duration.ofHours(1)))
        .isEmpty();
  }

  @Test
  void anOverdueMessageSaysWhatWasDueWhatWasFoundAndWhereToLook() {
    BackupHealth.Judgement judged =
        BackupHealth.judge(
                spec("0 2 * * *", "Europe/Berlin"),
                new BackupEvidence(
                    Instant.parse("2026-03-01T00:00:00Z"),
                    "cronjob-action",
                    Instant.parse("2026-03-10T02:30:00Z"),
                    Instant.parse("2026-03-08T01:04:00Z")),
                Duration.ofHours(1))
            .orElseThrow();

    assertThat(judged.message())
        .contains("2026-03-08T01:04:00Z")
        .contains("due at 2026-03-10T01:00:00Z")
        .contains("\"0 2 * * *\" in Europe/Berlin")
        .contains("PT1H")
        .contains("backup CronJob's Jobs");
  }

  @Test
  void aCronJobEnsuredAgainWithTheSameActionKeepsItsStartButANewOneRestartsIt() {
    Instant first = Instant.parse("2026-03-01T10:00:00Z");
    Instant later = Instant.parse("2026-03-03T10:00:00Z");
    BackupEvidence ensured = BackupEvidence.NONE.cronJobEnsured("a", first);

    assertThat(ensured.cronJobEnsured("a", later).cronJobSince()).isEqualTo(first);
    assertThat(ensured.cronJobEnsured("b", later).cronJobSince()).isEqualTo(later);
    assertThat(ensured.cronJobGone().cronJobSince()).isNull();
    assertThat(ensured.cronJobGone().cronJobEnsured("a", later).cronJobSince()).isEqualTo(later);
  }

  private static DesiredSpec spec(String schedule, String zone) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Annotations.ENABLED, "true");
    annotations.put(Annotations.BACKUP_SCHEDULE, schedule);
    if (zone != null) {
      annotations.put(Annotations.BACKUP_TIMEZONE, zone);
    }
    return ((ParseResult.Valid) PARSER.parse(annotations)).spec();
  }
}
