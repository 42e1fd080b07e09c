package dev.opstream.dev.demo;

import dev.opstream.dev.pipeline.Pipeline;
import dev.opstream.localstack.LocalStack;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Looks at the world the pipeline changes: the buckets in S3, the Helm releases and CronJobs in
 * each cluster, the planner's statuses, and the actions and results on the topics.
 */
final class DemoWorld implements AutoCloseable {

  private final LocalStack stack;
  private final S3Client s3;
  private final PlannerStatusClient statuses;
  private final Map<AppKey, String> writtenVersions = new HashMap<>();

  DemoWorld(LocalStack stack, Pipeline pipeline) {
    this.stack = stack;
    this.s3 =
        S3Client.builder()
            .endpointOverride(stack.s3().endpoint())
            .region(Region.of(stack.s3().region()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(stack.s3().accessKey(), stack.s3().secretKey())))
            .build();
    URI statusUrl = pipeline.statusUrl();
    this.statuses = new PlannerStatusClient(statusUrl);
  }

  KubernetesClient cluster(DemoApp app) {
    return stack.cluster(app.cluster()).client();
  }

  /** Remembers the Deployment as the demo wrote it, to tell later whether anyone changed it. */
  void wrote(DemoApp app, Deployment written) {
    writtenVersions.put(app.app(), written.getMetadata().getResourceVersion());
  }

  AppObservation observe(DemoApp app, Map<AppKey, Long> actionCounts) {
    Optional<AppStatus> status = statuses.status(app.app());
    return new AppObservation(
        app.app(),
        bucketExists(app.bucket()),
        releaseDeployed(app),
        cronJobExists(app),
        status.map(AppStatus::lastBackup),
        status.flatMap(DemoWorld::readyReason),
        actionCounts.getOrDefault(app.app(), 0L),
        deploymentUnchanged(app));
  }

  List<AppObservation> observeAll(List<DemoApp> apps) {
    Map<AppKey, Long> actions = actionCounts();
    List<AppObservation> observations = new ArrayList<>();
    for (DemoApp app : apps) {
      observations.add(observe(app, actions));
    }
    return observations;
  }

  Optional<AppStatus> status(DemoApp app) {
    return statuses.status(app.app());
  }

  /** How many actions the planner emitted per app, over all three action topics. */
  Map<AppKey, Long> actionCounts() {
    Map<AppKey, Long> counts = new HashMap<>();
    for (ActionKind kind : ActionKind.values()) {
      for (var record : TopicLog.readAll(stack.kafka().bootstrapServers(), Topics.actions(kind))) {
        if (record.key() != null) {
          counts.merge(record.key(), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /** The app's results in the order they were written. */
  List<ActionResult> results(DemoApp app) {
    return TopicLog.readAll(stack.kafka().bootstrapServers(), Topics.RESULTS).stream()
        .filter(record -> app.app().equals(record.key()) && record.value() != null)
        .map(ConsumerRecord::value)
        .toList();
  }

  boolean bucketExists(String bucket) {
    try {
      s3.headBucket(request -> request.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** The keys of the objects in the bucket under {@code prefix}. */
  List<String> objects(String bucket, String prefix) {
    return s3
        .listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  /** Whether Helm's record of the release (a Secret labelled {@code owner=helm}) says deployed. */
  boolean releaseDeployed(DemoApp app) {
    return !cluster(app)
        .secrets()
        .inNamespace(app.namespace())
        .withLabel("owner", "helm")
        .withLabel("name", app.release())
        .withLabel("status", "deployed")
        .list()
        .getItems()
        .isEmpty();
  }

  boolean cronJobExists(DemoApp app) {
    return cluster(app)
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(app.namespace())
            .withName(app.cronJob())
            .get()
        != null;
  }

  private boolean deploymentUnchanged(DemoApp app) {
    String written = writtenVersions.get(app.app());
    if (written == null || app.fate() == DemoApp.Fate.DELETED) {
      return true;
    }
    Deployment now =
        cluster(app).apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
    return now != null && Objects.equals(written, now.getMetadata().getResourceVersion());
  }

  private static Optional<String> readyReason(AppStatus status) {
    return status.conditions().stream()
        .filter(condition -> condition.type().equals(Condition.READY))
        .map(Condition::reason)
        .findFirst();
  }

  @Override
  public void close() {
    s3.close();
  }
}
