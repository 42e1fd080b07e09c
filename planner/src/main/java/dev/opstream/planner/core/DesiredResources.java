package dev.opstream.planner.core;

import dev.opstream.planner.desired.DesiredSpec;
import dev.opstream.planner.names.ResourceNames;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.RedisSpec;
import dev.opstream.topics.records.ResourceState;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app's three resources as its desired spec wants them: the per-kind specs that go into the
 * ensure actions (and whose canonical JSON their action ids hash), and the attributes a drift check
 * compares.
 *
 * <p>Drift-check attributes are named like the spec's fields and hold the spec's text: {@code name}
 * for a bucket; {@code release}, {@code memory}, {@code secretName} for Redis; {@code name}, {@code
 * schedule}, {@code timeZone}, {@code retention}, {@code bucket}, {@code release} for the CronJob.
 * An actuator reports those it can see; only the attributes both sides name are compared.
 */
record DesiredResources(
    ResourceNames names, BucketSpec bucket, RedisSpec redis, BackupCronJobSpec cronJob) {

  static ResourceNames names(PlanningPolicy policy, AppKey app) {
    return ResourceNames.forApp(policy.bucketPrefix(), app.cluster(), app.namespace(), app.name());
  }

  static DesiredResources of(PlanningPolicy policy, AppKey app, DesiredSpec spec) {
    ResourceNames names = names(policy, app);
    BucketSpec bucket =
        new BucketSpec(
            names.bucket(),
            spec.deletePolicy().onDelete() == dev.opstream.planner.desired.OnDelete.RETAIN
                ? OnDelete.RETAIN
                : OnDelete.DELETE);
    RedisSpec redis =
        new RedisSpec(names.helmRelease(), spec.redisMemory().limitQuantity(), names.redisSecret());
    BackupCronJobSpec cronJob =
        new BackupCronJobSpec(
            names.backupCronJob(),
            spec.backupSchedule().expression(),
            spec.backupTimezone().map(ZoneId::getId).orElse(null),
            spec.backupRetention(),
            names.bucket(),
            names.helmRelease());
    return new DesiredResources(names, bucket, redis, cronJob);
  }

  /** The name of the resource of {@code kind}: bucket, Helm release or CronJob. */
  String nameOf(ActionKind kind) {
    return nameOf(names, kind);
  }

  static String nameOf(ResourceNames names, ActionKind kind) {
    return switch (kind) {
      case BUCKET -> names.bucket();
      case REDIS -> names.helmRelease();
      case CRONJOB -> names.backupCronJob();
    };
  }

  /** The resource of {@code kind} as wanted: existing, owned by opstream, with its attributes. */
  ResourceState wanted(ActionKind kind) {
    return switch (kind) {
      case BUCKET -> ResourceState.managed(attributes(bucket));
      case REDIS -> ResourceState.managed(attributes(redis));
      case CRONJOB -> ResourceState.managed(attributes(cronJob));
    };
  }

  /** What an ensure action wants the world to look like; absent for any other action. */
  static ResourceState wantedBy(Action action) {
    if (action instanceof EnsureBucket ensure) {
      return ResourceState.managed(attributes(ensure.spec()));
    }
    if (action instanceof EnsureRedis ensure) {
      return ResourceState.managed(attributes(ensure.spec()));
    }
    if (action instanceof EnsureBackupCronJob ensure) {
      return ResourceState.managed(attributes(ensure.spec()));
    }
    return ResourceState.absent();
  }

  static Map<String, String> attributes(BucketSpec spec) {
    return Map.of("name", spec.name());
  }

  static Map<String, String> attributes(RedisSpec spec) {
    return Map.of(
        "release", spec.release(), "memory", spec.memory(), "secretName", spec.secretName());
  }

  static Map<String, String> attributes(BackupCronJobSpec spec) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("name", spec.name());
    attributes.put("schedule", spec.schedule());
    if (spec.timeZone() != null) {
      attributes.put("timeZone", spec.timeZone());
    }
    attributes.put("retention", Integer.toString(spec.retention()));
    attributes.put("bucket", spec.bucket());
    attributes.put("release", spec.release());
    return attributes;
  }
}
