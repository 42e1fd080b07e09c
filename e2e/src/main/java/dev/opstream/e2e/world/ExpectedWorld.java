package dev.opstream.e2e.world;

import dev.opstream.e2e.world.Resource.Kind;
import dev.opstream.topics.records.AppKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The world the Deployments' annotations ask for, as a pure function: for every enabled app, its
 * bucket with its owner marker, its Helm release with the values opstream sets, the release's
 * StatefulSet and Services, the password Secret and the backup CronJob; for every other Deployment,
 * nothing. An app whose annotations are invalid keeps its last good annotations (the caller, which
 * wrote them, says what they were); one that never had good ones has nothing.
 *
 * <p>Names follow the README's contract for plain names only ({@code
 * <prefix>-<cluster>-<namespace>- <name>}, {@code <name>-redis}...): an app whose parts are not
 * lower-case letters and digits would get a hashed name, which this check does not compute, so it
 * refuses such apps.
 */
public final class ExpectedWorld {

  /**
   * What the pipeline was configured with, as far as it shapes the world.
   *
   * @param bucketPrefix the planner's bucket prefix
   * @param maxmemoryPercent the redis actuator's share of the memory limit given to {@code
   *     maxmemory}
   */
  public record Settings(String bucketPrefix, int maxmemoryPercent) {

    /** opstream's defaults: prefix {@code opstream}, {@code maxmemory} 75 % of the limit. */
    public static Settings defaults() {
      return new Settings("opstream", 75);
    }
  }

  static final String MANAGED_BY = "opstream";
  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String CHART_MANAGED_BY_LABEL = "opstream.dev/managed-by";
  static final String APP_ANNOTATION = "opstream.dev/app";
  static final String HELM_CHART = "opstream-redis";

  private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
  private static final Pattern PLAIN_STEM = Pattern.compile("[a-z]([a-z0-9]*)");

  private ExpectedWorld() {}

  /**
   * The world {@code deployments} ask for.
   *
   * @param lastGood for apps whose current annotations are invalid: the annotations they had when
   *     they were last valid (absent: they never were)
   */
  public static World of(
      Settings settings,
      Collection<AppDeployment> deployments,
      Map<AppKey, Map<String, String>> lastGood) {
    List<Resource> resources = new ArrayList<>();
    for (AppDeployment deployment : deployments) {
      AppIntent.Reading reading = AppIntent.read(deployment.annotations());
      if (reading instanceof AppIntent.Reading.Invalid) {
        Map<String, String> good = lastGood.get(deployment.app());
        if (good == null) {
          continue;
        }
        reading = AppIntent.read(good);
        if (!(reading instanceof AppIntent.Reading.Valid)) {
          throw new IllegalArgumentException("the last good annotations of " + deployment.app());
        }
      }
      AppIntent intent = ((AppIntent.Reading.Valid) reading).intent();
      if (intent.enabled()) {
        resources.addAll(resourcesOf(settings, deployment.app(), intent));
      }
    }
    return World.of(resources);
  }

  /** Everything one enabled app has. */
  static List<Resource> resourcesOf(Settings settings, AppKey app, AppIntent intent) {
    Objects.requireNonNull(intent, "intent");
    String cluster = app.cluster();
    String namespace = app.namespace();
    String bucket = bucketName(settings, app);
    String release = stem(app) + "-redis";
    String secret = stem(app) + "-redis-auth";
    String cronJob = stem(app) + "-redis-backup";
    String key = app.toString();
    long maxmemory = intent.memoryBytes() * settings.maxmemoryPercent() / 100;

    List<Resource> resources = new ArrayList<>();
    resources.add(
        new Resource(
            Kind.BUCKET,
            bucket,
            facts(
                "marker.managedBy", MANAGED_BY,
                "marker.app", key,
                "marker.cluster", cluster,
                "marker.bucket", bucket,
                "marker.onDelete", intent.retain() ? "RETAIN" : "DELETE",
                "marker.retained", "false")));
    resources.add(
        new Resource(
            Kind.HELM_RELEASE,
            Resource.objectId(cluster, namespace, release),
            facts(
                "status",
                "deployed",
                "chart",
                HELM_CHART,
                "values.opstream.managedBy",
                MANAGED_BY,
                "values.opstream.app",
                key,
                "values.resources.memory.bytes",
                Long.toString(intent.memoryBytes()),
                "values.redis.maxmemory",
                Long.toString(maxmemory),
                "values.auth.existingSecret",
                secret,
                "values.auth.passwordKey",
                "password")));
    resources.add(
        new Resource(
            Kind.PASSWORD_SECRET,
            Resource.objectId(cluster, namespace, secret),
            facts(
                "label." + MANAGED_BY_LABEL,
                MANAGED_BY,
                "annotation." + APP_ANNOTATION,
                key,
                "data.password",
                "present")));
    resources.add(
        new Resource(
            Kind.STATEFULSET,
            Resource.objectId(cluster, namespace, release),
            facts(
                "label." + CHART_MANAGED_BY_LABEL,
                MANAGED_BY,
                "annotation." + APP_ANNOTATION,
                key,
                "container.redis.memoryLimit.bytes",
                Long.toString(intent.memoryBytes()),
                "container.redis.maxmemory",
                Long.toString(maxmemory),
                "container.redis.passwordFrom",
                secret + "/password")));
    for (String service : List.of(release, release + "-headless")) {
      resources.add(
          new Resource(
              Kind.SERVICE,
              Resource.objectId(cluster, namespace, service),
              facts(
                  "label." + CHART_MANAGED_BY_LABEL,
                  MANAGED_BY,
                  "selector.app.kubernetes.io/instance",
                  release,
                  "port",
                  "6379")));
    }
    resources.add(
        new Resource(
            Kind.CRONJOB,
            Resource.objectId(cluster, namespace, cronJob),
            facts(
                "label." + MANAGED_BY_LABEL,
                MANAGED_BY,
                "annotation." + APP_ANNOTATION,
                key,
                "schedule",
                intent.schedule(),
                "timeZone",
                intent.timeZone().orElse(""),
                "retention",
                Integer.toString(intent.retention()),
                "concurrencyPolicy",
                "Forbid",
                "container.backup.command",
                String.join(
                    " ",
                    "opstream",
                    "backup",
                    "run",
                    "--redis",
                    "redis://" + release + "." + namespace + ".svc:6379",
                    "--bucket",
                    bucket,
                    "--prefix",
                    "backups/",
                    "--keep",
                    Integer.toString(intent.retention()),
                    "--mode",
                    "scan"),
                "container.backup.args",
                "",
                "container.backup.env.REDIS_PASSWORD",
                "secret " + secret + "/password")));
    return resources;
  }

  /** {@code <prefix>-<cluster>-<namespace>-<name>}, for apps whose parts are plain words. */
  static String bucketName(Settings settings, AppKey app) {
    String name =
        String.join("-", settings.bucketPrefix(), app.cluster(), app.namespace(), app.name());
    if (!WORD.matcher(app.cluster()).matches()
        || !WORD.matcher(app.namespace()).matches()
        || !WORD.matcher(app.name()).matches()
        || name.length() > 63) {
      throw new IllegalArgumentException(
          app + " would get a hashed bucket name, which the world check does not compute");
    }
    return name;
  }

  private static String stem(AppKey app) {
    if (!PLAIN_STEM.matcher(app.name()).matches() || app.name().length() > 39) {
      throw new IllegalArgumentException(
          app + " would get hashed Kubernetes names, which the world check does not compute");
    }
    return app.name();
  }

  private static Map<String, String> facts(String... namesAndValues) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      facts.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return facts;
  }
}
