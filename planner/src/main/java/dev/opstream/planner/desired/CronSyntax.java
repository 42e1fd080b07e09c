package dev.opstream.planner.desired;

import dev.opstream.topics.records.Annotations;
import java.util.List;
import java.util.Locale;

/**
 * Checks a backup schedule against what a Kubernetes CronJob accepts.
 *
 * <p>Kubernetes validates {@code spec.schedule} with {@code cron.ParseStandard} of
 * github.com/robfig/cron/v3 and rejects any {@code TZ=}/{@code CRON_TZ=} in it. This class accepts
 * the same language: five whitespace-separated fields (minute 0-59, hour 0-23, day-of-month 1-31,
 * month 1-12 or JAN-DEC, day-of-week 0-6 or SUN-SAT, names in any case); in each field a
 * comma-separated list of {@code *}, {@code ?}, {@code n}, {@code a-b}, each optionally followed by
 * {@code /step} ({@code n/step} means {@code n-max/step}). It is deliberately stricter in a few
 * corners where robfig/cron accepts something that is almost surely a mistake:
 *
 * <ul>
 *   <li>empty list elements ({@code 1,,2} or {@code ,}), signs ({@code +5}) and {@code *-5} (which
 *       robfig reads as {@code *});
 *   <li>{@code @every <duration>}: an interval counted from when the controller started, not a time
 *       on the clock, so opstream could not tell when a backup is overdue;
 *   <li>schedules that never fire, such as {@code 0 0 30 2 *} (robfig accepts them, and the CronJob
 *       then silently never runs).
 * </ul>
 */
final class CronSyntax {

  static final List<String> MACROS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  static final String ALLOWED =
      "five cron fields \"minute hour day-of-month month day-of-week\" (each *, ?, a number, a"
          + " range a-b, a step */n or a-b/n, or a comma list of those; JAN-DEC and SUN-SAT as"
          + " names), or one of "
          + String.join(", ", MACROS);

  private static final String[] FIELD_NAMES = {
    "minute", "hour", "day-of-month", "month", "day-of-week"
  };
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 6};
  private static final List<List<String>> NAMES =
      List.of(
          List.of(),
          List.of(),
          List.of(),
          List.of(
              "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
          List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));
  private static final int DAY_OF_MONTH = 2;
  private static final int MONTH = 3;
  private static final int DAY_OF_WEEK = 4;

  /** The longest day of each month, February counting leap years (index 1 = January). */
  private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private CronSyntax() {}

  /** Checks a schedule already stripped of surrounding whitespace. */
  static Checked<BackupSchedule> check(String text) {
    if (text.isEmpty()) {
      return Checked.bad("is empty");
    }
    if (text.startsWith("TZ=") || text.startsWith("CRON_TZ=")) {
      return Checked.bad(
          "sets a time zone inside the schedule, which Kubernetes CronJobs reject; set "
              + Annotations.BACKUP_TIMEZONE
              + " instead");
    }
    if (text.startsWith("@")) {
      return macro(text);
    }
    String[] fields = text.split("\\s+");
    if (fields.length != 5) {
      return Checked.bad(
          "has "
              + fields.length
              + (fields.length == 1 ? " field" : " fields")
              + " but needs exactly 5"
              + (fields.length == 6 ? " (there is no seconds field)" : ""));
    }
    FieldSet[] sets = new FieldSet[5];
    try {
      for (int i = 0; i < 5; i++) {
        sets[i] = field(i, fields[i]);
      }
    } catch (BadField e) {
      return Checked.bad(e.getMessage());
    }
    if (neverFires(sets)) {
      return Checked.bad(
          "never runs: none of its months has any of its days of the month (such as 30 in"
              + " February)");
    }
    return Checked.ok(new BackupSchedule(String.join(" ", fields)));
  }

  private static Checked<BackupSchedule> macro(String text) {
    if (MACROS.contains(text)) {
      return Checked.ok(new BackupSchedule(text));
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (MACROS.contains(lower)) {
      return Checked.bad("is not a macro Kubernetes knows (macros are lower case: " + lower + ")");
    }
    if (lower.startsWith("@every")) {
      return Checked.bad(
          "is an interval, not a time on the clock, so opstream could not tell when a backup is"
              + " overdue (write, for example, \"0 */6 * * *\" for every six hours)");
    }
    return Checked.bad("is not a macro Kubernetes knows");
  }

  /** The values one field selects, and whether it is unrestricted the way robfig/cron says. */
  record FieldSet(long bits, boolean star) {

    boolean has(int value) {
      return (bits & (1L << value)) != 0;
    }
  }

  /** The five fields a macro stands for, as robfig/cron expands it. */
  static String expand(String macro) {
    return switch (macro) {
      case "@yearly", "@annually" -> "0 0 1 1 *";
      case "@monthly" -> "0 0 1 * *";
      case "@weekly" -> "0 0 * * 0";
      case "@daily", "@midnight" -> "0 0 * * *";
      case "@hourly" -> "0 * * * *";
      default -> throw new IllegalArgumentException("not a CronJob macro: " + macro);
    };
  }

  /**
   * The fields of a schedule that {@link #check} accepted (a macro is expanded first): minute,
   * hour, day-of-month, month, day-of-week.
   *
   * @throws IllegalArgumentException when {@code expression} is not one {@link #check} accepts
   */
  static FieldSet[] fields(String expression) {
    String text = expression.startsWith("@") ? expand(expression) : expression;
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a checked schedule: " + expression);
    }
    FieldSet[] sets = new FieldSet[5];
    try {
      for (int i = 0; i < 5; i++) {
        sets[i] = field(i, parts[i]);
      }
    } catch (BadField e) {
      throw new IllegalArgumentException("not a checked schedule: " + expression, e);
    }
    return sets;
  }

  /** A bad field, with the message; checked so that it can never escape {@link #check}. */
  private static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;

    BadField(String message) {
      super(message, null, false, false);
    }
  }

  private static FieldSet field(int index, String text) throws BadField {
    long bits = 0;
    boolean star = false;
    for (String element : text.split(",", -1)) {
      FieldSet one = element(index, element);
      bits |= one.bits();
      star |= one.star();
    }
    return new FieldSet(bits, star);
  }

  private static FieldSet element(int index, String element) throws BadField {
    String name = FIELD_NAMES[index];
    if (element.isEmpty()) {
      throw new BadField(name + " field has an empty list element");
    }
    String[] rangeAndStep = element.split("/", -1);
    if (rangeAndStep.length > 2) {
      throw new BadField(name + " \"" + element + "\" has more than one /");
    }
    String range = rangeAndStep[0];
    int start;
    int end;
    boolean star = false;
    boolean single = false;
    if (range.equals("*") || range.equals("?")) {
      start = MIN[index];
      end = MAX[index];
      star = true;
    } else if (range.startsWith("*") || range.startsWith("?")) {
      throw new BadField(name + " \"" + element + "\": " + range.charAt(0) + " must stand alone");
    } else {
      String[] lowAndHigh = range.split("-", -1);
      if (lowAndHigh.length > 2) {
        throw new BadField(name + " \"" + element + "\" has more than one -");
      }
      start = value(index, element, lowAndHigh[0]);
      single = lowAndHigh.length == 1;
      end = single ? start : value(index, element, lowAndHigh[1]);
      if (start > end) {
        throw new BadField(name + " range \"" + range + "\" runs backwards");
      }
    }
    long step = 1;
    if (rangeAndStep.length == 2) {
      step = number(name, element, rangeAndStep[1], "step");
      if (step == 0) {
        throw new BadField(name + " \"" + element + "\": the step must be at least 1");
      }
      if (single) {
        end = MAX[index]; // robfig/cron: "n/step" means "n-max/step"
      }
      if (step > 1) {
        star = false;
      }
    }
    long bits = 0;
    step = Math.min(step, 64); // a step wider than any field selects the start alone
    for (int v = start; v <= end; v += (int) step) {
      bits |= 1L << v;
    }
    return new FieldSet(bits, star);
  }

  /** A number or name within the field's bounds. */
  private static int value(int index, String element, String token) throws BadField {
    String name = FIELD_NAMES[index];
    List<String> names = NAMES.get(index);
    int named = names.indexOf(token.toLowerCase(Locale.ROOT));
    if (named >= 0) {
      return MIN[index] == 1 ? named + 1 : named;
    }
    if (!names.isEmpty() && !token.isEmpty() && !isDigits(token)) {
      throw new BadField(
          name
              + " \""
              + token
              + "\" is neither a number nor one of "
              + names.get(0).toUpperCase(Locale.ROOT)
              + "-"
              + names.get(names.size() - 1).toUpperCase(Locale.ROOT));
    }
    long number = number(name, element, token, "value");
    if (number < MIN[index]) {
      throw new BadField(name + " " + token + " is below the minimum " + MIN[index]);
    }
    if (number > MAX[index]) {
      String hint = index == DAY_OF_WEEK && number == 7 ? " (Sunday is 0 or SUN)" : "";
      throw new BadField(name + " " + token + " is above the maximum " + MAX[index] + hint);
    }
    return (int) number;
  }

  /** A whole number without sign; anything above 18 digits counts as {@link Long#MAX_VALUE}. */
  private static long number(String name, String element, String token, String what)
      throws BadField {
    if (token.isEmpty()) {
      throw new BadField(name + " \"" + element + "\" is missing a " + what);
    }
    if (!isDigits(token)) {
      throw new BadField(name + " " + what + " \"" + token + "\" is not a whole number");
    }
    return token.length() > 18 ? Long.MAX_VALUE : Long.parseLong(token);
  }

  private static boolean isDigits(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !token.isEmpty();
  }

  /**
   * robfig/cron fires on a day when day-of-month AND day-of-week match if either field is
   * unrestricted ({@code *}), else when either matches. So the only way never to fire is an
   * unrestricted day-of-week with days of the month that none of the months has.
   */
  private static boolean neverFires(FieldSet[] sets) {
    if (!sets[DAY_OF_WEEK].star() || sets[DAY_OF_MONTH].star()) {
      return false;
    }
    for (int month = 1; month <= 12; month++) {
      if ((sets[MONTH].bits() & (1L << month)) == 0) {
        continue;
      }
      for (int day = 1; day <= DAYS_IN_MONTH[month]; day++) {
        if ((sets[DAY_OF_MONTH].bits() & (1L << day)) != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
