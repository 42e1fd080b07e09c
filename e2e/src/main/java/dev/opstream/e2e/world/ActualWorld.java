package dev.opstream.e2e.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstream.e2e.world.Resource.Kind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads the world as it is: every S3 bucket (with its owner marker), and in every cluster every
 * Helm release (from the Secrets Helm stores them in), every Secret labelled as opstream's, every
 * StatefulSet, Service (but the API server's own) and CronJob. In the test clusters nothing but
 * opstream creates those, so whatever is read and not expected is a leftover.
 */
public final class ActualWorld {

  static final String OWNER_MARKER = ".opstream/owner.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final Map<String, KubernetesClient> clusters;

  /**
   * @param s3 a client of the S3 server the bucket actuator uses
   * @param clusters a client per cluster, by cluster name
   */
  public ActualWorld(S3Client s3, Map<String, KubernetesClient> clusters) {
    this.s3 = s3;
    this.clusters = Map.copyOf(clusters);
  }

  /** Reads everything now. */
  public World read() {
    List<Resource> resources = new ArrayList<>(buckets());
    clusters.forEach((cluster, client) -> resources.addAll(inCluster(cluster, client)));
    return World.of(resources);
  }

  private List<Resource> buckets() {
    List<Resource> buckets = new ArrayList<>();
    for (Bucket bucket : s3.listBuckets().buckets()) {
      try {
        buckets.add(new Resource(Kind.BUCKET, bucket.name(), markerFacts(bucket.name())));
      } catch (NoSuchBucketException deletedSinceListed) {
        // gone between the list and the read: it does not exist
      }
    }
    return buckets;
  }

  private Map<String, String> markerFacts(String bucket) {
    Map<String, String> facts = new LinkedHashMap<>();
    JsonNode marker;
    try {
      ResponseBytes<GetObjectResponse> object =
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(OWNER_MARKER));
      marker = JSON.readTree(object.asByteArray());
    } catch (NoSuchKeyException e) {
      facts.put("marker", "absent");
      return facts;
    } catch (IOException e) {
      facts.put("marker", "unreadable: " + e.getMessage());
      return facts;
    }
    for (String field : List.of("managedBy", "app", "cluster", "bucket", "onDelete", "retained")) {
      facts.put("marker." + field, marker.path(field).asText("absent"));
    }
    return facts;
  }

  private static List<Resource> inCluster(String cluster, KubernetesClient client) {
    List<Resource> resources = new ArrayList<>();
    List<Secret> secrets = client.secrets().inAnyNamespace().list().getItems();
    resources.addAll(helmReleases(cluster, secrets));
    for (Secret secret : secrets) {
      if (ExpectedWorld.MANAGED_BY.equals(label(secret, ExpectedWorld.MANAGED_BY_LABEL))) {
        resources.add(passwordSecret(cluster, secret));
      }
    }
    for (StatefulSet set : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
      resources.add(statefulSet(cluster, set));
    }
    for (Service service : client.services().inAnyNamespace().list().getItems()) {
      if (!isApiServersOwn(service)) {
        resources.add(service(cluster, service));
      }
    }
    for (CronJob cronJob : client.batch().v1().cronjobs().inAnyNamespace().list().getItems()) {
      resources.add(cronJob(cluster, cronJob));
    }
    return resources;
  }

  /** The newest stored revision of each release, as Helm 3 keeps them: Secrets owner=helm. */
  private static List<Resource> helmReleases(String cluster, List<Secret> secrets) {
    Map<String, List<Secret>> byRelease =
        secrets.stream()
            .filter(s -> "helm".equals(label(s, "owner")) && label(s, "name") != null)
            .collect(
                Collectors.groupingBy(
                    s -> s.getMetadata().getNamespace() + "/" + label(s, "name"),
                    LinkedHashMap::new,
                    Collectors.toList()));
    List<Resource> releases = new ArrayList<>();
    byRelease.forEach(
        (namespaced, revisions) -> {
          Secret newest =
              revisions.stream()
                  .max(Comparator.comparingInt(s -> parseInt(label(s, "version"))))
                  .orElseThrow();
          releases.add(
              new Resource(
                  Kind.HELM_RELEASE, cluster + "/" + namespaced, releaseFacts(decode(newest))));
        });
    return releases;
  }

  private static Map<String, String> releaseFacts(JsonNode release) {
    JsonNode values = release.path("config");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("status", release.path("info").path("status").asText("absent"));
    facts.put("chart", release.path("chart").path("metadata").path("name").asText("absent"));
    facts.put("values.opstream.managedBy", text(values, "opstream", "managedBy"));
    facts.put("values.opstream.app", text(values, "opstream", "app"));
    facts.put("values.resources.memory.bytes", bytes(text(values, "resources", "memory")));
    facts.put("values.redis.maxmemory", text(values, "redis", "maxmemory"));
    facts.put("values.auth.existingSecret", text(values, "auth", "existingSecret"));
    facts.put("values.auth.passwordKey", text(values, "auth", "passwordKey"));
    return facts;
  }

  /** Helm's storage: the Secret's {@code release} is base64 of gzip of JSON. */
  private static JsonNode decode(Secret secret) {
    try {
      byte[] helm = Base64.getDecoder().decode(secret.getData().get("release"));
      byte[] zipped = Base64.getDecoder().decode(new String(helm, StandardCharsets.US_ASCII));
      try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
        return JSON.readTree(gzip.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Helm's " + secret.getMetadata().getName(), e);
    }
  }

  private static Resource passwordSecret(String cluster, Secret secret) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "label." + ExpectedWorld.MANAGED_BY_LABEL, label(secret, ExpectedWorld.MANAGED_BY_LABEL));
    facts.put(
        "annotation." + ExpectedWorld.APP_ANNOTATION,
        annotation(secret, ExpectedWorld.APP_ANNOTATION));
    String password = secret.getData() == null ? null : secret.getData().get("password");
    facts.put("data.password", password == null || password.isEmpty() ? "absent" : "present");
    return new Resource(Kind.PASSWORD_SECRET, id(cluster, secret), facts);
  }

  private static Resource statefulSet(String cluster, StatefulSet set) {
    Optional<Container> redis =
        set.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> "redis".equals(c.getName()))
            .findFirst();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "label." + ExpectedWorld.CHART_MANAGED_BY_LABEL,
        label(set, ExpectedWorld.CHART_MANAGED_BY_LABEL));
    facts.put(
        "annotation." + ExpectedWorld.APP_ANNOTATION,
        annotation(set, ExpectedWorld.APP_ANNOTATION));
    facts.put(
        "container.redis.memoryLimit.bytes",
        redis
            .map(c -> c.getResources().getLimits())
            .map(limits -> limits.get("memory"))
            .map(q -> Quantity.getAmountInBytes(q).toBigInteger().toString())
            .orElse("absent"));
    facts.put(
        "container.redis.maxmemory",
        redis.map(c -> following(c.getArgs(), "--maxmemory")).orElse("absent"));
    facts.put(
        "container.redis.passwordFrom",
        redis.map(c -> secretRef(c, "REDIS_PASSWORD")).orElse("absent"));
    return new Resource(Kind.STATEFULSET, id(cluster, set), facts);
  }

  private static Resource service(String cluster, Service service) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "label." + ExpectedWorld.CHART_MANAGED_BY_LABEL,
        label(service, ExpectedWorld.CHART_MANAGED_BY_LABEL));
    Map<String, String> selector = service.getSpec().getSelector();
    facts.put(
        "selector.app.kubernetes.io/instance",
        selector == null
            ? "absent"
            : selector.getOrDefault("app.kubernetes.io/instance", "absent"));
    facts.put(
        "port",
        service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty()
            ? "absent"
            : String.valueOf(service.getSpec().getPorts().get(0).getPort()));
    return new Resource(Kind.SERVICE, id(cluster, service), facts);
  }

  private static Resource cronJob(String cluster, CronJob cronJob) {
    Optional<Container> backup =
        cronJob
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .stream()
            .filter(c -> "backup".equals(c.getName()))
            .findFirst();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "label." + ExpectedWorld.MANAGED_BY_LABEL, label(cronJob, ExpectedWorld.MANAGED_BY_LABEL));
    facts.put(
        "annotation." + ExpectedWorld.APP_ANNOTATION,
        annotation(cronJob, ExpectedWorld.APP_ANNOTATION));
    facts.put("schedule", cronJob.getSpec().getSchedule());
    String zone = cronJob.getSpec().getTimeZone();
    facts.put("timeZone", zone == null ? "" : zone);
    facts.put("concurrencyPolicy", cronJob.getSpec().getConcurrencyPolicy());
    facts.put("retention", backup.map(c -> following(c.getCommand(), "--keep")).orElse("absent"));
    facts.put("container.backup.command", backup.map(c -> join(c.getCommand())).orElse("absent"));
    facts.put("container.backup.args", backup.map(c -> join(c.getArgs())).orElse("absent"));
    facts.put(
        "container.backup.env.REDIS_PASSWORD",
        backup.map(c -> "secret " + secretRef(c, "REDIS_PASSWORD")).orElse("absent"));
    return new Resource(Kind.CRONJOB, id(cluster, cronJob), facts);
  }

  /** The API server's own Service, {@code default/kubernetes}, which opstream never made. */
  private static boolean isApiServersOwn(Service service) {
    return "default".equals(service.getMetadata().getNamespace())
        && "kubernetes".equals(service.getMetadata().getName());
  }

  private static String secretRef(Container container, String variable) {
    if (container.getEnv() == null) {
      return "absent";
    }
    for (EnvVar env : container.getEnv()) {
      if (variable.equals(env.getName())
          && env.getValueFrom() != null
          && env.getValueFrom().getSecretKeyRef() != null) {
        return env.getValueFrom().getSecretKeyRef().getName()
            + "/"
            + env.getValueFrom().getSecretKeyRef().getKey();
      }
    }
    return "absent";
  }

  private static String following(List<String> words, String option) {
    if (words == null) {
      return "absent";
    }
    int at = words.indexOf(option);
    return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : "absent";
  }

  private static String join(List<String> words) {
    return words == null ? "" : String.join(" ", words);
  }

  private static String text(JsonNode values, String outer, String inner) {
    JsonNode node = values.path(outer).path(inner);
    return node.isMissingNode() || node.isNull() ? "absent" : node.asText();
  }

  private static String bytes(String quantity) {
    return AppIntent.bytes(quantity).map(String::valueOf).orElse("unreadable " + quantity);
  }

  private static String id(String cluster, HasMetadata object) {
    return Resource.objectId(
        cluster, object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
