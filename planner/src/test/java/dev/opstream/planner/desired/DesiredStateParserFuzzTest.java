package dev.opstream.planner.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.Annotations;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random annotation maps, from a seeded {@link Random} so that a failure reproduces
 * (its message names the seed and the run; set {@code -Dopstream.fuzz.seed=...} to try others).
 *
 * <p>The oracle, for every map:
 *
 * <ol>
 *   <li>{@code parse} never throws, and neither do {@code resolve} and {@code message()}.
 *   <li>The result is {@code Valid} exactly when it has no errors; every error is about a known
 *       annotation present in the map, and its message starts with that annotation's name and shows
 *       the value.
 *   <li>An independent model of {@code enabled}, {@code paused}, {@code on-delete} and {@code
 *       backup-retention} predicts exactly which of them are in error; a missing or blank value is
 *       an error for every annotation.
 *   <li>A valid result carries exactly what the model reads from those annotations.
 *   <li>Safety: with an enabled app's last good spec, the resolved spec is disabled only when all
 *       annotations are valid and {@code enabled} is absent or {@code false}; with any error the
 *       last good spec stays in force; without a last good spec, an error means no spec at all. So
 *       no bad value can ever lead to a delete.
 *   <li>The map's iteration order changes nothing.
 * </ol>
 */
class DesiredStateParserFuzzTest {

  private static final long SEED = Long.getLong("opstream.fuzz.seed", 20261122L);
  private static final int RUNS = 20_000;

  private static final Map<String, List<String>> GOOD =
      Map.of(
          Annotations.ENABLED, List.of("true", "false", " true\n"),
          Annotations.BACKUP_SCHEDULE,
              List.of("@daily", "@hourly", "0 3 * * *", "*/5 * * * MON-FRI", "15 2 29 2 *"),
          Annotations.BACKUP_TIMEZONE, List.of("Europe/Paris", "UTC", "America/New_York"),
          Annotations.BACKUP_RETENTION, List.of("1", "7", "1000", "030"),
          Annotations.REDIS_MEMORY, List.of("256Mi", "1Gi", "512M", "32Mi", "64Gi", "1e9"),
          Annotations.ON_DELETE, List.of("Delete", "Retain", "Retain\n"),
          Annotations.PAUSED, List.of("true", "false"));

  private static final List<String> BAD =
      List.of(
          "",
          " ",
          "\n",
          "yes",
          "True",
          "TRUE",
          "1",
          "0",
          "-1",
          "+5",
          "1001",
          "1e3",
          "@every 1h",
          "@Daily",
          "0 0 30 2 *",
          "60 * * * *",
          "0 0 * * 7",
          "TZ=UTC 0 0 * * *",
          "+01:00",
          "Local",
          "europe/paris",
          "256MB",
          "256m",
          "31Mi",
          "65Gi",
          "-1Gi",
          "retain",
          "Keep",
          "DELETE",
          "99999999999999999999",
          "\u0000",
          "\ud800",
          "true\u0000");

  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzTRUEDLM0123456789 */,-?@.:+_/\t\n\u00a0\u00e9\u202e\u0000\ud800";

  private final DesiredStateParser parser = new DesiredStateParser(DesiredStateConfig.defaults());

  private final DesiredSpec enabledLastGood =
      ((ParseResult.Valid)
              parser.parse(Map.of(Annotations.ENABLED, "true", Annotations.ON_DELETE, "Retain")))
          .spec();

  @Test
  void randomAnnotationMapsKeepEveryPromiseOfTheOracle() {
    Random random = new Random(SEED);
    int valid = 0;
    for (int run = 0; run < RUNS; run++) {
      Map<String, String> annotations = randomAnnotations(random);
      try {
        valid += checkOracle(annotations) ? 1 : 0;
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "seed " + SEED + ", run " + run + ", annotations " + shown(annotations), e);
      }
    }
    // The generator must exercise both outcomes, or the oracle proves little.
    assertThat(valid).isBetween(RUNS / 20, RUNS - RUNS / 20);
  }

  @Test
  void randomCronSchedulesAreJudgedLikeAModelBuiltAlongsideThem() {
    Random random = new Random(SEED);
    int valid = 0;
    for (int run = 0; run < RUNS; run++) {
      RandomCron cron = RandomCron.generate(random);
      ParseResult result = parser.parse(Map.of(Annotations.BACKUP_SCHEDULE, cron.text()));
      assertThat(result.errors())
          .as("seed %d, run %d, schedule \"%s\"", SEED, run, cron.text())
          .hasSize(cron.valid() ? 0 : 1);
      valid += cron.valid() ? 1 : 0;
    }
    assertThat(valid).isBetween(RUNS / 20, RUNS - RUNS / 20);
  }

  /** Checks every promise for one map; returns whether it was valid. */
  private boolean checkOracle(Map<String, String> annotations) {
    ParseResult result = parser.parse(annotations);

    // 2. Valid exactly without errors; errors are about present, known annotations.
    assertThat(result instanceof ParseResult.Valid).isEqualTo(result.errors().isEmpty());
    for (AnnotationError error : result.errors()) {
      assertThat(DesiredStateParser.KNOWN).contains(error.annotation());
      assertThat(annotations).containsKey(error.annotation());
      assertThat(error.value()).isEqualTo(annotations.get(error.annotation()));
      assertThat(error.message())
          .startsWith(error.annotation() + " = ")
          .contains(error.value() == null ? "(no value)" : Values.quote(error.value()));
    }

    // 3. The model predicts the errors of the simple annotations, and blank is always wrong.
    Set<String> inError = new TreeSet<>();
    result.errors().forEach(error -> inError.add(error.annotation()));
    for (String annotation : DesiredStateParser.KNOWN) {
      String value = annotations.get(annotation);
      boolean present = annotations.containsKey(annotation);
      if (present && (value == null || value.isBlank())) {
        assertThat(inError).as("blank " + annotation).contains(annotation);
      }
    }
    assertThat(inError.contains(Annotations.ENABLED))
        .isEqualTo(wrong(annotations, Annotations.ENABLED, DesiredStateParserFuzzTest::isBoolean));
    assertThat(inError.contains(Annotations.PAUSED))
        .isEqualTo(wrong(annotations, Annotations.PAUSED, DesiredStateParserFuzzTest::isBoolean));
    assertThat(inError.contains(Annotations.ON_DELETE))
        .isEqualTo(
            wrong(
                annotations, Annotations.ON_DELETE, v -> v.equals("Delete") || v.equals("Retain")));
    assertThat(inError.contains(Annotations.BACKUP_RETENTION))
        .isEqualTo(
            wrong(
                annotations,
                Annotations.BACKUP_RETENTION,
                DesiredStateParserFuzzTest::isRetention));

    // 4. A valid result says what the model reads.
    if (result instanceof ParseResult.Valid valid) {
      DesiredSpec spec = valid.spec();
      assertThat(spec.enabled()).isEqualTo(says(annotations, Annotations.ENABLED, "true"));
      assertThat(spec.paused()).isEqualTo(says(annotations, Annotations.PAUSED, "true"));
      assertThat(spec.deletePolicy().onDelete())
          .isEqualTo(
              says(annotations, Annotations.ON_DELETE, "Retain")
                  ? OnDelete.RETAIN
                  : OnDelete.DELETE);
      if (annotations.containsKey(Annotations.BACKUP_RETENTION)) {
        assertThat(spec.backupRetention())
            .isEqualTo(Integer.parseInt(annotations.get(Annotations.BACKUP_RETENTION).strip()));
      }
    }

    // 5. Safety: a bad value never disables, so it never leads to a delete.
    DesiredState afterEnabled = DesiredState.resolve(Optional.of(enabledLastGood), result);
    DesiredSpec inForce = afterEnabled.spec().orElseThrow();
    if (result.errors().isEmpty()) {
      assertThat(afterEnabled.source()).isEqualTo(DesiredState.Source.ANNOTATIONS);
    } else {
      assertThat(inForce).isEqualTo(enabledLastGood);
      assertThat(afterEnabled.source()).isEqualTo(DesiredState.Source.LAST_GOOD);
    }
    if (!inForce.enabled()) {
      assertThat(result.errors()).isEmpty();
      String enabled = annotations.get(Annotations.ENABLED);
      assertThat(enabled == null || enabled.strip().equals("false")).isTrue();
    }
    DesiredState afterNothing = DesiredState.resolve(Optional.empty(), result);
    assertThat(afterNothing.spec().isEmpty()).isEqualTo(!result.errors().isEmpty());

    // 6. Order does not matter.
    List<Map.Entry<String, String>> entries = new ArrayList<>(annotations.entrySet());
    Collections.reverse(entries);
    Map<String, String> reversed = new LinkedHashMap<>();
    entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
    assertThat(parser.parse(reversed)).isEqualTo(result);

    return result.errors().isEmpty();
  }

  private static boolean wrong(
      Map<String, String> annotations, String annotation, java.util.function.Predicate<String> ok) {
    if (!annotations.containsKey(annotation)) {
      return false;
    }
    String value = annotations.get(annotation);
    return value == null || !ok.test(value.strip());
  }

  private static boolean says(Map<String, String> annotations, String annotation, String value) {
    String given = annotations.get(annotation);
    return given != null && given.strip().equals(value);
  }

  private static boolean isBoolean(String value) {
    return value.equals("true") || value.equals("false");
  }

  private static boolean isRetention(String value) {
    if (!value.matches("[0-9]+")) {
      return false;
    }
    BigInteger number = new BigInteger(value);
    return number.signum() > 0 && number.compareTo(BigInteger.valueOf(1000)) <= 0;
  }

  private static Map<String, String> randomAnnotations(Random random) {
    Map<String, String> annotations = new HashMap<>();
    for (String annotation : DesiredStateParser.KNOWN) {
      if (random.nextInt(3) != 0) {
        annotations.put(annotation, randomValue(random, annotation));
      }
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      annotations.put(Annotations.PREFIX + "x-" + randomText(random), randomText(random));
    }
    if (random.nextInt(4) == 0) {
      annotations.put("example.com/" + randomText(random), randomText(random));
    }
    if (random.nextInt(500) == 0) {
      String annotation =
          DesiredStateParser.KNOWN.get(random.nextInt(DesiredStateParser.KNOWN.size()));
      annotations.put(annotation, "9".repeat(100_000));
    }
    return annotations;
  }

  private static String randomValue(Random random, String annotation) {
    List<String> good = GOOD.get(annotation);
    int dice = random.nextInt(20);
    if (dice < 13) {
      return good.get(random.nextInt(good.size()));
    }
    if (dice < 15) {
      return BAD.get(random.nextInt(BAD.size()));
    }
    if (dice < 17) {
      return randomText(random);
    }
    if (dice < 18) {
      return null;
    }
    return mutate(random, good.get(random.nextInt(good.size())));
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(25); i > 0; i--) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private static String mutate(Random random, String value) {
    StringBuilder text = new StringBuilder(value);
    int at = text.length() == 0 ? 0 : random.nextInt(text.length());
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    switch (random.nextInt(3)) {
      case 0 -> text.insert(at, c);
      case 1 -> {
        if (text.length() > 0) {
          text.deleteCharAt(at);
        }
      }
      default -> {
        if (text.length() > 0) {
          text.setCharAt(at, c);
        }
      }
    }
    return text.toString();
  }

  private static String shown(Map<String, String> annotations) {
    StringBuilder out = new StringBuilder("{");
    annotations.forEach(
        (k, v) ->
            out.append(k == null ? "null" : Values.quote(k))
                .append('=')
                .append(v == null ? "null" : Values.quote(v))
                .append(", "));
    return out.append('}').toString();
  }
}
