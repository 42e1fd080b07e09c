package dev.opstream.cli;

import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.PlannerService;
import dev.opstream.planner.TransactionReaperConfig;
import dev.opstream.planner.core.DeletionGuard;
import dev.opstream.planner.core.PlanningPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code opstream planner}: runs the planner (Kafka Streams) with its status API and page until
 * SIGTERM or Ctrl-C. Every option falls back to an environment variable, then to a default.
 */
@Command(
    name = "planner",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the planner: reads opstream.deployments and opstream.results, decides what to do"
          + " (exactly once), writes opstream.actions.*, opstream.timers and opstream.status.",
      "Serves the status page on /, the status API on /status, and /healthz, /readyz,"
          + " /metrics on the HTTP port. Runs until SIGTERM or Ctrl-C."
    })
final class PlannerCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private KafkaOptions kafka;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description =
          "Kafka Streams application id, shared by every instance of one planner (default:"
              + " $OPSTREAM_PLANNER_APPLICATION_ID or opstream-planner).")
  private String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the state stores live (default: $OPSTREAM_PLANNER_STATE_DIR or"
              + " <tmp>/opstream-planner).")
  private Path stateDir;

  @Option(
      names = "--grace-period",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long a teardown waits before deleting the bucket, ISO-8601; PT0S deletes at once"
              + " (default: $OPSTREAM_PLANNER_GRACE_PERIOD or PT24H).")
  private Duration gracePeriod;

  @Option(
      names = "--bucket-prefix",
      paramLabel = "PREFIX",
      description =
          "First word of every bucket name (default: $OPSTREAM_BUCKET_PREFIX or opstream).")
  private String bucketPrefix;

  @Option(
      names = "--pause-all",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Plan nothing for any app and say so in every status (default:"
              + " $OPSTREAM_PLANNER_PAUSE_ALL or false).")
  private Boolean pauseAll;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Port of the status page, API, health and metrics; 0 picks a free one (default:"
              + " $OPSTREAM_PLANNER_HTTP_PORT or 8080).")
  private Integer httpPort;

  @Option(
      names = "--advertised-host",
      paramLabel = "HOST",
      description =
          "Host name other planner instances reach this one's HTTP port on (default:"
              + " $OPSTREAM_PLANNER_ADVERTISED_HOST or localhost).")
  private String advertisedHost;

  @Option(
      names = "--drift-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How often a live app's resources are observed for drift (default:"
              + " $OPSTREAM_PLANNER_DRIFT_INTERVAL or PT15M).")
  private Duration driftInterval;

  @Option(
      names = "--deletion-guard-share",
      paramLabel = "SHARE",
      description =
          "Largest share of a scope's apps one snapshot may delete, in (0, 1] (default:"
              + " $OPSTREAM_PLANNER_DELETION_GUARD_SHARE or 0.5).")
  private Double deletionGuardShare;

  @Option(
      names = "--dry-run",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Plan without acting: actions go to opstream.plan (no actuator reads it), timers to"
              + " opstream.plan.timers, statuses to opstream.plan.status. Its application id"
              + " defaults to <application id>-dry-run so it never joins the live planner's group"
              + " (default: $OPSTREAM_PLANNER_DRY_RUN or false).")
  private Boolean dryRun;

  @Option(
      names = "--abort-hanging-transactions",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Look for hanging transactions on opstream's and the planner's internal topics every"
              + " minute and abort them; needs the ClusterAction ACL (default:"
              + " $OPSTREAM_PLANNER_ABORT_HANGING_TRANSACTIONS or true).")
  private Boolean abortHangingTransactions;

  @Option(
      names = "--hanging-transaction-age",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long a transaction must have been silent on a partition before it can be judged"
              + " hanging; keep it above the producers' transaction.timeout.ms (default:"
              + " $OPSTREAM_PLANNER_HANGING_TRANSACTION_AGE or PT5M).")
  private Duration hangingTransactionAge;

  @Override
  public Integer call() throws Exception {
    PlannerConfig config = config(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    try (PlannerService planner = PlannerService.start(config)) {
      Thread hook = new Thread(planner::close, "opstream-planner-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.printf(
          "planner %s running%s; status on http://%s:%d/%n",
          config.applicationId(),
          config.dryRun() ? " as a dry run (actions to opstream.plan)" : "",
          config.advertisedHost(),
          planner.httpPort());
      out.flush();
      try {
        planner.awaitClose();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        removeHook(hook);
      }
    }
    return 0;
  }

  /** The configuration: the environment's (or defaults), then the options given. */
  PlannerConfig config(Map<String, String> env) {
    PlannerConfig base = PlannerConfig.fromEnv(env);
    PlanningPolicy policy = base.policy();
    if (gracePeriod != null) {
      policy = policy.withGracePeriod(gracePeriod);
    }
    if (pauseAll != null) {
      policy = policy.withPauseAll(pauseAll);
    }
    if (bucketPrefix != null || driftInterval != null) {
      policy =
          new PlanningPolicy(
              bucketPrefix != null ? bucketPrefix : policy.bucketPrefix(),
              policy.gracePeriod(),
              policy.pauseAll(),
              policy.backoff(),
              driftInterval != null ? driftInterval : policy.driftInterval(),
              policy.deletionGuard(),
              policy.backupGrace());
    }
    if (deletionGuardShare != null) {
      policy =
          policy.withDeletionGuard(
              new DeletionGuard(deletionGuardShare, policy.deletionGuard().minApps()));
    }
    Properties client = kafka.clientConfig();
    Map<String, String> kafkaProperties = new TreeMap<>();
    client
        .stringPropertyNames()
        .forEach(name -> kafkaProperties.put(name, client.getProperty(name)));
    String bootstrapServers = kafkaProperties.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    boolean dry = dryRun != null ? dryRun : base.dryRun();
    String id = applicationId != null ? applicationId : base.applicationId();
    if (dry && applicationId == null) {
      id = id + "-dry-run";
    }
    return new PlannerConfig(
        id,
        bootstrapServers,
        stateDir != null ? stateDir : base.stateDir(),
        httpPort != null ? httpPort : base.httpPort(),
        advertisedHost != null ? advertisedHost : base.advertisedHost(),
        base.timerTick(),
        policy,
        kafkaProperties,
        dry,
        new TransactionReaperConfig(
            abortHangingTransactions != null
                ? abortHangingTransactions
                : base.transactionReaper().enabled(),
            hangingTransactionAge != null
                ? hangingTransactionAge
                : base.transactionReaper().olderThan(),
            base.transactionReaper().interval()));
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or has run.
    }
  }

  /** ISO-8601 durations, with a message that shows the form. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO-8601 duration such as PT24H, PT90S or PT0S");
      }
    }
  }
}
