package dev.opstream.actuator.bucket;

import static dev.opstream.actuator.runner.testing.ActuatorTestKit.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.actuator.runner.testing.ActuatorTestKit;
import dev.opstream.actuator.runner.testing.TestActions;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Versioning, against an S3Proxy whose in-memory store implements it (the shared local stack's
 * filesystem store does not).
 */
@ExtendWith(KafkaBrokerExtension.class)
class VersionedBucketIT {

  private static final String ACCESS_KEY = "versioned";
  private static final String SECRET_KEY = "versioned-secret";

  private static S3Proxy proxy;
  private static TransientNio2BlobStore store;

  private ActuatorTestKit kit;
  private BucketConfig plain;
  private S3Client s3;
  private AppKey app;
  private String bucket;

  @BeforeAll
  static void startServer() throws Exception {
    store = new TransientNio2BlobStore();
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    proxy.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    proxy.stop();
    store.close();
  }

  @BeforeEach
  void setUp(KafkaBroker broker) throws Exception {
    kit = ActuatorTestKit.create(broker.bootstrapServers(), 1);
    plain =
        new BucketConfig(
            Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())),
            "us-east-1",
            true,
            Optional.of(new BucketConfig.S3Credentials(ACCESS_KEY, SECRET_KEY)),
            false,
            Duration.ofSeconds(30));
    s3 = S3Clients.create(plain);
    app = TestActions.newApp("versioned");
    bucket = "it-v-" + UUID.randomUUID().toString().substring(0, 18);
  }

  @AfterEach
  void tearDown() {
    kit.close();
    s3.close();
  }

  @Test
  void turningVersioningOnIsAnUpdateVisibleOnTheBucketAndThenNoop() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    kit.start(config, new BucketHandler(s3, plain));
    ActionResult created = run(ensure());
    kit.close();
    kit = ActuatorTestKit.create(kit.bootstrapServers(), 1);
    kit.start(kit.config(ActionKind.BUCKET), new BucketHandler(s3, plain.withVersioning(true)));

    ActionResult updated = run(ensure());
    ActionResult again = run(ensure());

    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(created.observed().attributes()).doesNotContainKey("versioning");
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.observed().attributes()).containsEntry("versioning", "Enabled");
    assertThat(versioning()).isEqualTo("Enabled");
    assertThat(again.outcome()).isEqualTo(Outcome.NOOP);
  }

  @Test
  void deleteRemovesEveryVersionAndDeleteMarkerBeforeTheBucket() throws Exception {
    kit.start(kit.config(ActionKind.BUCKET), new BucketHandler(s3, plain.withVersioning(true)));
    assertThat(run(ensure()).outcome()).isEqualTo(Outcome.CREATED);
    for (int i = 0; i < 3; i++) {
      int version = i;
      s3.putObject(
          request -> request.bucket(bucket).key("backups/dump"),
          RequestBody.fromString("version " + version));
    }
    s3.deleteObject(request -> request.bucket(bucket).key("backups/dump"));
    assertThat(s3.listObjectVersions(request -> request.bucket(bucket)).versions())
        .hasSizeGreaterThan(3);

    ActionResult deleted = run(DeleteBucket.of(app, TestActions.UID, bucket, "c", "test"));

    assertThat(deleted.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(bucketExists()).isFalse();
  }

  private EnsureBucket ensure() {
    return EnsureBucket.of(
        app, TestActions.UID, new BucketSpec(bucket, OnDelete.DELETE), TestActions.CAUSE, "test");
  }

  private ActionResult run(Action action) throws Exception {
    int before = kit.resultsFor(action.actionId()).size();
    kit.send(action);
    List<ActionResult> results =
        await()
            .atMost(TIMEOUT)
            .until(() -> kit.resultsFor(action.actionId()), found -> found.size() > before);
    return results.get(results.size() - 1);
  }

  private String versioning() {
    return s3.getBucketVersioning(request -> request.bucket(bucket)).statusAsString();
  }

  private boolean bucketExists() {
    try {
      s3.headBucket(request -> request.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }
}
