package dev.opstream.actuator.cronjob;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command the backup CronJob runs, a fixed contract with {@code opstream backup run}:
 *
 * <pre>
 * opstream backup run --redis redis://&lt;release&gt;.&lt;namespace&gt;.svc:6379 --bucket &lt;bucket&gt;
 *     --prefix backups/ --keep &lt;retention&gt; --mode scan
 * </pre>
 *
 * The password comes from {@code REDIS_PASSWORD}, S3 settings from the environment.
 *
 * @param release the Redis release (its Service has the release's name)
 * @param namespace the app's namespace
 * @param bucket the app's bucket
 * @param retention how many good backups to keep
 */
record BackupCommand(String release, String namespace, String bucket, int retention) {

  static final String PREFIX = "backups/";
  static final String MODE = "scan";
  static final int REDIS_PORT = 6379;

  BackupCommand {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(bucket, "bucket");
  }

  /** The Redis URL: the release's Service in the app's namespace. */
  String redisUrl() {
    return "redis://" + release + "." + namespace + ".svc:" + REDIS_PORT;
  }

  /** The container command, word by word. */
  List<String> argv() {
    return List.of(
        "opstream",
        "backup",
        "run",
        "--redis",
        redisUrl(),
        "--bucket",
        bucket,
        "--prefix",
        PREFIX,
        "--keep",
        Integer.toString(retention),
        "--mode",
        MODE);
  }

  /** Reads back a command built by {@link #argv()}; empty when it is not one. */
  static Optional<BackupCommand> parse(List<String> argv, String namespace) {
    if (argv == null
        || argv.size() < 3
        || !argv.subList(0, 3).equals(List.of("opstream", "backup", "run"))) {
      return Optional.empty();
    }
    Optional<String> redis = option(argv, "--redis");
    Optional<String> bucket = option(argv, "--bucket");
    Optional<String> keep = option(argv, "--keep");
    String host = "redis://";
    String suffix = "." + namespace + ".svc:" + REDIS_PORT;
    if (redis.isEmpty()
        || bucket.isEmpty()
        || keep.isEmpty()
        || !redis.get().startsWith(host)
        || !redis.get().endsWith(suffix)) {
      return Optional.empty();
    }
    try {
      String release = redis.get().substring(host.length(), redis.get().length() - suffix.length());
      return Optional.of(
          new BackupCommand(release, namespace, bucket.get(), Integer.parseInt(keep.get())));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> option(List<String> argv, String name) {
    int i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.size() ? Optional.of(argv.get(i + 1)) : Optional.empty();
  }
}
