package dev.opstream.bench;

import dev.opstream.actuator.bucket.BucketConfig;
import dev.opstream.actuator.bucket.BucketHandler;
import dev.opstream.actuator.bucket.S3Clients;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.s3.S3Server;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.OnDelete;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bucket actions on the stack's S3Proxy: create (a new bucket and its owner marker), noop (ensure
 * again: head, read the marker), observe (drift check with the backup listing) and delete (empty
 * bucket).
 */
final class BucketWorkload implements ActuatorWorkload {

  private S3Client s3;

  @Override
  public ActionKind kind() {
    return ActionKind.BUCKET;
  }

  @Override
  public ActionHandler handler(LocalStack stack) {
    S3Server server = stack.s3();
    BucketConfig config =
        new BucketConfig(
            Optional.of(server.endpoint()),
            server.region(),
            true,
            Optional.of(new BucketConfig.S3Credentials(server.accessKey(), server.secretKey())),
            false,
            Duration.ofSeconds(30));
    if (s3 == null) {
      s3 = S3Clients.create(config);
    }
    return new BucketHandler(s3, config);
  }

  @Override
  public List<Phase> phases(String runId, int apps) {
    Function<AppKey, String> bucket = app -> "bench-" + app.namespace() + "-" + app.name();
    return ActuatorWorkload.ensureObserveDelete(
        ActuatorWorkload.apps("bench", runId, apps),
        app -> ensure(app, bucket.apply(app)),
        app -> Observe.of(app, "uid", ActionKind.BUCKET, bucket.apply(app), "bench", "drift"),
        app -> DeleteBucket.of(app, "uid", bucket.apply(app), "bench", "gone"));
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static EnsureBucket ensure(AppKey app, String bucket) {
    return EnsureBucket.of(app, "uid", new BucketSpec(bucket, OnDelete.DELETE), "bench", "bench");
  }
}
