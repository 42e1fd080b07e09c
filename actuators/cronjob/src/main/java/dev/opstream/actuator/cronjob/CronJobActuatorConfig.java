package dev.opstream.actuator.cronjob;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the backup CronJobs are built; everything that is not per app (per app: schedule, time zone,
 * retention, bucket, release) comes from here.
 *
 * @param image the opstream image that runs {@code opstream backup run}
 * @param imagePullPolicy the pull policy of that image
 * @param s3CredentialsSecret a Secret in the app's namespace whose keys become the backup's
 *     environment ({@code S3_ENDPOINT}, {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code
 *     AWS_SECRET_ACCESS_KEY}); empty: no Secret, credentials come from the service account (IRSA,
 *     workload identity) or the node
 * @param serviceAccountName the backup pod's service account; empty: the namespace's default, with
 *     no API token mounted
 * @param successfulJobsHistoryLimit finished Jobs kept
 * @param failedJobsHistoryLimit failed Jobs kept
 * @param startingDeadlineSeconds how late a run may still start (a missed run is skipped after)
 * @param backoffLimit retries of a failed run
 * @param activeDeadlineSeconds how long one run may take
 * @param cpuRequest the backup container's CPU request
 * @param memoryRequest its memory request
 * @param memoryLimit its memory limit
 */
public record CronJobActuatorConfig(
    String image,
    String imagePullPolicy,
    Optional<String> s3CredentialsSecret,
    Optional<String> serviceAccountName,
    int successfulJobsHistoryLimit,
    int failedJobsHistoryLimit,
    long startingDeadlineSeconds,
    int backoffLimit,
    long activeDeadlineSeconds,
    String cpuRequest,
    String memoryRequest,
    String memoryLimit) {

  public static final String DEFAULT_IMAGE = "opstream/opstream:latest";

  public CronJobActuatorConfig {
    requireText(image, "image");
    if (!java.util.Set.of("Always", "IfNotPresent", "Never").contains(imagePullPolicy)) {
      throw new IllegalArgumentException(
          "imagePullPolicy must be Always, IfNotPresent or Never, was " + imagePullPolicy);
    }
    Objects.requireNonNull(s3CredentialsSecret, "s3CredentialsSecret");
    Objects.requireNonNull(serviceAccountName, "serviceAccountName");
    atLeast(successfulJobsHistoryLimit, 0, "successfulJobsHistoryLimit");
    atLeast(failedJobsHistoryLimit, 0, "failedJobsHistoryLimit");
    atLeast(startingDeadlineSeconds, 10, "startingDeadlineSeconds");
    atLeast(backoffLimit, 0, "backoffLimit");
    atLeast(activeDeadlineSeconds, 1, "activeDeadlineSeconds");
    requireText(cpuRequest, "cpuRequest");
    requireText(memoryRequest, "memoryRequest");
    requireText(memoryLimit, "memoryLimit");
  }

  /** The defaults: the latest opstream image, S3 credentials from the service account. */
  public static CronJobActuatorConfig defaults() {
    return new CronJobActuatorConfig(
        DEFAULT_IMAGE,
        pullPolicyFor(DEFAULT_IMAGE),
        Optional.empty(),
        Optional.empty(),
        3,
        3,
        300,
        2,
        3600,
        "100m",
        "256Mi",
        "512Mi");
  }

  /**
   * From the environment; every variable is optional: {@code OPSTREAM_BACKUP_IMAGE}, {@code
   * OPSTREAM_BACKUP_IMAGE_PULL_POLICY}, {@code OPSTREAM_BACKUP_S3_SECRET}, {@code
   * OPSTREAM_BACKUP_SERVICE_ACCOUNT}, {@code OPSTREAM_BACKUP_SUCCESSFUL_JOBS_HISTORY}, {@code
   * OPSTREAM_BACKUP_FAILED_JOBS_HISTORY}, {@code OPSTREAM_BACKUP_STARTING_DEADLINE_SECONDS}, {@code
   * OPSTREAM_BACKUP_BACKOFF_LIMIT}, {@code OPSTREAM_BACKUP_ACTIVE_DEADLINE_SECONDS}, {@code
   * OPSTREAM_BACKUP_CPU_REQUEST}, {@code OPSTREAM_BACKUP_MEMORY_REQUEST}, {@code
   * OPSTREAM_BACKUP_MEMORY_LIMIT}.
   */
  public static CronJobActuatorConfig fromEnv(Map<String, String> env) {
    Function<String, Optional<String>> get =
        name -> Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    CronJobActuatorConfig d = defaults();
    String image = get.apply("OPSTREAM_BACKUP_IMAGE").orElse(d.image);
    return new CronJobActuatorConfig(
        image,
        get.apply("OPSTREAM_BACKUP_IMAGE_PULL_POLICY").orElse(pullPolicyFor(image)),
        get.apply("OPSTREAM_BACKUP_S3_SECRET"),
        get.apply("OPSTREAM_BACKUP_SERVICE_ACCOUNT"),
        get.apply("OPSTREAM_BACKUP_SUCCESSFUL_JOBS_HISTORY")
            .map(Integer::parseInt)
            .orElse(d.successfulJobsHistoryLimit),
        get.apply("OPSTREAM_BACKUP_FAILED_JOBS_HISTORY")
            .map(Integer::parseInt)
            .orElse(d.failedJobsHistoryLimit),
        get.apply("OPSTREAM_BACKUP_STARTING_DEADLINE_SECONDS")
            .map(Long::parseLong)
            .orElse(d.startingDeadlineSeconds),
        get.apply("OPSTREAM_BACKUP_BACKOFF_LIMIT").map(Integer::parseInt).orElse(d.backoffLimit),
        get.apply("OPSTREAM_BACKUP_ACTIVE_DEADLINE_SECONDS")
            .map(Long::parseLong)
            .orElse(d.activeDeadlineSeconds),
        get.apply("OPSTREAM_BACKUP_CPU_REQUEST").orElse(d.cpuRequest),
        get.apply("OPSTREAM_BACKUP_MEMORY_REQUEST").orElse(d.memoryRequest),
        get.apply("OPSTREAM_BACKUP_MEMORY_LIMIT").orElse(d.memoryLimit));
  }

  /** This configuration with S3 credentials from {@code secret} ({@code envFrom}). */
  public CronJobActuatorConfig withS3CredentialsSecret(String secret) {
    return new CronJobActuatorConfig(
        image,
        imagePullPolicy,
        Optional.of(secret),
        serviceAccountName,
        successfulJobsHistoryLimit,
        failedJobsHistoryLimit,
        startingDeadlineSeconds,
        backoffLimit,
        activeDeadlineSeconds,
        cpuRequest,
        memoryRequest,
        memoryLimit);
  }

  /** What Kubernetes would default to: {@code Always} for {@code :latest} or no tag. */
  static String pullPolicyFor(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    boolean tagged = last.contains(":") || image.contains("@");
    return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void atLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
  }
}
