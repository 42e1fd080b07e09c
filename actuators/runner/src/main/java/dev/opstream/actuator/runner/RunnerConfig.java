package dev.opstream.actuator.runner;

import dev.opstream.topics.records.ActionKind;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one actuator runs.
 *
 * @param kind the kind of action it serves (selects the topic and the handler)
 * @param kafka Kafka client properties shared by its consumer and producer (bootstrap servers,
 *     security); the runner sets group, isolation, commit and serializer settings itself
 * @param groupId the consumer group: every replica of one kind shares it
 * @param topics the topics it reads and writes
 * @param concurrency how many actions run at once (each for a different app; one app's actions
 *     always run one after the other, in order)
 * @param maxInFlight how many taken actions (running or queued) pause consumption until half of
 *     them are done
 * @param actionTimeout how long one handler call may run before the runner reports it {@code
 *     FAILED_RETRYABLE}
 * @param shutdownTimeout how long in-flight actions may take to finish on shutdown or when their
 *     partitions are revoked, before they are handed back undone
 * @param publishTimeout how long one attempt to publish a result or dead letter may take
 */
public record RunnerConfig(
    ActionKind kind,
    Map<String, Object> kafka,
    String groupId,
    RunnerTopics topics,
    int concurrency,
    int maxInFlight,
    Duration actionTimeout,
    Duration shutdownTimeout,
    Duration publishTimeout) {

  public static final String ENV_GROUP_ID = "OPSTREAM_ACTUATOR_GROUP_ID";
  public static final String ENV_CONCURRENCY = "OPSTREAM_ACTUATOR_CONCURRENCY";
  public static final String ENV_MAX_IN_FLIGHT = "OPSTREAM_ACTUATOR_MAX_IN_FLIGHT";
  public static final String ENV_ACTION_TIMEOUT = "OPSTREAM_ACTUATOR_ACTION_TIMEOUT";
  public static final String ENV_SHUTDOWN_TIMEOUT = "OPSTREAM_ACTUATOR_SHUTDOWN_TIMEOUT";
  public static final String ENV_PUBLISH_TIMEOUT = "OPSTREAM_ACTUATOR_PUBLISH_TIMEOUT";

  public static final int DEFAULT_CONCURRENCY = 8;
  public static final int DEFAULT_MAX_IN_FLIGHT = 500;
  public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  public RunnerConfig {
    Objects.requireNonNull(kind, "kind");
    kafka = Map.copyOf(Objects.requireNonNull(kafka, "kafka"));
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("groupId must not be blank");
    }
    Objects.requireNonNull(topics, "topics");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    if (maxInFlight < concurrency) {
      throw new IllegalArgumentException(
          "maxInFlight must be at least the concurrency " + concurrency + ", was " + maxInFlight);
    }
    positive(actionTimeout, "actionTimeout");
    positive(shutdownTimeout, "shutdownTimeout");
    positive(publishTimeout, "publishTimeout");
  }

  /** The defaults for {@code kind}: production topics, group {@code opstream-actuator-<kind>}. */
  public static RunnerConfig defaults(ActionKind kind, Map<String, Object> kafka) {
    return new RunnerConfig(
        kind,
        kafka,
        defaultGroupId(kind),
        RunnerTopics.forKind(kind),
        DEFAULT_CONCURRENCY,
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_ACTION_TIMEOUT,
        DEFAULT_SHUTDOWN_TIMEOUT,
        DEFAULT_PUBLISH_TIMEOUT);
  }

  /**
   * The defaults, overridden by the {@code OPSTREAM_ACTUATOR_*} variables of {@code env} (durations
   * in ISO-8601, e.g. {@code PT2M}).
   *
   * @throws IllegalArgumentException naming the variable when a value cannot be read
   */
  public static RunnerConfig fromEnv(
      ActionKind kind, Map<String, Object> kafka, Map<String, String> env) {
    RunnerConfig base = defaults(kind, kafka);
    return new RunnerConfig(
        kind,
        kafka,
        env.getOrDefault(ENV_GROUP_ID, base.groupId()),
        base.topics(),
        intOf(env, ENV_CONCURRENCY, base.concurrency()),
        intOf(env, ENV_MAX_IN_FLIGHT, base.maxInFlight()),
        durationOf(env, ENV_ACTION_TIMEOUT, base.actionTimeout()),
        durationOf(env, ENV_SHUTDOWN_TIMEOUT, base.shutdownTimeout()),
        durationOf(env, ENV_PUBLISH_TIMEOUT, base.publishTimeout()));
  }

  /** {@code opstream-actuator-<kind>}, e.g. {@code opstream-actuator-bucket}. */
  public static String defaultGroupId(ActionKind kind) {
    return "opstream-actuator-" + kind.name().toLowerCase(Locale.ROOT);
  }

  public RunnerConfig withGroupId(String groupId) {
    return new RunnerConfig(
        kind,
        kafka,
        groupId,
        topics,
        concurrency,
        maxInFlight,
        actionTimeout,
        shutdownTimeout,
        publishTimeout);
  }

  public RunnerConfig withTopics(RunnerTopics topics) {
    return new RunnerConfig(
        kind,
        kafka,
        groupId,
        topics,
        concurrency,
        maxInFlight,
        actionTimeout,
        shutdownTimeout,
        publishTimeout);
  }

  /** With {@code concurrency}, and {@code maxInFlight} raised to it if it was lower. */
  public RunnerConfig withConcurrency(int concurrency) {
    return new RunnerConfig(
        kind,
        kafka,
        groupId,
        topics,
        concurrency,
        Math.max(maxInFlight, concurrency),
        actionTimeout,
        shutdownTimeout,
        publishTimeout);
  }

  public RunnerConfig withMaxInFlight(int maxInFlight) {
    return new RunnerConfig(
        kind,
        kafka,
        groupId,
        topics,
        concurrency,
        maxInFlight,
        actionTimeout,
        shutdownTimeout,
        publishTimeout);
  }

  public RunnerConfig withActionTimeout(Duration actionTimeout) {
    return new RunnerConfig(
        kind,
        kafka,
        groupId,
        topics,
        concurrency,
        maxInFlight,
        actionTimeout,
        shutdownTimeout,
        publishTimeout);
  }

  public RunnerConfig withShutdownTimeout(Duration shutdownTimeout) {
    return new RunnerConfig(
        kind,
        kafka,
        groupId,
        topics,
        concurrency,
        maxInFlight,
        actionTimeout,
        shutdownTimeout,
        publishTimeout);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  private static int intOf(Map<String, String> env, String name, int fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'", e);
    }
  }

  private static Duration durationOf(Map<String, String> env, String name, Duration fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT30S, was '" + text + "'", e);
    }
  }
}
