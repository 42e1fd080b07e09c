package dev.opstream.planner.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.Annotations;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DesiredStateParserTest {

  private final DesiredStateParser parser = new DesiredStateParser(DesiredStateConfig.defaults());

  private DesiredSpec valid(Map<String, String> annotations) {
    ParseResult result = parser.parse(annotations);
    assertThat(result.errors()).as("errors").isEmpty();
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).spec();
  }

  private DesiredSpec enabledWith(String annotation, String value) {
    return valid(Map.of(Annotations.ENABLED, "true", annotation, value));
  }

  /** The one error the value gives, checked to name the annotation and show the value. */
  private AnnotationError onlyError(String annotation, String value) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Annotations.ENABLED, "true");
    annotations.put(annotation, value);
    ParseResult result = parser.parse(annotations);
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    assertThat(result.errors()).hasSize(1);
    AnnotationError error = result.errors().get(0);
    assertThat(error.annotation()).isEqualTo(annotation);
    assertThat(error.value()).isEqualTo(value);
    assertThat(error.message()).startsWith(annotation + " = ");
    return error;
  }

  @Test
  void noAnnotationsMeanDisabledWithEveryDefault() {
    DesiredSpec spec = valid(Map.of());

    assertThat(spec.enabled()).isFalse();
    assertThat(spec.paused()).isFalse();
    assertThat(spec.backupSchedule()).isEqualTo(BackupSchedule.DAILY);
  }

  @Test
  void enabledAloneGetsTheDocumentedDefaults() {
    DesiredSpec spec = valid(Map.of(Annotations.ENABLED, "true"));

    assertThat(spec)
        .isEqualTo(
            new DesiredSpec(
                true,
                new BackupSchedule("@daily"),
                Optional.empty(),
                7,
                new RedisMemory(256L * 1024 * 1024),
                new DeletePolicy(OnDelete.DELETE, Duration.ofHours(24)),
                false));
    assertThat(spec.redisMemory().limitQuantity()).isEqualTo("256Mi");
    assertThat(spec.redisMemory().maxmemoryBytes()).isEqualTo(214_748_364L);
  }

  @Test
  void nullAnnotationMapCountsAsNoAnnotations() {
    assertThat(parser.parse(null)).isEqualTo(parser.parse(Map.of()));
  }

  @Test
  void gracePeriodComesFromTheConfiguration() {
    DesiredStateParser demo = new DesiredStateParser(new DesiredStateConfig(Duration.ZERO));

    ParseResult result = demo.parse(Map.of(Annotations.ENABLED, "false"));

    assertThat(((ParseResult.Valid) result).spec().deletePolicy())
        .isEqualTo(new DeletePolicy(OnDelete.DELETE, Duration.ZERO));
  }

  @Test
  void everyAnnotationSetAtOnce() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Annotations.ENABLED, "true");
    annotations.put(Annotations.BACKUP_SCHEDULE, "15 3 * * MON-FRI");
    annotations.put(Annotations.BACKUP_TIMEZONE, "Europe/Paris");
    annotations.put(Annotations.BACKUP_RETENTION, "30");
    annotations.put(Annotations.REDIS_MEMORY, "1Gi");
    annotations.put(Annotations.ON_DELETE, "Retain");
    annotations.put(Annotations.PAUSED, "true");

    DesiredSpec spec = valid(annotations);

    assertThat(spec.canonical())
        .isEqualTo(
            "enabled=true\n"
                + "backup-schedule=15 3 * * MON-FRI\n"
                + "backup-timezone=Europe/Paris\n"
                + "backup-retention=30\n"
                + "redis-memory=1Gi\n"
                + "on-delete=Retain\n"
                + "delete-grace-period=PT24H\n"
                + "paused=true\n");
  }

  @Test
  void everyBadValueIsReportedInAnnotationOrder() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Annotations.PAUSED, "maybe");
    annotations.put(Annotations.REDIS_MEMORY, "lots");
    annotations.put(Annotations.ENABLED, "yes");
    annotations.put(Annotations.BACKUP_SCHEDULE, "@never");

    ParseResult result = parser.parse(annotations);

    assertThat(result.errors())
        .extracting(AnnotationError::annotation)
        .containsExactly(
            Annotations.ENABLED,
            Annotations.BACKUP_SCHEDULE,
            Annotations.REDIS_MEMORY,
            Annotations.PAUSED);
  }

  @Test
  void errorMessageNamesAnnotationValueProblemAndWhatIsAllowed() {
    AnnotationError error = onlyError(Annotations.BACKUP_RETENTION, "abc");

    assertThat(error.message())
        .isEqualTo(
            "opstream.dev/backup-retention = \"abc\": is not a whole number;"
                + " allowed: a whole number from 1 to 1000");
  }

  @Test
  void annotationWithoutValueIsAnErrorNotAnAbsence() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Annotations.ENABLED, null);

    ParseResult result = parser.parse(annotations);

    assertThat(result.errors())
        .singleElement()
        .extracting(AnnotationError::message)
        .isEqualTo("opstream.dev/enabled = (no value): has no value; allowed: true or false");
  }

  @Test
  void longAndInvisibleValuesAreShownCutAndEscaped() {
    String value = "\u0000\u202e\"" + "x".repeat(200);

    AnnotationError error = onlyError(Annotations.ON_DELETE, value);

    assertThat(error.message())
        .startsWith("opstream.dev/on-delete = \"\\u0000\\u202e\\\"xxx")
        .contains("(cut, 123 more characters)")
        .doesNotContain("\u0000", "\u202e");
  }

  @Nested
  class Enabled {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"true|true", "false|false", "' true\n'|true", "'false '|false"})
    void acceptsTrueAndFalse(String value, boolean expected) {
      assertThat(valid(Map.of(Annotations.ENABLED, value)).enabled()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "''|is empty",
          "True|write it in lower case: true",
          "FALSE|write it in lower case: false",
          "yes|is not true or false",
          "1|is not true or false",
          "on|is not true or false"
        })
    void rejects(String value, String problem) {
      assertThat(onlyError(Annotations.ENABLED, value).problem()).contains(problem);
    }
  }

  @Nested
  class Paused {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"true|true", "false|false"})
    void acceptsTrueAndFalse(String value, boolean expected) {
      assertThat(enabledWith(Annotations.PAUSED, value).paused()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"''|is empty", "TRUE|lower case", "paused|not true or"})
    void rejects(String value, String problem) {
      assertThat(onlyError(Annotations.PAUSED, value).problem()).contains(problem);
    }
  }

  @Nested
  class BackupScheduleAnnotation {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "@yearly|@yearly",
          "@annually|@annually",
          "@monthly|@monthly",
          "@weekly|@weekly",
          "@daily|@daily",
          "@midnight|@midnight",
          "@hourly|@hourly",
          "' @hourly\n'|@hourly",
          "0 3 * * *|0 3 * * *",
          "'  0   3\t* *  * '|0 3 * * *",
          "*/15 * * * *|*/15 * * * *",
          "0 0 1,15 * *|0 0 1,15 * *",
          "0 9-17/2 * * MON-FRI|0 9-17/2 * * MON-FRI",
          "30 2 * jan,JUL Sun|30 2 * jan,JUL Sun",
          "0 0 ? * ?|0 0 ? * ?",
          "5/10 * * * *|5/10 * * * *",
          "0 0 29 2 *|0 0 29 2 *",
          "0 0 31 * *|0 0 31 * *",
          "0 0 30 2 1|0 0 30 2 1",
          "59 23 31 12 6|59 23 31 12 6",
          "0 0 * * 0|0 0 * * 0",
          "00 03 * * *|00 03 * * *",
          "*/99999999999999999999 * * * *|*/99999999999999999999 * * * *",
          "0 0 1-31/40 * *|0 0 1-31/40 * *"
        })
    void acceptsWhatCronJobsAccept(String value, String expression) {
      assertThat(enabledWith(Annotations.BACKUP_SCHEDULE, value).backupSchedule().expression())
          .isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "''|is empty",
          "'  '|is empty",
          "TZ=Europe/Paris 0 3 * * *|set opstream.dev/backup-timezone instead",
          "CRON_TZ=UTC @daily|set opstream.dev/backup-timezone instead",
          "@Daily|macros are lower case: @daily",
          "@every 1h|is an interval",
          "@reboot|is not a macro Kubernetes knows",
          "'@daily 0'|is not a macro Kubernetes knows",
          "0 3 * *|has 4 fields but needs exactly 5",
          "0|has 1 field but needs exactly 5",
          "0 0 3 * * *|there is no seconds field",
          "60 * * * *|minute 60 is above the maximum 59",
          "0 24 * * *|hour 24 is above the maximum 23",
          "0 0 0 * *|day-of-month 0 is below the minimum 1",
          "0 0 32 * *|day-of-month 32 is above the maximum 31",
          "0 0 * 0 *|month 0 is below the minimum 1",
          "0 0 * 13 *|month 13 is above the maximum 12",
          "0 0 * * 7|day-of-week 7 is above the maximum 6 (Sunday is 0 or SUN)",
          "0 0 * FOO *|month \"FOO\" is neither a number nor one of JAN-DEC",
          "0 0 * * MON-FRX|day-of-week \"FRX\" is neither a number nor one of SUN-SAT",
          "0 0 * MON *|month \"MON\" is neither a number nor one of JAN-DEC",
          "MON 0 * * *|minute value \"MON\" is not a whole number",
          "*/0 * * * *|the step must be at least 1",
          "*/x * * * *|minute step \"x\" is not a whole number",
          "0/ * * * *|is missing a step",
          "1/2/3 * * * *|has more than one /",
          "1-2-3 * * * *|has more than one -",
          "5-1 * * * *|minute range \"5-1\" runs backwards",
          "1,,2 * * * *|empty list element",
          "0 0 , * *|empty list element",
          "*-5 * * * *|* must stand alone",
          "+5 * * * *|not a whole number",
          "-5 * * * *|is missing a value",
          "99999999999999999999 * * * *|minute 99999999999999999999 is above the maximum 59",
          "0 0 30 2 *|never runs",
          "0 0 31 4,6,9,11 *|never runs",
          "0 0 30-31 feb */1|never runs"
        })
    void rejectsWithThePreciseReason(String value, String problem) {
      AnnotationError error = onlyError(Annotations.BACKUP_SCHEDULE, value);

      assertThat(error.problem()).contains(problem);
      assertThat(error.allowed()).contains("@daily", "minute hour day-of-month month day-of-week");
    }
  }

  @Nested
  class BackupTimezone {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Europe/Paris",
          "UTC",
          "Etc/UTC",
          "America/Argentina/Buenos_Aires",
          "America/Port-au-Prince",
          "Etc/GMT-1",
          "Antarctica/DumontDUrville"
        })
    void acceptsIanaNames(String zone) {
      assertThat(enabledWith(Annotations.BACKUP_TIMEZONE, zone).backupTimezone())
          .contains(ZoneId.of(zone));
    }

    @Test
    void absentMeansTheClustersZone() {
      assertThat(valid(Map.of(Annotations.ENABLED, "true")).backupTimezone()).isEmpty();
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
      assertThat(enabledWith(Annotations.BACKUP_TIMEZONE, " Asia/Tokyo\n").backupTimezone())
          .contains(ZoneId.of("Asia/Tokyo"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "''|is empty",
          "Local|name the zone",
          "local|name the zone",
          "+01:00|is an offset",
          "-0500|is an offset",
          "UTC+1|is an offset",
          "GMT-03:30|is an offset",
          "Z|is an offset",
          "europe/paris|names are case-sensitive: Europe/Paris",
          "Mars/Olympus_Mons|is not a known time zone",
          "EST|abbreviations are ambiguous",
          "SystemV/AST4|no longer in the IANA time zone database",
          "../etc/passwd|is not an IANA time zone name",
          "Europe//Paris|is not an IANA time zone name",
          "/Europe/Paris|is not an IANA time zone name",
          "America/-Dash|is not an IANA time zone name",
          "Europe/Paris Is Nice|is not an IANA time zone name",
          "America/Fifteen_Chars_X|is not an IANA time zone name"
        })
    void rejects(String value, String problem) {
      assertThat(onlyError(Annotations.BACKUP_TIMEZONE, value).problem()).contains(problem);
    }
  }

  @Nested
  class BackupRetention {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"1|1", "7|7", "1000|1000", "007|7", "' 30\n'|30"})
    void acceptsWholeNumbersFromOneToTheMaximum(String value, int expected) {
      assertThat(enabledWith(Annotations.BACKUP_RETENTION, value).backupRetention())
          .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "''|is empty",
          "0|at least 1 must be kept",
          "000|at least 1 must be kept",
          "-1|at least 1 must be kept",
          "+5|has a sign",
          "1001|is above the maximum 1000",
          "99999999999999999999|is above the maximum 1000",
          "seven|is not a whole number",
          "7.0|is not a whole number",
          "1e3|is not a whole number",
          "'7 days'|is not a whole number",
          "-|is not a whole number"
        })
    void rejects(String value, String problem) {
      assertThat(onlyError(Annotations.BACKUP_RETENTION, value).problem()).contains(problem);
    }
  }

  @Nested
  class RedisMemoryAnnotation {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "256Mi|268435456|256Mi",
          "1Gi|1073741824|1Gi",
          "512M|512000000|512M",
          "32Mi|33554432|32Mi",
          "64Gi|68719476736|64Gi",
          "1e9|1000000000|1G",
          "1E9|1000000000|1G",
          "268435456|268435456|256Mi",
          "0.5Gi|536870912|512Mi",
          "1.5Gi|1610612736|1536Mi",
          "1.Gi|1073741824|1Gi",
          ".5Gi|536870912|512Mi",
          "+1Gi|1073741824|1Gi",
          "1024Mi|1073741824|1Gi",
          "100000k|100000000|100M",
          "' 2Gi\n'|2147483648|2Gi",
          "0.0625Ti|68719476736|64Gi",
          "50000000000m|50000000|50M"
        })
    void acceptsKubernetesQuantities(String value, long bytes, String canonical) {
      RedisMemory memory = enabledWith(Annotations.REDIS_MEMORY, value).redisMemory();

      assertThat(memory.limitBytes()).isEqualTo(bytes);
      assertThat(memory.limitQuantity()).isEqualTo(canonical);
      assertThat(memory.maxmemoryBytes()).isEqualTo(bytes * 80 / 100);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "''|is empty",
          "256MB|have no B",
          "1GiB|have no B",
          "256mi|suffixes are case-sensitive",
          "256m|m means thousandths",
          "-1Gi|is negative",
          "31Mi|is below the minimum 32Mi",
          "0|is below the minimum 32Mi",
          "65Gi|is above the maximum 64Gi",
          "1Ei|is above the maximum 64Gi",
          "1e100|exponent out of range",
          "1e-100|exponent out of range",
          "lots|is not a Kubernetes quantity",
          "'256 Mi'|no space between number and suffix",
          "0.1|is not a whole number of bytes",
          "1Zi|is not a Kubernetes quantity",
          "1.2.3Mi|is not a Kubernetes quantity",
          "9223372036854775807Ei|is far too large",
          "12345678901234567890123456789012345678901Mi|is too long"
        })
    void rejects(String value, String problem) {
      assertThat(onlyError(Annotations.REDIS_MEMORY, value).problem()).contains(problem);
    }
  }

  @Nested
  class OnDeleteAnnotation {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"Delete|DELETE", "Retain|RETAIN", "' Retain\n'|RETAIN"})
    void acceptsDeleteAndRetain(String value, OnDelete expected) {
      assertThat(enabledWith(Annotations.ON_DELETE, value).deletePolicy().onDelete())
          .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "''|is empty",
          "retain|it is case-sensitive: Retain",
          "DELETE|it is case-sensitive: Delete",
          "Keep|is not Delete or Retain"
        })
    void rejects(String value, String problem) {
      AnnotationError error = onlyError(Annotations.ON_DELETE, value);

      assertThat(error.problem()).contains(problem);
      assertThat(error.allowed()).contains("Delete", "Retain", "PT24H");
    }
  }

  @Nested
  class OtherAnnotations {

    @Test
    void unknownOpstreamAnnotationIsAWarningNamingTheClosestKnownOne() {
      ParseResult result =
          parser.parse(Map.of(Annotations.ENABLED, "true", "opstream.dev/backup-retension", "14"));

      assertThat(result).isInstanceOf(ParseResult.Valid.class);
      assertThat(result.warnings())
          .singleElement()
          .satisfies(
              warning -> {
                assertThat(warning.annotation()).isEqualTo("opstream.dev/backup-retension");
                assertThat(warning.message())
                    .isEqualTo(
                        "opstream.dev/backup-retension is not an annotation this version of"
                            + " opstream knows, so it is ignored (did you mean"
                            + " opstream.dev/backup-retention?)");
              });
    }

    @Test
    void unknownAnnotationFarFromEveryKnownOneGetsNoSuggestion() {
      ParseResult result = parser.parse(Map.of("opstream.dev/replicas", "3"));

      assertThat(result.warnings())
          .singleElement()
          .extracting(AnnotationWarning::message)
          .asString()
          .doesNotContain("did you mean");
    }

    @Test
    void warningsComeSortedAndSurviveErrors() {
      Map<String, String> annotations = new HashMap<>();
      annotations.put("opstream.dev/zzz", "1");
      annotations.put("opstream.dev/aaa", "1");
      annotations.put(Annotations.ENABLED, "nope");

      ParseResult result = parser.parse(annotations);

      assertThat(result).isInstanceOf(ParseResult.Invalid.class);
      assertThat(result.warnings())
          .extracting(AnnotationWarning::annotation)
          .containsExactly("opstream.dev/aaa", "opstream.dev/zzz");
    }

    @Test
    void foreignAnnotationsAndNullKeysAreIgnored() {
      Map<String, String> annotations = new HashMap<>();
      annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{}");
      annotations.put("example.com/enabled", "true");
      annotations.put("sub.opstream.dev/enabled", "true");
      annotations.put(null, "true");

      ParseResult result = parser.parse(annotations);

      assertThat(result).isEqualTo(parser.parse(Map.of()));
      assertThat(result.warnings()).isEmpty();
    }
  }
}
