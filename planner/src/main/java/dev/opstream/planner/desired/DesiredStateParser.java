package dev.opstream.planner.desired;

import dev.opstream.topics.records.Annotations;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a Deployment's annotations into a {@link DesiredSpec}, or into precise {@link
 * AnnotationError}s. Pure, thread-safe, and it never throws: whatever the map holds (nulls,
 * garbage, megabytes), the answer is a {@link ParseResult}.
 *
 * <p>The rules (values are stripped of surrounding whitespace first, since YAML block scalars add a
 * newline; everything else is case-sensitive, as in Kubernetes):
 *
 * <ul>
 *   <li>{@value Annotations#ENABLED}: {@code true} enables; {@code false} or absent disables.
 *   <li>{@value Annotations#BACKUP_SCHEDULE}: what a Kubernetes CronJob accepts, default <code>
 *       &#64;daily</code>; see {@code CronSyntax} for the few corners refused on purpose.
 *   <li>{@value Annotations#BACKUP_TIMEZONE}: an IANA zone name; absent means the cluster's zone.
 *   <li>{@value Annotations#BACKUP_RETENTION}: a whole number from 1 to {@value
 *       DesiredSpec#MAX_BACKUP_RETENTION}, default {@value DesiredSpec#DEFAULT_BACKUP_RETENTION}.
 *   <li>{@value Annotations#REDIS_MEMORY}: a Kubernetes quantity of whole bytes from 32Mi to 64Gi,
 *       default 256Mi; see {@link RedisMemory} for {@code maxmemory}.
 *   <li>{@value Annotations#ON_DELETE}: {@code Delete} (default) or {@code Retain}; the grace
 *       period comes from {@link DesiredStateConfig}.
 *   <li>{@value Annotations#PAUSED}: {@code true} or {@code false} (default).
 * </ul>
 *
 * <p>An annotation that is present must have a valid value: an empty value is an error, not the
 * default. One bad value makes the whole set invalid (the app then keeps its last good state, see
 * {@link DesiredState#resolve}), even when the app is being disabled: a typo in {@code on-delete}
 * must not let a teardown delete a bucket its owner meant to retain.
 *
 * <p>Other {@code opstream.dev/*} annotations give a warning, never an error: a newer opstream may
 * know them (during an upgrade two versions run side by side, and the older one must not freeze an
 * app's desired state because of an annotation written for the newer one), and a warning that names
 * the closest known annotation is enough to catch a typo. Annotations outside {@code opstream.dev/}
 * are none of opstream's business and are ignored.
 */
public final class DesiredStateParser {

  /** Every annotation this version understands, in the order its errors are reported. */
  public static final List<String> KNOWN =
      List.of(
          Annotations.ENABLED,
          Annotations.BACKUP_SCHEDULE,
          Annotations.BACKUP_TIMEZONE,
          Annotations.BACKUP_RETENTION,
          Annotations.REDIS_MEMORY,
          Annotations.ON_DELETE,
          Annotations.PAUSED);

  private static final String BOOLEAN_ALLOWED = "true or false";

  private final DesiredStateConfig config;

  public DesiredStateParser(DesiredStateConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Parses the annotations; {@code null} counts as no annotations at all. */
  public ParseResult parse(Map<String, String> annotations) {
    Map<String, String> given = annotations == null ? Map.of() : annotations;
    List<AnnotationError> errors = new ArrayList<>();
    boolean enabled =
        read(given, Annotations.ENABLED, false, DesiredStateParser::bool, BOOLEAN_ALLOWED, errors);
    BackupSchedule schedule =
        read(
            given,
            Annotations.BACKUP_SCHEDULE,
            BackupSchedule.DAILY,
            CronSyntax::check,
            CronSyntax.ALLOWED,
            errors);
    Optional<ZoneId> timezone =
        read(
            given,
            Annotations.BACKUP_TIMEZONE,
            Optional.empty(),
            text -> map(TimeZones.check(text), Optional::of),
            TimeZones.ALLOWED,
            errors);
    int retention =
        read(
            given,
            Annotations.BACKUP_RETENTION,
            DesiredSpec.DEFAULT_BACKUP_RETENTION,
            DesiredStateParser::retention,
            "a whole number from 1 to " + DesiredSpec.MAX_BACKUP_RETENTION,
            errors);
    RedisMemory memory =
        read(
            given,
            Annotations.REDIS_MEMORY,
            RedisMemory.DEFAULT,
            DesiredStateParser::memory,
            "a Kubernetes quantity from 32Mi to 64Gi, such as 256Mi, 1Gi or 512M",
            errors);
    OnDelete onDelete =
        read(
            given,
            Annotations.ON_DELETE,
            OnDelete.DELETE,
            DesiredStateParser::onDelete,
            "Delete (the bucket goes after a grace period of "
                + config.deleteGracePeriod()
                + ") or Retain (the bucket stays)",
            errors);
    boolean paused =
        read(given, Annotations.PAUSED, false, DesiredStateParser::bool, BOOLEAN_ALLOWED, errors);
    List<AnnotationWarning> warnings = unknownAnnotations(given);
    if (!errors.isEmpty()) {
      return new ParseResult.Invalid(errors, warnings);
    }
    DesiredSpec spec =
        new DesiredSpec(
            enabled,
            schedule,
            timezone,
            retention,
            memory,
            new DeletePolicy(onDelete, config.deleteGracePeriod()),
            paused);
    return new ParseResult.Valid(spec, warnings);
  }

  /**
   * Parses new annotations and applies them to the last good spec: {@link DesiredState#resolve}.
   */
  public DesiredState resolve(Optional<DesiredSpec> lastGood, Map<String, String> annotations) {
    return DesiredState.resolve(lastGood, parse(annotations));
  }

  private static <T> T read(
      Map<String, String> given,
      String annotation,
      T absent,
      Function<String, Checked<T>> check,
      String allowed,
      List<AnnotationError> errors) {
    if (!given.containsKey(annotation)) {
      return absent;
    }
    String raw = given.get(annotation);
    if (raw == null) {
      errors.add(new AnnotationError(annotation, null, "has no value", allowed));
      return absent;
    }
    Checked<T> checked = check.apply(raw.strip());
    if (checked instanceof Checked.Ok<T> ok) {
      return ok.value();
    }
    errors.add(new AnnotationError(annotation, raw, ((Checked.Bad<T>) checked).problem(), allowed));
    return absent;
  }

  private static <T, R> Checked<R> map(Checked<T> checked, Function<T, R> f) {
    if (checked instanceof Checked.Ok<T> ok) {
      return Checked.ok(f.apply(ok.value()));
    }
    return Checked.bad(((Checked.Bad<T>) checked).problem());
  }

  private static Checked<Boolean> bool(String text) {
    if (text.equals("true")) {
      return Checked.ok(true);
    }
    if (text.equals("false")) {
      return Checked.ok(false);
    }
    if (text.isEmpty()) {
      return Checked.bad("is empty");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Checked.bad("is not true or false (write it in lower case: " + lower + ")");
    }
    return Checked.bad("is not true or false");
  }

  private static Checked<Integer> retention(String text) {
    if (text.isEmpty()) {
      return Checked.bad("is empty");
    }
    String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Checked.bad("is not a whole number");
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    long value = significant.length() > 9 ? Long.MAX_VALUE : Long.parseLong(significant);
    if (text.startsWith("-") || value < 1) {
      return Checked.bad("keeps no backups: at least 1 must be kept");
    }
    if (text.startsWith("+")) {
      return Checked.bad("has a sign: write the number alone");
    }
    if (value > DesiredSpec.MAX_BACKUP_RETENTION) {
      return Checked.bad("is above the maximum " + DesiredSpec.MAX_BACKUP_RETENTION);
    }
    return Checked.ok((int) value);
  }

  private static Checked<RedisMemory> memory(String text) {
    Checked<Long> bytes = MemoryQuantity.bytes(text);
    if (!(bytes instanceof Checked.Ok<Long> ok)) {
      return Checked.bad(((Checked.Bad<Long>) bytes).problem());
    }
    long value = ok.value();
    if (value < RedisMemory.MIN_BYTES) {
      return Checked.bad("is below the minimum 32Mi");
    }
    if (value > RedisMemory.MAX_BYTES) {
      return Checked.bad("is above the maximum 64Gi");
    }
    return Checked.ok(new RedisMemory(value));
  }

  private static Checked<OnDelete> onDelete(String text) {
    for (OnDelete value : OnDelete.values()) {
      if (value.annotationValue().equals(text)) {
        return Checked.ok(value);
      }
    }
    if (text.isEmpty()) {
      return Checked.bad("is empty");
    }
    for (OnDelete value : OnDelete.values()) {
      if (value.annotationValue().equalsIgnoreCase(text)) {
        return Checked.bad(
            "is not Delete or Retain (it is case-sensitive: " + value.annotationValue() + ")");
      }
    }
    return Checked.bad("is not Delete or Retain");
  }

  private static List<AnnotationWarning> unknownAnnotations(Map<String, String> given) {
    TreeMap<String, AnnotationWarning> warnings = new TreeMap<>();
    for (String key : given.keySet()) {
      if (key == null
          || !key.startsWith(Annotations.PREFIX)
          || DesiredStateParser.KNOWN.contains(key)) {
        continue;
      }
      String shown = Values.name(key);
      String message =
          shown
              + " is not an annotation this version of opstream knows, so it is ignored"
              + closest(key).map(known -> " (did you mean " + known + "?)").orElse("");
      warnings.put(key, new AnnotationWarning(key, message));
    }
    return List.copyOf(warnings.values());
  }

  /** The known annotation within an edit distance of 3, if one is that close. */
  private static Optional<String> closest(String key) {
    String best = null;
    int bestDistance = 4;
    for (String known : DesiredStateParser.KNOWN) {
      int distance = Levenshtein.distance(key, known, bestDistance);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }
}
