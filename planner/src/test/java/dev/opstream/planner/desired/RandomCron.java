package dev.opstream.planner.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random cron schedule and whether Kubernetes (robfig/cron) would accept it and it would fire,
 * decided while it is built: each element knows the values it selects and whether it is in range.
 * {@code selected[field][value]} and {@code star[field]} say what it selects, field by field
 * (minute, hour, day-of-month, month, day-of-week), for tests that need to know when it fires.
 */
record RandomCron(String text, boolean valid, boolean[][] selected, boolean[] star) {

  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 6};
  private static final String[] MONTHS = {
    "JAN", "feb", "Mar", "apr", "MAY", "jun", "jul", "aug", "sep", "oct", "nov", "DEC"
  };
  private static final String[] DAYS = {"sun", "MON", "tue", "Wed", "thu", "fri", "SAT"};
  private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  static RandomCron generate(Random random) {
    List<String> fields = new ArrayList<>();
    boolean valid = true;
    boolean[][] selected = new boolean[5][64];
    boolean[] star = new boolean[5];
    for (int field = 0; field < 5; field++) {
      List<String> elements = new ArrayList<>();
      for (int i = 1 + random.nextInt(random.nextInt(6) == 0 ? 3 : 1); i > 0; i--) {
        Element element = element(random, field);
        elements.add(element.text());
        valid &= element.valid();
        star[field] |= element.star();
        for (int v : element.values()) {
          selected[field][v] = true;
        }
      }
      fields.add(String.join(",", elements));
    }
    if (valid && star[4] && !star[2]) {
      boolean fires = false;
      for (int month = 1; month <= 12; month++) {
        for (int day = 1; day <= DAYS_IN_MONTH[month]; day++) {
          fires |= selected[3][month] && selected[2][day];
        }
      }
      valid = fires;
    }
    return new RandomCron(String.join(" ", fields), valid, selected, star);
  }

  /** Whether it fires at {@code local}, by robfig/cron's rules, from what was selected. */
  boolean firesAt(java.time.LocalDateTime local) {
    boolean dayOfMonth = selected[2][local.getDayOfMonth()];
    boolean dayOfWeek = selected[4][local.getDayOfWeek().getValue() % 7];
    boolean day = star[2] || star[4] ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    return selected[0][local.getMinute()]
        && selected[1][local.getHour()]
        && selected[3][local.getMonthValue()]
        && day;
  }

  private record Element(String text, boolean valid, boolean star, List<Integer> values) {}

  private static Element element(Random random, int field) {
    int min = MIN[field];
    int max = MAX[field];
    switch (random.nextInt(5)) {
      case 0:
        return new Element(random.nextBoolean() ? "*" : "?", true, true, range(min, max, 1));
      case 1:
        {
          int step = random.nextInt(8);
          return new Element(
              "*/" + step, step > 0, step == 1, step > 0 ? range(min, max, step) : List.of());
        }
      case 2:
        {
          int value = number(random, field);
          boolean ok = value >= min && value <= max;
          return new Element(
              name(random, field, value), ok, false, ok ? List.of(value) : List.of());
        }
      case 3:
        {
          int low = number(random, field);
          int high = number(random, field);
          boolean ok = low >= min && high <= max && low <= high;
          return new Element(
              name(random, field, low) + "-" + name(random, field, high),
              ok,
              false,
              ok ? range(low, high, 1) : List.of());
        }
      default:
        {
          int start = number(random, field);
          int step = random.nextInt(8);
          boolean ok = start >= min && start <= max && step > 0;
          return new Element(
              name(random, field, start) + "/" + step,
              ok,
              false,
              ok ? range(start, max, step) : List.of());
        }
    }
  }

  /** Mostly in range, sometimes one past either end (never negative: that is another test). */
  private static int number(Random random, int field) {
    return Math.max(0, MIN[field] - 1 + random.nextInt(MAX[field] - MIN[field] + 3));
  }

  private static String name(Random random, int field, int value) {
    if (field == 3 && value >= 1 && value <= 12 && random.nextBoolean()) {
      return MONTHS[value - 1];
    }
    if (field == 4 && value >= 0 && value <= 6 && random.nextBoolean()) {
      return DAYS[value];
    }
    return Integer.toString(value);
  }

  private static List<Integer> range(int from, int to, int step) {
    List<Integer> values = new ArrayList<>();
    for (int v = from; v <= to; v += step) {
      values.add(v);
    }
    return values;
  }
}
