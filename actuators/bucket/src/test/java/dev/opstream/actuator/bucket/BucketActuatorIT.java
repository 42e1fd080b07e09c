package dev.opstream.actuator.bucket;

import static dev.opstream.actuator.runner.testing.ActuatorTestKit.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.actuator.runner.ActuatorRunner;
import dev.opstream.actuator.runner.FaultHook;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.actuator.runner.testing.ActuatorTestKit;
import dev.opstream.actuator.runner.testing.Gate;
import dev.opstream.actuator.runner.testing.TestActions;
import dev.opstream.actuator.runner.testing.TwoInstances;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.S3ServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.s3.S3Server;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The bucket actuator end to end: actions through the real broker, buckets on S3Proxy. */
@ExtendWith({KafkaBrokerExtension.class, S3ServerExtension.class})
class BucketActuatorIT {

  private ActuatorTestKit kit;
  private BucketConfig bucketConfig;
  private S3Client s3;
  private AppKey app;
  private String bucket;
  private final Gate gate = new Gate();

  @BeforeEach
  void setUp(KafkaBroker broker, S3Server server) throws Exception {
    kit = ActuatorTestKit.create(broker.bootstrapServers(), 2);
    bucketConfig =
        new BucketConfig(
            Optional.of(server.endpoint()),
            server.region(),
            true,
            Optional.of(new BucketConfig.S3Credentials(server.accessKey(), server.secretKey())),
            false,
            Duration.ofSeconds(30));
    s3 = S3Clients.create(bucketConfig);
    app = TestActions.newApp("bucket");
    bucket = "it-" + UUID.randomUUID().toString().substring(0, 18);
  }

  @AfterEach
  void tearDown() {
    gate.open();
    kit.close();
    s3.close();
  }

  @Test
  void ensureCreatesTheBucketMarkedAsTheAppsAndASecondEnsureIsNoop() throws Exception {
    start();
    EnsureBucket ensure = ensure(OnDelete.DELETE);

    ActionResult first = run(ensure);
    ActionResult second = run(ensure);

    assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(first.observed())
        .isEqualTo(ResourceState.managed(Map.of("name", bucket, "onDelete", "DELETE")));
    assertThat(marker())
        .contains("\"managedBy\" : \"opstream\"")
        .contains("\"app\" : \"" + app + "\"")
        .contains("\"cluster\" : \"it\"")
        .contains("\"onDelete\" : \"DELETE\"");
    assertThat(second.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(second.observed()).isEqualTo(first.observed());
  }

  @Test
  void aChangedSpecIsUpdatedAndTheChangeIsInTheBucket() throws Exception {
    start();
    run(ensure(OnDelete.DELETE));

    ActionResult changed = run(ensure(OnDelete.RETAIN));
    ActionResult again = run(ensure(OnDelete.RETAIN));

    assertThat(changed.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(changed.observed().attributes()).containsEntry("onDelete", "RETAIN");
    assertThat(marker()).contains("\"onDelete\" : \"RETAIN\"");
    assertThat(again.outcome()).isEqualTo(Outcome.NOOP);
  }

  @Test
  void aBucketDeletedBehindOpstreamsBackIsCreatedAgainByTheNextEnsure() throws Exception {
    start();
    EnsureBucket ensure = ensure(OnDelete.DELETE);
    run(ensure);
    s3.deleteObject(request -> request.bucket(bucket).key(OwnerMarker.KEY));
    s3.deleteBucket(request -> request.bucket(bucket));

    ActionResult observed = run(observe());
    ActionResult recreated = run(ensure);

    assertThat(observed.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(observed.observed()).isEqualTo(ResourceState.absent());
    assertThat(recreated.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(marker()).contains(app.toString());
  }

  @Test
  void deleteEmptiesTheBucketPageByPageThenDeletesItAndASecondDeleteIsNoop() throws Exception {
    start();
    run(ensure(OnDelete.DELETE));
    putObjects(1_050);

    ActionResult deleted = run(delete());
    ActionResult again = run(delete());

    assertThat(deleted.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(deleted.observed()).isEqualTo(ResourceState.absent());
    assertThat(bucketExists()).isFalse();
    assertThat(again.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(again.observed()).isEqualTo(ResourceState.absent());
  }

  @Test
  void retainLeavesTheBucketAndItsObjectsAndMarksItRetainedUntilEnsuredAgain() throws Exception {
    start();
    run(ensure(OnDelete.RETAIN));
    putObjects(3);

    ActionResult retained = run(delete());
    ActionResult again = run(delete());
    ActionResult reenabled = run(ensure(OnDelete.RETAIN));

    assertThat(retained.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(retained.observed().exists()).isTrue();
    assertThat(retained.observed().attributes()).containsEntry("retained", "true");
    assertThat(again.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(objectCount()).isEqualTo(4); // three objects and the owner marker
    assertThat(reenabled.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(reenabled.observed().attributes()).doesNotContainKey("retained");
    assertThat(marker()).contains("\"retained\" : false");
  }

  @Test
  void aBucketWithObjectsAndNoMarkerIsNeverTouchedAndEnsureFailsPermanently() throws Exception {
    start();
    s3.createBucket(request -> request.bucket(bucket));
    s3.putObject(
        request -> request.bucket(bucket).key("someone-elses.txt"),
        RequestBody.fromString("precious"));

    ActionResult ensured = run(ensure(OnDelete.DELETE));
    ActionResult deleted = run(delete());
    ActionResult observed = run(observe());

    assertThat(ensured.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(ensured.error()).contains(bucket).contains("not opstream's");
    assertThat(deleted.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(observed.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(observed.observed())
        .isEqualTo(new ResourceState(true, false, Map.of("name", bucket)));
    assertThat(bucketExists()).isTrue();
    assertThat(objectCount()).isEqualTo(1);
  }

  @Test
  void aBucketMarkedForAnotherAppIsNeverTouched() throws Exception {
    start();
    run(ensure(OnDelete.DELETE));
    AppKey other = TestActions.newApp("other");

    ActionResult ensured =
        run(EnsureBucket.of(other, "uid", new BucketSpec(bucket, OnDelete.DELETE), "c", "test"));
    ActionResult deleted = run(DeleteBucket.of(other, "uid", bucket, "c", "test"));

    assertThat(ensured.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(ensured.error()).contains("its owner marker names " + app);
    assertThat(deleted.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(bucketExists()).isTrue();
    assertThat(marker()).contains(app.toString());
  }

  @Test
  void ensureAdoptsAnEmptyUnmarkedBucketButDeleteRefusesOne() throws Exception {
    start();
    String adopted = bucket;
    s3.createBucket(request -> request.bucket(adopted));
    bucket = adopted + "-x";
    s3.createBucket(request -> request.bucket(bucket));

    ActionResult refused = run(delete());
    bucket = adopted;
    ActionResult ensured = run(ensure(OnDelete.DELETE));

    assertThat(refused.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(ensured.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(marker()).contains(app.toString());
  }

  @Test
  void observeReportsTheNewestGoodBackupAndChangesNothing() throws Exception {
    start();
    run(ensure(OnDelete.DELETE));
    ActionResult before = run(observe());
    put("backups/20261120T0000Z/manifest.json", "{\"endedAt\":\"2026-11-20T00:01:02Z\"}");
    put("backups/20261120T0000Z/dump.rdb.zst", "data");
    put(
        "backups/20261121T0000Z/manifest.json",
        "{\"endedAt\":\"2026-11-21T00:01:02Z\",\"status\":\"ok\"}");
    put(
        "backups/20261122T0000Z/manifest.json",
        "{\"endedAt\":\"2026-11-22T00:01:02Z\",\"status\":\"FAILED\"}");
    put("backups/20261123T0000Z/manifest.json", "not json");

    ActionResult after = run(observe());

    assertThat(before.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(before.observed())
        .isEqualTo(ResourceState.managed(Map.of("name", bucket, "onDelete", "DELETE")));
    assertThat(after.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(after.observed().attributes())
        .containsEntry("newestBackupAt", "2026-11-21T00:01:02Z")
        .containsEntry("newestBackupManifest", "backups/20261121T0000Z/manifest.json");
    assertThat(objectCount()).isEqualTo(6);
  }

  @Test
  void versioningOnAServerWithoutItIsAPermanentFailureThatSaysWhatToChange() throws Exception {
    // S3Proxy's filesystem store does not implement versioning (VersionedBucketIT uses one that
    // does).
    bucketConfig = bucketConfig.withVersioning(true);
    start();

    ActionResult result = run(ensure(OnDelete.DELETE));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(result.error())
        .contains("does not implement bucket versioning")
        .contains("OPSTREAM_BUCKET_VERSIONING");
    assertThat(marker()).contains(app.toString());
  }

  @Test
  void aCrashAfterCreatingTheBucketConvergesOnRedeliveryWithoutASecondEffect() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    ActuatorRunner crashing = kit.start(config, handler(), ActuatorTestKit.CRASH_BEFORE_PUBLISH);
    EnsureBucket ensure = ensure(OnDelete.DELETE);
    kit.send(ensure);

    assertThat(crashing.awaitTermination()).isPresent();
    assertThat(kit.resultsFor(ensure.actionId())).isEmpty();
    HeadObjectResponse markerAfterCrash = headMarker();

    kit.start(config, handler());

    ActionResult result = kit.awaitResult(ensure);
    kit.awaitAllCommitted(config.groupId());
    assertThat(result.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(kit.resultsFor(ensure.actionId())).hasSize(1);
    HeadObjectResponse markerAfterRedelivery = headMarker();
    assertThat(markerAfterRedelivery.eTag()).isEqualTo(markerAfterCrash.eTag());
    assertThat(markerAfterRedelivery.lastModified()).isEqualTo(markerAfterCrash.lastModified());
    assertThat(s3.listBuckets().buckets()).filteredOn(b -> b.name().equals(bucket)).hasSize(1);
  }

  @Test
  void anAppHeldInsideTheHandlerOnItsS3CallsDoesNotHoldAnotherApp() throws Exception {
    kit.start(
        kit.config(ActionKind.BUCKET),
        new BucketHandler(holdingCallsOn(bucket, gate), bucketConfig));
    EnsureBucket held = ensure(OnDelete.DELETE);
    kit.send(held);
    assertThat(gate.awaitReached()).isTrue();
    AppKey other = TestActions.newApp("free");
    EnsureBucket free = ensure(other, OnDelete.DELETE);
    kit.send(free);

    assertThat(kit.awaitResult(free).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(marker(bucketOf(other))).contains(other.toString());
    assertThat(kit.resultsFor(held.actionId())).isEmpty();
    assertThat(bucketExists()).isFalse();
    gate.open();
    assertThat(kit.awaitResult(held).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(marker()).contains(app.toString());
  }

  @Test
  void twoInstancesShareThePartitionsAndOneThatStopsHandsItsAppsOver() throws Exception {
    TwoInstances instances =
        TwoInstances.start(kit, 2, kit.config(ActionKind.BUCKET), this::handler);
    List<AppKey> apps = kit.onePerPartition(() -> TestActions.newApp("shared"));

    for (AppKey shared : apps) {
      kit.send(ensure(shared, OnDelete.DELETE));
    }
    for (AppKey shared : apps) {
      EnsureBucket ensure = ensure(shared, OnDelete.DELETE);
      assertThat(kit.awaitResult(ensure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(instances.ownerOf(shared).startedCount(ensure)).isEqualTo(1);
      assertThat(instances.otherThanOwnerOf(shared).startedCount(ensure)).isZero();
    }

    AppKey handedOver = instances.heldByFirst(apps);
    instances.stopFirst();
    EnsureBucket retain = ensure(handedOver, OnDelete.RETAIN);
    kit.send(retain);

    assertThat(kit.awaitResult(retain).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(instances.secondHandler().startedCount(retain)).isEqualTo(1);
    assertThat(instances.firstHandler().startedCount(retain)).isZero();
    assertThat(marker(bucketOf(handedOver))).contains("\"onDelete\" : \"RETAIN\"");
  }

  private void start() {
    kit.start(kit.config(ActionKind.BUCKET), handler(), FaultHook.NONE);
  }

  /** {@link #s3}, except that every call on {@code heldBucket} first passes {@code gate}. */
  private S3Client holdingCallsOn(String heldBucket, Gate gate) {
    InvocationHandler calls =
        (proxy, method, args) -> {
          if (args != null && args.length == 1 && args[0] instanceof Consumer) {
            // S3Client's Consumer<Builder> overloads build the request and call the overload
            // that takes it: on this proxy, so that call comes through here too.
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          if (args != null
              && args.length > 0
              && args[0] instanceof SdkRequest request
              && request.getValueForField("Bucket", String.class).orElse("").equals(heldBucket)) {
            gate.pass();
          }
          try {
            return method.invoke(s3, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (S3Client)
        Proxy.newProxyInstance(
            S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, calls);
  }

  private BucketHandler handler() {
    return new BucketHandler(s3, bucketConfig);
  }

  /** Sends {@code action} and waits for the result of this sending (ids repeat for reruns). */
  private ActionResult run(Action action) throws Exception {
    int before = kit.resultsFor(action.actionId()).size();
    kit.send(action);
    List<ActionResult> results =
        await()
            .atMost(TIMEOUT)
            .until(() -> kit.resultsFor(action.actionId()), found -> found.size() > before);
    return results.get(results.size() - 1);
  }

  private EnsureBucket ensure(OnDelete onDelete) {
    return EnsureBucket.of(
        app, TestActions.UID, new BucketSpec(bucket, onDelete), TestActions.CAUSE, "test");
  }

  /** An ensure of {@code other}'s own bucket (see {@link #bucketOf}). */
  private EnsureBucket ensure(AppKey other, OnDelete onDelete) {
    return EnsureBucket.of(
        other,
        TestActions.UID,
        new BucketSpec(bucketOf(other), onDelete),
        TestActions.CAUSE,
        "test");
  }

  private String bucketOf(AppKey other) {
    return bucket + "-" + other.name().substring("app-".length());
  }

  private DeleteBucket delete() {
    return DeleteBucket.of(app, TestActions.UID, bucket, TestActions.CAUSE, "test");
  }

  private Observe observe() {
    return Observe.of(app, TestActions.UID, ActionKind.BUCKET, bucket, TestActions.CAUSE, "drift");
  }

  private String marker() {
    return marker(bucket);
  }

  private String marker(String name) {
    return s3.getObjectAsBytes(request -> request.bucket(name).key(OwnerMarker.KEY))
        .asString(StandardCharsets.UTF_8);
  }

  private HeadObjectResponse headMarker() {
    return s3.headObject(request -> request.bucket(bucket).key(OwnerMarker.KEY));
  }

  private void put(String key, String content) {
    s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  private void putObjects(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts =
          IntStream.range(0, count)
              .mapToObj(i -> pool.submit(() -> put("data/object-" + i, "content " + i)))
              .<Future<?>>map(future -> future)
              .toList();
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private boolean bucketExists() {
    try {
      s3.headBucket(request -> request.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }

  private int objectCount() {
    return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
        .mapToInt(object -> 1)
        .sum();
  }
}
