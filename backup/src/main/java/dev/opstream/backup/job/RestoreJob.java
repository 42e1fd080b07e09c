package dev.opstream.backup.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-off Kubernetes Job that runs {@code opstream backup restore} in the cluster, with what the
 * app's backup CronJob uses: the opstream image, the password from the Secret {@code
 * <app>-redis-auth} (key {@code password}) as {@code REDIS_PASSWORD}, the S3 settings, and S3
 * credentials from a Secret (as environment variables) or the service account (IRSA, workload
 * identity).
 */
public final class RestoreJob {

  /** The key of the password in the {@code <app>-redis-auth} Secret. */
  public static final String PASSWORD_KEY = "password";

  private static final int NAME_LIMIT = 63;
  private static final DateTimeFormatter SUFFIX =
      DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private RestoreJob() {}

  /**
   * What the Job runs.
   *
   * @param app the app's name: the Secret is {@code <app>-redis-auth}
   * @param namespace the app's namespace, empty for kubectl's current one
   * @param image the opstream image
   * @param redisUri the Redis to restore into, as seen from the cluster
   * @param bucket the bucket
   * @param prefix the prefix
   * @param backup the backup's id, or {@code latest}
   * @param flush whether to empty Redis first
   * @param s3Env S3 settings passed on as they are ({@code S3_ENDPOINT}, {@code AWS_REGION})
   * @param s3Secret a Secret whose keys become environment variables (AWS_ACCESS_KEY_ID, ...)
   * @param serviceAccount the service account to run as (its role may grant S3 access)
   * @param now when the Job is printed: its name's suffix
   */
  public record Spec(
      String app,
      Optional<String> namespace,
      String image,
      String redisUri,
      String bucket,
      String prefix,
      String backup,
      boolean flush,
      Map<String, String> s3Env,
      Optional<String> s3Secret,
      Optional<String> serviceAccount,
      Instant now) {

    public Spec {
      s3Env = Map.copyOf(s3Env);
    }
  }

  /** The Job for {@code spec}. */
  public static Job build(Spec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "opstream-restore");
    labels.put("app.kubernetes.io/instance", spec.app());
    labels.put("app.kubernetes.io/component", "redis-restore");
    labels.put("app.kubernetes.io/part-of", "opstream");

    List<String> args = new ArrayList<>();
    args.addAll(List.of("backup", "restore", "--redis", spec.redisUri()));
    args.addAll(List.of("--bucket", spec.bucket(), "--prefix", spec.prefix()));
    args.addAll(List.of("--backup", spec.backup()));
    if (spec.flush()) {
      args.add("--flush");
    }

    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName("REDIS_PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName(spec.app() + "-redis-auth")
            .withKey(PASSWORD_KEY)
            .endSecretKeyRef()
            .endValueFrom()
            .build());
    spec.s3Env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.add(new EnvVar(e.getKey(), e.getValue(), null)));

    ContainerBuilder container =
        new ContainerBuilder().withName("restore").withImage(spec.image()).withArgs(args);
    container.withEnv(env);
    spec.s3Secret()
        .ifPresent(
            secret ->
                container
                    .addNewEnvFrom()
                    .withNewSecretRef()
                    .withName(secret)
                    .endSecretRef()
                    .endEnvFrom());

    Job built =
        new JobBuilder()
            .withNewMetadata()
            .withName(name(spec.app(), spec.now()))
            .withNamespace(spec.namespace().orElse(null))
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(0)
            .withTtlSecondsAfterFinished(7 * 24 * 3600)
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withServiceAccountName(spec.serviceAccount().orElse(null))
            .withContainers(container.build())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    return built;
  }

  /** The Job as YAML, for {@code kubectl create -f -}. */
  public static String yaml(Job job) {
    ObjectMapper yaml =
        new ObjectMapper(
            new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    try {
      return yaml.writeValueAsString(job);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the Job as YAML", e);
    }
  }

  /** {@code <app>-redis-restore-<yyyyMMdd-HHmmss>}, shortened to 63 characters. */
  static String name(String app, Instant now) {
    String suffix = "-redis-restore-" + SUFFIX.format(now);
    String stem =
        app.length() + suffix.length() > NAME_LIMIT
            ? app.substring(0, NAME_LIMIT - suffix.length())
            : app;
    while (stem.endsWith("-")) {
      stem = stem.substring(0, stem.length() - 1);
    }
    return stem + suffix;
  }
}
