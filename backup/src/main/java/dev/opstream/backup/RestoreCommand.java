package dev.opstream.backup;

import dev.opstream.backup.job.RestoreJob;
import dev.opstream.backup.redis.RedisTarget;
import dev.opstream.backup.redis.ReplicaFeed;
import dev.opstream.backup.store.BackupId;
import dev.opstream.backup.store.BackupStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code opstream backup restore}. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    modelTransformer = ExitCodeHelp.class,
    description = {
      "Restores a good backup (the newest unless --backup names one) into a Redis server.",
      "  scan backups: RESTORE key ttl payload ABSTTL REPLACE, pipelined. Without --flush the"
          + " backup's keys replace keys of the same name and other keys stay.",
      "  rdb backups replace the whole data set, so they need --flush: this process serves the"
          + " snapshot to the target as its master (REPLICAOF), waits until it is loaded, then"
          + " sends REPLICAOF NO ONE. The target must be able to connect back to this process.",
      "After the restore, the data read is checked against the manifest's size and SHA-256.",
      "",
      "--print-job prints a Kubernetes Job that runs this restore in the cluster instead, with"
          + " the opstream image and the app's Secret <name>-redis-auth (key password):",
      "  opstream backup restore --print-job --name shop --namespace shop --bucket B --flush"
          + " | kubectl create -f -"
    })
final class RestoreCommand extends BackupSubcommand {

  static final String DEFAULT_IMAGE = "opstream/opstream:latest";

  @Mixin private RedisOptions redis;

  @Mixin private BucketOptions bucket;

  @Option(
      names = "--backup",
      paramLabel = "ID|latest",
      defaultValue = "latest",
      description = "The backup to restore (an id from `backup list`, default: latest).")
  private String backup;

  @Option(
      names = "--flush",
      description = "Empty every database of the target first (required for rdb backups).")
  private boolean flush;

  @Option(
      names = "--advertise-host",
      paramLabel = "HOST",
      description =
          "rdb: the address the target connects to (default: this side of the connection to it).")
  private String advertiseHost;

  @Option(
      names = "--listen-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "rdb: the port to serve the snapshot on (default: any free one).")
  private int listenPort;

  @Option(
      names = "--load-timeout",
      paramLabel = "DURATION",
      defaultValue = "PT30M",
      description = "rdb: how long the target may take to load the snapshot (default: PT30M).")
  private Duration loadTimeout;

  @Option(
      names = "--print-job",
      description = "Print a Kubernetes Job that runs this restore, and do nothing else.")
  private boolean printJob;

  @Option(
      names = "--name",
      paramLabel = "APP",
      description = "--print-job: the app (Deployment) name; its Secret is <APP>-redis-auth.")
  private String app;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "--print-job: the app's namespace (default: kubectl's current one).")
  private String namespace;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      defaultValue = DEFAULT_IMAGE,
      description = "--print-job: the opstream image (default: " + DEFAULT_IMAGE + ").")
  private String image;

  @Option(
      names = "--s3-secret",
      paramLabel = "SECRET",
      description =
          "--print-job: a Secret whose keys become environment variables (AWS_ACCESS_KEY_ID,"
              + " AWS_SECRET_ACCESS_KEY, ...), as the backup CronJob gets them.")
  private String s3Secret;

  @Option(
      names = "--service-account",
      paramLabel = "NAME",
      description = "--print-job: the service account to run as (e.g. one with an S3 role).")
  private String serviceAccount;

  @Override
  ExitCode execute() {
    Optional<BackupId> id = backupId();
    if (printJob) {
      return printJob();
    }
    RedisTarget target = redis.target(env());
    try (S3Client s3 = s3()) {
      BackupStore store = bucket.store(s3, env());
      RestoreRun.Options options =
          new RestoreRun.Options(
              id,
              flush,
              new ReplicaFeed.Options(Optional.ofNullable(advertiseHost), listenPort, loadTimeout));
      RestoreRun.Result result =
          new RestoreRun(store, target, progress(), env().clock()).run(options);
      out()
          .printf(
              Locale.ROOT,
              "restored backup %s (%s mode) into %s: %,d keys%s in %.1f s%n",
              result.manifest().id(),
              result.manifest().mode().label(),
              target.display(),
              result.keys(),
              result.expired() > 0 ? " (" + result.expired() + " had expired)" : "",
              result.took().toMillis() / 1000.0);
      out().flush();
    }
    return ExitCode.OK;
  }

  private ExitCode printJob() {
    if (app == null || app.isBlank()) {
      throw new BackupException(ExitCode.USAGE, "--print-job needs --name (the app's name)");
    }
    Map<String, String> s3Env = new LinkedHashMap<>();
    env().get("S3_ENDPOINT").ifPresent(v -> s3Env.put("S3_ENDPOINT", v));
    env().get("AWS_REGION").ifPresent(v -> s3Env.put("AWS_REGION", v));
    String redisUri =
        redis.uri(env()).orElse("redis://" + app + "-redis:" + RedisTarget.DEFAULT_PORT);
    RedisTarget.parse(redisUri, Optional.empty(), Duration.ofSeconds(1)); // validates it
    RestoreJob.Spec spec =
        new RestoreJob.Spec(
            app,
            Optional.ofNullable(namespace),
            image,
            redisUri,
            bucket.bucket(env()),
            bucket.layout(env()).prefix(),
            backup,
            flush,
            s3Env,
            Optional.ofNullable(s3Secret),
            Optional.ofNullable(serviceAccount),
            env().clock().instant());
    out().print(RestoreJob.yaml(RestoreJob.build(spec)));
    out().flush();
    return ExitCode.OK;
  }

  private Optional<BackupId> backupId() {
    if (backup == null || backup.equalsIgnoreCase("latest")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BackupId(backup.trim()));
    } catch (IllegalArgumentException e) {
      throw new BackupException(ExitCode.USAGE, "--backup: " + e.getMessage());
    }
  }
}
