package dev.opstream.planner;

import dev.opstream.planner.core.Backoff;
import dev.opstream.planner.core.DeletionGuard;
import dev.opstream.planner.core.PlanningPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The planner's configuration, parsed once ({@link #fromEnv}) and passed to the topology and the
 * service.
 *
 * @param applicationId the Kafka Streams application id: names the consumer group, the
 *     transactional ids and the internal topics (every instance of one planner shares it)
 * @param bootstrapServers the Kafka bootstrap servers
 * @param stateDir where Kafka Streams keeps the state stores (RocksDB)
 * @param httpPort the port of the status API, the status page, health and metrics (0: any free)
 * @param advertisedHost the host name other planner instances reach this one's HTTP port on
 * @param timerTick how often the punctuator looks for due timers (wall clock)
 * @param policy the planning rules' settings
 * @param kafkaProperties extra client properties (TLS, SASL, ...) and Kafka Streams overrides
 * @param dryRun plan without acting: actions go to {@code opstream.plan} instead of the actuators'
 *     topics, timers to {@code opstream.plan.timers}, statuses to {@code opstream.plan.status}
 * @param transactionReaper whether and how the planner aborts hanging transactions on its topics
 */
public record PlannerConfig(
    String applicationId,
    String bootstrapServers,
    Path stateDir,
    int httpPort,
    String advertisedHost,
    Duration timerTick,
    PlanningPolicy policy,
    Map<String, String> kafkaProperties,
    boolean dryRun,
    TransactionReaperConfig transactionReaper) {

  public static final String ENV_APPLICATION_ID = "OPSTREAM_PLANNER_APPLICATION_ID";
  public static final String ENV_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String ENV_STATE_DIR = "OPSTREAM_PLANNER_STATE_DIR";
  public static final String ENV_HTTP_PORT = "OPSTREAM_PLANNER_HTTP_PORT";
  public static final String ENV_ADVERTISED_HOST = "OPSTREAM_PLANNER_ADVERTISED_HOST";
  public static final String ENV_TIMER_TICK = "OPSTREAM_PLANNER_TIMER_TICK";
  public static final String ENV_GRACE_PERIOD = "OPSTREAM_PLANNER_GRACE_PERIOD";
  public static final String ENV_BUCKET_PREFIX = "OPSTREAM_BUCKET_PREFIX";
  public static final String ENV_PAUSE_ALL = "OPSTREAM_PLANNER_PAUSE_ALL";
  public static final String ENV_DRIFT_INTERVAL = "OPSTREAM_PLANNER_DRIFT_INTERVAL";
  public static final String ENV_RETRY_INITIAL = "OPSTREAM_PLANNER_RETRY_INITIAL";
  public static final String ENV_RETRY_MAX = "OPSTREAM_PLANNER_RETRY_MAX";
  public static final String ENV_RETRY_ATTEMPTS = "OPSTREAM_PLANNER_RETRY_ATTEMPTS";
  public static final String ENV_GUARD_SHARE = "OPSTREAM_PLANNER_DELETION_GUARD_SHARE";
  public static final String ENV_GUARD_MIN_APPS = "OPSTREAM_PLANNER_DELETION_GUARD_MIN_APPS";
  public static final String ENV_BACKUP_GRACE = "OPSTREAM_PLANNER_BACKUP_GRACE";
  public static final String ENV_DRY_RUN = "OPSTREAM_PLANNER_DRY_RUN";
  public static final String ENV_ABORT_HANGING = "OPSTREAM_PLANNER_ABORT_HANGING_TRANSACTIONS";
  public static final String ENV_HANGING_AGE = "OPSTREAM_PLANNER_HANGING_TRANSACTION_AGE";
  public static final String ENV_HANGING_INTERVAL = "OPSTREAM_PLANNER_HANGING_TRANSACTION_INTERVAL";

  public static final String DEFAULT_APPLICATION_ID = "opstream-planner";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final Duration DEFAULT_TIMER_TICK = Duration.ofSeconds(1);

  public PlannerConfig {
    requireText(applicationId, "application id");
    if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
      throw new IllegalArgumentException(
          "application id may hold only letters, digits, '.', '_' and '-' (it names Kafka"
              + " topics), was '"
              + applicationId
              + "'");
    }
    requireText(bootstrapServers, "bootstrap servers");
    Objects.requireNonNull(stateDir, "stateDir");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port must be 0 to 65535, was " + httpPort);
    }
    requireText(advertisedHost, "advertised host");
    Objects.requireNonNull(timerTick, "timerTick");
    if (timerTick.toMillis() < 10) {
      throw new IllegalArgumentException("timer tick must be at least PT0.01S, was " + timerTick);
    }
    Objects.requireNonNull(policy, "policy");
    kafkaProperties = Map.copyOf(kafkaProperties == null ? Map.of() : kafkaProperties);
    transactionReaper =
        transactionReaper == null ? TransactionReaperConfig.defaults() : transactionReaper;
  }

  /** A planner with the default hanging-transaction reaper. */
  public PlannerConfig(
      String applicationId,
      String bootstrapServers,
      Path stateDir,
      int httpPort,
      String advertisedHost,
      Duration timerTick,
      PlanningPolicy policy,
      Map<String, String> kafkaProperties,
      boolean dryRun) {
    this(
        applicationId,
        bootstrapServers,
        stateDir,
        httpPort,
        advertisedHost,
        timerTick,
        policy,
        kafkaProperties,
        dryRun,
        TransactionReaperConfig.defaults());
  }

  /** A planner that acts (not a dry run). */
  public PlannerConfig(
      String applicationId,
      String bootstrapServers,
      Path stateDir,
      int httpPort,
      String advertisedHost,
      Duration timerTick,
      PlanningPolicy policy,
      Map<String, String> kafkaProperties) {
    this(
        applicationId,
        bootstrapServers,
        stateDir,
        httpPort,
        advertisedHost,
        timerTick,
        policy,
        kafkaProperties,
        false);
  }

  /**
   * The configuration from environment variables, each falling back to its default: {@value
   * #ENV_APPLICATION_ID} ({@value #DEFAULT_APPLICATION_ID}), {@value #ENV_BOOTSTRAP_SERVERS}
   * (localhost:9092), {@value #ENV_STATE_DIR} (the temp directory's opstream-planner), {@value
   * #ENV_HTTP_PORT} (8080), {@value #ENV_ADVERTISED_HOST} (localhost), {@value #ENV_TIMER_TICK}
   * (PT1S), {@value #ENV_GRACE_PERIOD} (PT24H), {@value #ENV_BUCKET_PREFIX} (opstream), {@value
   * #ENV_PAUSE_ALL} (false), {@value #ENV_DRIFT_INTERVAL} (PT15M), {@value #ENV_RETRY_INITIAL}
   * (PT5S), {@value #ENV_RETRY_MAX} (PT10M), {@value #ENV_RETRY_ATTEMPTS} (20), {@value
   * #ENV_GUARD_SHARE} (0.5), {@value #ENV_GUARD_MIN_APPS} (3), {@value #ENV_BACKUP_GRACE} (PT1H),
   * {@value #ENV_DRY_RUN} (false), {@value #ENV_ABORT_HANGING} (true), {@value #ENV_HANGING_AGE}
   * (PT5M), {@value #ENV_HANGING_INTERVAL} (PT1M).
   *
   * @throws IllegalArgumentException naming the variable whose value is wrong and what is allowed
   */
  public static PlannerConfig fromEnv(Map<String, String> env) {
    PlanningPolicy defaults = PlanningPolicy.defaults();
    Backoff backoff =
        new Backoff(
            duration(env, ENV_RETRY_INITIAL, defaults.backoff().initial()),
            duration(env, ENV_RETRY_MAX, defaults.backoff().max()),
            integer(env, ENV_RETRY_ATTEMPTS, defaults.backoff().maxAttempts()));
    DeletionGuard guard =
        new DeletionGuard(
            share(env, ENV_GUARD_SHARE, defaults.deletionGuard().maxShare()),
            integer(env, ENV_GUARD_MIN_APPS, defaults.deletionGuard().minApps()));
    PlanningPolicy policy =
        new PlanningPolicy(
            text(env, ENV_BUCKET_PREFIX, defaults.bucketPrefix()),
            duration(env, ENV_GRACE_PERIOD, defaults.gracePeriod()),
            bool(env, ENV_PAUSE_ALL, defaults.pauseAll()),
            backoff,
            duration(env, ENV_DRIFT_INTERVAL, defaults.driftInterval()),
            guard,
            duration(env, ENV_BACKUP_GRACE, defaults.backupGrace()));
    return new PlannerConfig(
        text(env, ENV_APPLICATION_ID, DEFAULT_APPLICATION_ID),
        text(env, ENV_BOOTSTRAP_SERVERS, "localhost:9092"),
        Path.of(
            text(
                env,
                ENV_STATE_DIR,
                Path.of(System.getProperty("java.io.tmpdir"), "opstream-planner").toString())),
        integer(env, ENV_HTTP_PORT, DEFAULT_HTTP_PORT),
        text(env, ENV_ADVERTISED_HOST, "localhost"),
        duration(env, ENV_TIMER_TICK, DEFAULT_TIMER_TICK),
        policy,
        Map.of(),
        bool(env, ENV_DRY_RUN, false),
        new TransactionReaperConfig(
            bool(env, ENV_ABORT_HANGING, true),
            duration(env, ENV_HANGING_AGE, TransactionReaperConfig.DEFAULT_OLDER_THAN),
            duration(env, ENV_HANGING_INTERVAL, TransactionReaperConfig.DEFAULT_INTERVAL)));
  }

  public PlannerConfig withPolicy(PlanningPolicy changed) {
    return new PlannerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        httpPort,
        advertisedHost,
        timerTick,
        changed,
        kafkaProperties,
        dryRun,
        transactionReaper);
  }

  /** The same planner as a dry run (or not). */
  public PlannerConfig withDryRun(boolean dryRun) {
    return new PlannerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        httpPort,
        advertisedHost,
        timerTick,
        policy,
        kafkaProperties,
        dryRun,
        transactionReaper);
  }

  /** The same planner with another hanging-transaction reaper. */
  public PlannerConfig withTransactionReaper(TransactionReaperConfig reaper) {
    return new PlannerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        httpPort,
        advertisedHost,
        timerTick,
        policy,
        kafkaProperties,
        dryRun,
        reaper);
  }

  /** The same planner with the punctuator looking for due timers every {@code tick}. */
  public PlannerConfig withTimerTick(Duration tick) {
    return new PlannerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        httpPort,
        advertisedHost,
        tick,
        policy,
        kafkaProperties,
        dryRun,
        transactionReaper);
  }

  /**
   * The Kafka Streams properties: {@code exactly_once_v2}, unreadable records to {@code
   * opstream.dlq}, this instance's HTTP address for interactive queries, then {@link
   * #kafkaProperties} (which may override any of them).
   */
  public Properties streamsProperties() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        PlannerDeadLetters.class.getName());
    properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + httpPort);
    // A new planner (a new application id) reads the whole history of its input topics.
    properties.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Actions are small and few per app: send them at once rather than batch them for 100 ms.
    properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
    properties.putAll(new TreeMap<>(kafkaProperties));
    return properties;
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT24H, PT90S or PT0S, was '" + value + "'",
          e);
    }
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
    }
  }

  private static double share(Map<String, String> env, String name, double fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a number above 0 and at most 1, such as 0.5, was '" + value + "'", e);
    }
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
    };
  }
}
