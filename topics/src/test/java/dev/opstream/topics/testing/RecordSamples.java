package dev.opstream.topics.testing;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.DeleteRedis;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.RedisSpec;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.ResourceStatus;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.TimerKind;
import dev.opstream.topics.records.VersionedRecord;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated value of every record type, for round trips. */
public final class RecordSamples {

  public static final AppKey APP = AppKey.parse("prod-eu/shop/cart");
  public static final String UID = "6c1c0b8e-6f1e-4d7a-9b7e-2f0e6e8a1c11";
  public static final Instant T0 = Instant.parse("2026-11-22T10:15:30.123456789Z");
  public static final Instant T1 = Instant.parse("2026-11-22T10:15:31Z");
  public static final String CAUSE = "0d9e8c34-55a8-4c5b-9a39-0f0d0f6f2a10";

  public static final BucketSpec BUCKET =
      new BucketSpec("opstream-prod-eu-shop-cart", OnDelete.DELETE);
  public static final RedisSpec REDIS = new RedisSpec("cart-redis", "256Mi", "cart-redis-auth");
  public static final BackupCronJobSpec CRONJOB =
      new BackupCronJobSpec(
          "cart-redis-backup", "@daily", "Europe/Berlin", 7, BUCKET.name(), REDIS.release());

  private RecordSamples() {}

  public static DeploymentObserved observed() {
    return DeploymentObserved.of(
        APP,
        UID,
        "4711",
        3,
        Map.of(
            "opstream.dev/enabled",
            "true",
            "opstream.dev/redis-memory",
            "512Mi",
            "kubectl.kubernetes.io/last-applied-configuration",
            "{}"),
        Map.of("app", "cart", "tier", "web"),
        T0);
  }

  public static EnsureBucket ensureBucket() {
    return EnsureBucket.of(APP, UID, BUCKET, CAUSE, "app enabled: bucket missing");
  }

  public static List<VersionedRecord> all() {
    return List.of(
        observed(),
        DeploymentDeleted.of(APP, UID, "4712", T1),
        SnapshotComplete.chunks(
                "snap-1",
                "prod-eu",
                WatchScope.namespaces(List.of("shop", "billing")),
                4,
                List.of(APP, AppKey.parse("prod-eu/billing/invoices")),
                SnapshotComplete.DEFAULT_MAX_CHUNK_BYTES,
                T0)
            .get(0),
        TimerFired.of(APP, TimerKind.GRACE_PERIOD, "a1b2", T0, T1),
        ensureBucket(),
        DeleteBucket.of(APP, UID, BUCKET.name(), CAUSE, "app disabled, grace period over")
            .withAttempt(2),
        EnsureRedis.of(APP, UID, REDIS, CAUSE, "bucket ready"),
        DeleteRedis.of(APP, UID, REDIS.release(), REDIS.secretName(), CAUSE, "cronjob deleted"),
        EnsureBackupCronJob.of(APP, UID, CRONJOB, CAUSE, "bucket and redis ready"),
        DeleteBackupCronJob.of(APP, UID, CRONJOB.name(), CAUSE, "app disabled"),
        Observe.of(APP, UID, ActionKind.REDIS, REDIS.release(), CAUSE, "drift check"),
        ActionResult.of(
            ensureBucket(),
            Outcome.CREATED,
            ResourceState.managed(Map.of("name", BUCKET.name())),
            null,
            CAUSE,
            T1),
        ActionResult.of(
            ensureBucket(), Outcome.FAILED_RETRYABLE, null, "S3 answered 503", CAUSE, T1),
        AppStatus.of(
            APP,
            UID,
            true,
            false,
            Map.of(
                ActionKind.BUCKET,
                new ResourceStatus(
                    ResourceState.managed(Map.of("name", BUCKET.name())),
                    ResourceState.managed(Map.of("name", BUCKET.name())),
                    ensureBucket().actionId(),
                    Outcome.CREATED),
                ActionKind.REDIS,
                new ResourceStatus(
                    ResourceState.managed(Map.of("memory", "256Mi")), null, null, null)),
            List.of(
                new Condition(
                    Condition.READY, ConditionStatus.FALSE, "RedisPending", "waiting", T1)),
            "bad value 'maybe' for opstream.dev/enabled",
            T0,
            T1));
  }
}
