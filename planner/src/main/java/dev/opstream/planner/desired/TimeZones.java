package dev.opstream.planner.desired;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a backup time zone against what a Kubernetes CronJob's {@code spec.timeZone} accepts.
 *
 * <p>Kubernetes requires a name from the IANA time zone database: every {@code /}-separated part
 * matches {@code [A-Za-z.\-_0-9+]{1,14}}, is not {@code .} or {@code ..}, does not start with
 * {@code -}; {@code Local} is refused; and Go's {@code time.LoadLocation} must know it. Here the
 * name must also be one of Java's {@link ZoneId#getAvailableZoneIds() region ids}, exactly as
 * written (names are case-sensitive). That refuses offsets such as {@code +01:00}, {@code UTC+1} or
 * {@code Z}, which Java would parse but Kubernetes would not, and the {@code SystemV/*} names that
 * Java still carries but current time zone databases (and so Go) dropped. A zone newer than the
 * cluster's own time zone database may still be refused by Kubernetes; the cronjob actuator then
 * reports that.
 */
final class TimeZones {

  static final String ALLOWED =
      "an IANA time zone name such as Europe/Paris, America/New_York or UTC (when absent, the"
          + " cluster's default zone)";

  private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();
  private static final Pattern PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");
  private static final Pattern OFFSET =
      Pattern.compile("(?i)(Z|(UTC|GMT|UT)?\\s*[+-]\\s*[0-9]{1,2}(:?[0-9]{2}){0,2})");

  private TimeZones() {}

  /** Checks a zone name already stripped of surrounding whitespace. */
  static Checked<ZoneId> check(String text) {
    if (text.isEmpty()) {
      return Checked.bad("is empty (remove the annotation to use the cluster's default zone)");
    }
    if (text.equalsIgnoreCase("Local")) {
      return Checked.bad("is not a zone Kubernetes accepts: name the zone");
    }
    if (OFFSET.matcher(text).matches()) {
      return Checked.bad(
          "is an offset, not a time zone name (for a fixed offset use Etc/GMT-1 and the like, whose"
              + " sign is inverted)");
    }
    for (String part : text.split("/", -1)) {
      if (part.equals(".")
          || part.equals("..")
          || part.startsWith("-")
          || !PART.matcher(part).matches()) {
        return Checked.bad("is not an IANA time zone name");
      }
    }
    if (text.startsWith("SystemV/")) {
      return Checked.bad("is no longer in the IANA time zone database");
    }
    if (KNOWN.contains(text)) {
      return Checked.ok(ZoneId.of(text));
    }
    Optional<String> differentCase =
        KNOWN.stream().filter(id -> id.equalsIgnoreCase(text)).findFirst();
    if (differentCase.isPresent()) {
      return Checked.bad(
          "is not a known time zone (names are case-sensitive: " + differentCase.get() + ")");
    }
    return Checked.bad("is not a known time zone" + regionHint(text));
  }

  private static String regionHint(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.equals("est") || lower.equals("pst") || lower.equals("cest")
        ? " (abbreviations are ambiguous: name a city's zone, such as America/New_York)"
        : "";
  }
}
