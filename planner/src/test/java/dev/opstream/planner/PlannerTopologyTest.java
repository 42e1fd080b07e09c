package dev.opstream.planner;

import static dev.opstream.topics.records.ActionType.DELETE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.DELETE_BUCKET;
import static dev.opstream.topics.records.ActionType.DELETE_REDIS;
import static dev.opstream.topics.records.ActionType.ENSURE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.ENSURE_BUCKET;
import static dev.opstream.topics.records.ActionType.ENSURE_REDIS;
import static dev.opstream.topics.records.ActionType.OBSERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.planner.core.StatusConditions;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.TimerKind;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.topics.serde.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole topology, fed record by record: an app's life from enable to teardown. */
class PlannerTopologyTest {

  private static final AppKey APP = new AppKey("prod", "shop", "cart");
  private static final String UID = "uid-1";
  private static final Map<String, String> ENABLED = Map.of(Annotations.ENABLED, "true");
  private static final Map<String, String> DISABLED = Map.of(Annotations.ENABLED, "false");
  private static final PlanningPolicy POLICY = PlanningPolicy.defaults();
  private static final PlanningPolicy NO_GRACE = POLICY.withGracePeriod(Duration.ZERO);

  @TempDir Path stateDir;
  private final List<PlannerDriver> drivers = new ArrayList<>();

  @AfterEach
  void closeDrivers() {
    drivers.forEach(PlannerDriver::close);
  }

  @Test
  void enableEmitsBucketAndRedisEnsuresAndTheCronJobOnlyAfterBothSucceed() {
    PlannerDriver planner = driver(POLICY);
    DeploymentObserved deployment = planner.deploy(APP, UID, ENABLED);

    List<TestRecord<AppKey, Action>> first = planner.actions();
    assertThat(types(first)).containsExactlyInAnyOrder(ENSURE_BUCKET, ENSURE_REDIS);
    assertThat(first)
        .allSatisfy(
            record -> {
              assertThat(record.key()).isEqualTo(APP);
              assertThat(record.value().causedBy()).isEqualTo(idOf(planner, deployment));
              assertThat(record.value().attempt()).isEqualTo(1);
              assertThat(CloudEventHeaders.read(record.headers()))
                  .hasValueSatisfying(
                      event -> {
                        assertThat(event.source()).isEqualTo("opstream/planner");
                        assertThat(event.type()).startsWith("dev.opstream.action.");
                      });
            });

    planner.answer(find(first, ENSURE_BUCKET), Outcome.CREATED);
    assertThat(planner.actions()).isEmpty();
    planner.answer(find(first, ENSURE_REDIS), Outcome.CREATED);
    List<TestRecord<AppKey, Action>> cronJob = planner.actions();
    assertThat(types(cronJob)).containsExactly(ENSURE_BACKUP_CRONJOB);
    assertThat(cronJob.get(0).value().causedBy())
        .as("the CronJob is caused by the result that made it possible")
        .startsWith("in-");

    planner.answer(cronJob.get(0), Outcome.CREATED);
    assertThat(planner.actions()).isEmpty();
    AppStatus converged = lastStatus(planner);
    assertThat(ready(converged).reason()).isEqualTo(StatusConditions.CONVERGED);
    assertThat(planner.statusStore().get(APP)).isEqualTo(converged);
  }

  @Test
  void aSpecChangeEmitsOnlyTheChangedAction() {
    PlannerDriver planner = driver(POLICY);
    converge(planner, ENABLED);

    planner.deploy(APP, UID, with(ENABLED, Annotations.REDIS_MEMORY, "1Gi"));

    List<TestRecord<AppKey, Action>> changed = planner.actions();
    assertThat(types(changed)).containsExactly(ENSURE_REDIS);
    assertThat(changed.get(0).value().reason()).contains("memory 256Mi -> 1Gi");
  }

  @Test
  void aRetryableFailureSetsATimerThatComesBackThroughTheTimersTopicAsARetry() {
    PlannerDriver planner = driver(POLICY);
    planner.deploy(APP, UID, ENABLED);
    TestRecord<AppKey, Action> redis = find(planner.actions(), ENSURE_REDIS);

    planner.answer(redis, Outcome.FAILED_RETRYABLE);
    planner.advance(Duration.ofSeconds(1));
    assertThat(planner.actions()).as("the backoff is at least half of 5 s").isEmpty();

    planner.advance(Duration.ofSeconds(10));
    PlannerDriver.Fed timer = lastTimer(planner, TimerKind.RETRY);
    List<TestRecord<AppKey, Action>> retry = planner.actions();
    assertThat(types(retry)).containsExactly(ENSURE_REDIS);
    assertThat(retry.get(0).value().actionId()).isEqualTo(redis.value().actionId());
    assertThat(retry.get(0).value().attempt()).isEqualTo(2);
    assertThat(retry.get(0).value().causedBy())
        .isEqualTo(CloudEventHeaders.id(timer.headers()).orElseThrow());
    assertThat(ready(lastStatus(planner)).reason()).isEqualTo(StatusConditions.PROGRESSING);
  }

  @Test
  void aPermanentFailureGoesToTheStatusWithoutRetrying() {
    PlannerDriver planner = driver(POLICY);
    planner.deploy(APP, UID, ENABLED);
    planner.answer(find(planner.actions(), ENSURE_BUCKET), Outcome.FAILED_PERMANENT);

    planner.advance(Duration.ofHours(2));

    assertThat(planner.actions())
        .extracting(r -> r.value().actionType())
        .doesNotContain(ENSURE_BUCKET);
    AppStatus status = lastStatus(planner);
    assertThat(ready(status).reason()).isEqualTo(StatusConditions.FAILED);
    assertThat(status.lastError()).contains("simulated FAILED_PERMANENT");
  }

  @Test
  void teardownDeletesTheCronJobThenRedisThenTheBucketAfterTheGracePeriod() {
    PlannerDriver planner = driver(POLICY.withGracePeriod(Duration.ofHours(1)));
    converge(planner, ENABLED);

    planner.deploy(APP, UID, DISABLED);
    List<TestRecord<AppKey, Action>> cronJob = planner.actions();
    assertThat(types(cronJob)).containsExactly(DELETE_BACKUP_CRONJOB);

    planner.answer(cronJob.get(0), Outcome.DELETED);
    List<TestRecord<AppKey, Action>> redis = planner.actions();
    assertThat(types(redis)).containsExactly(DELETE_REDIS);
    planner.answer(redis.get(0), Outcome.DELETED);
    assertThat(ready(lastStatus(planner)).reason())
        .isEqualTo(StatusConditions.WAITING_FOR_GRACE_PERIOD);

    planner.advance(Duration.ofMinutes(30));
    assertThat(planner.actions()).isEmpty();
    planner.advance(Duration.ofMinutes(31));
    List<TestRecord<AppKey, Action>> bucket = planner.actions();
    assertThat(types(bucket)).containsExactly(DELETE_BUCKET);
    PlannerDriver.Fed grace = lastTimer(planner, TimerKind.GRACE_PERIOD);
    assertThat(bucket.get(0).value().causedBy())
        .as("a replay explains the deletion by the timer record")
        .isEqualTo(CloudEventHeaders.id(grace.headers()).orElseThrow());

    planner.answer(bucket.get(0), Outcome.DELETED);
    assertThat(ready(lastStatus(planner)).reason()).isEqualTo(StatusConditions.TORN_DOWN);
  }

  @Test
  void reEnablingDuringTheGracePeriodDeletesNothing() {
    PlannerDriver planner = driver(POLICY.withGracePeriod(Duration.ofHours(1)));
    converge(planner, ENABLED);
    planner.deploy(APP, UID, DISABLED);
    planner.answer(find(planner.actions(), DELETE_BACKUP_CRONJOB), Outcome.DELETED);
    planner.answer(find(planner.actions(), DELETE_REDIS), Outcome.DELETED);

    planner.advance(Duration.ofMinutes(10));
    planner.deploy(APP, UID, ENABLED);
    TestRecord<AppKey, Action> redis = find(planner.actions(), ENSURE_REDIS);
    planner.answer(redis, Outcome.CREATED);
    planner.answer(find(planner.actions(), ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
    planner.advance(Duration.ofHours(2));

    assertThat(types(planner.allActions())).doesNotContain(DELETE_BUCKET);
    assertThat(ready(lastStatus(planner)).reason()).isEqualTo(StatusConditions.CONVERGED);
  }

  @Test
  void retainKeepsTheBucket() {
    PlannerDriver planner = driver(NO_GRACE);
    Map<String, String> retain = with(ENABLED, Annotations.ON_DELETE, "Retain");
    converge(planner, retain);

    planner.deploy(APP, UID, with(DISABLED, Annotations.ON_DELETE, "Retain"));
    planner.answer(find(planner.actions(), DELETE_BACKUP_CRONJOB), Outcome.DELETED);
    planner.answer(find(planner.actions(), DELETE_REDIS), Outcome.DELETED);
    planner.advance(Duration.ofHours(48));

    assertThat(types(planner.allActions())).doesNotContain(DELETE_BUCKET);
    assertThat(ready(lastStatus(planner)).reason()).isEqualTo(StatusConditions.TORN_DOWN);
  }

  @Test
  void aDeletedDeploymentIsTornDownAndThenForgotten() {
    PlannerDriver planner = driver(NO_GRACE);
    converge(planner, ENABLED);

    planner.deleted(APP, UID);
    planner.tombstone(APP);
    List<TestRecord<AppKey, Action>> cronJob = planner.actions();
    assertThat(types(cronJob)).containsExactly(DELETE_BACKUP_CRONJOB);
    assertThat(cronJob.get(0).value().reason()).contains("the Deployment was deleted");
    planner.answer(cronJob.get(0), Outcome.DELETED);
    List<TestRecord<AppKey, Action>> rest = planner.actions();
    assertThat(types(rest)).containsExactlyInAnyOrder(DELETE_REDIS, DELETE_BUCKET);
    planner.answer(find(rest, DELETE_REDIS), Outcome.DELETED);
    planner.answer(find(rest, DELETE_BUCKET), Outcome.DELETED);

    List<TestRecord<AppKey, AppStatus>> statuses = planner.statuses();
    assertThat(statuses.get(statuses.size() - 1).value()).as("a tombstone").isNull();
    assertThat(planner.statusStore().get(APP)).isNull();
    assertThat(planner.store(PlannerTopology.APPS_STORE).get(APP)).isNull();
    assertThat(planner.store(PlannerTopology.TIMERS_STORE).approximateNumEntries()).isZero();
  }

  @Test
  void anAppWhoseAnnotationIsRemovedPublishesItsTornDownStatusBeforeItIsForgotten() {
    PlannerDriver planner = driver(NO_GRACE);
    converge(planner, ENABLED);
    planner.statuses();

    planner.deploy(APP, UID, Map.of());
    planner.answer(find(planner.actions(), DELETE_BACKUP_CRONJOB), Outcome.DELETED);
    List<TestRecord<AppKey, Action>> rest = planner.actions();
    planner.answer(find(rest, DELETE_REDIS), Outcome.DELETED);
    planner.answer(find(rest, DELETE_BUCKET), Outcome.DELETED);

    List<TestRecord<AppKey, AppStatus>> statuses = planner.statuses();
    assertThat(statuses).hasSizeGreaterThanOrEqualTo(2);
    assertThat(statuses.get(statuses.size() - 1).value()).as("the tombstone, last").isNull();
    AppStatus last = statuses.get(statuses.size() - 2).value();
    assertThat(last).as("the final status, just before the tombstone").isNotNull();
    assertThat(ready(last).reason()).isEqualTo(StatusConditions.TORN_DOWN);
    assertThat(last.resources().get(ActionKind.BUCKET).observed().exists()).isFalse();
    assertThat(planner.statusStore().get(APP)).isNull();
    assertThat(planner.store(PlannerTopology.APPS_STORE).get(APP)).isNull();
  }

  @Test
  void aDisabledAppPublishesItsTornDownStatusOnceItsBucketIsDeleted() {
    PlannerDriver planner = driver(NO_GRACE);
    converge(planner, ENABLED);

    planner.deploy(APP, UID, DISABLED);
    planner.answer(find(planner.actions(), DELETE_BACKUP_CRONJOB), Outcome.DELETED);
    List<TestRecord<AppKey, Action>> rest = planner.actions();
    planner.answer(find(rest, DELETE_REDIS), Outcome.DELETED);
    planner.statuses();
    planner.answer(find(rest, DELETE_BUCKET), Outcome.DELETED);

    AppStatus last = lastStatus(planner);
    assertThat(ready(last).reason()).isEqualTo(StatusConditions.TORN_DOWN);
    assertThat(last.resources().get(ActionKind.BUCKET).observed().exists()).isFalse();
    assertThat(planner.statusStore().get(APP)).isEqualTo(last);
  }

  @Test
  void aCompleteSnapshotInfersTheDeletionOfAnUnlistedAppInItsScope() {
    PlannerDriver planner = driver(NO_GRACE);
    List<AppKey> shop = apps("shop", 4);
    AppKey elsewhere = new AppKey("prod", "billing", "invoices");
    for (AppKey app : shop) {
      planner.deploy(app, "uid-" + app.name(), ENABLED);
    }
    planner.deploy(elsewhere, "uid-x", ENABLED);
    planner.actions();
    planner.advance(Duration.ofSeconds(1));

    List<SnapshotComplete> chunks =
        planner.snapshot(
            "s-1", "prod", WatchScope.namespaces(List.of("shop")), shop.subList(0, 3), 40);
    assertThat(chunks).hasSizeGreaterThan(1);
    for (SnapshotComplete chunk : chunks.subList(0, chunks.size() - 1)) {
      planner.feed(chunk);
    }
    assertThat(planner.actions()).as("nothing before the last chunk").isEmpty();
    planner.feed(chunks.get(chunks.size() - 1));

    List<TestRecord<AppKey, Action>> deletions = planner.actions();
    assertThat(deletions).extracting(TestRecord::key).containsOnly(shop.get(3));
    assertThat(types(deletions)).containsExactlyInAnyOrder(DELETE_REDIS, DELETE_BUCKET);
    assertThat(deletions.get(0).value().reason()).contains("missing from snapshot s-1");
  }

  @Test
  void aSnapshotThatWouldDeleteMostOfAScopeIsHeldWithACondition() {
    PlannerDriver planner = driver(NO_GRACE);
    List<AppKey> shop = apps("shop", 5);
    for (AppKey app : shop) {
      planner.deploy(app, "uid-" + app.name(), ENABLED);
    }
    planner.actions();
    planner.statuses();
    planner.advance(Duration.ofSeconds(1));

    planner
        .snapshot("s-2", "prod", WatchScope.all(), shop.subList(0, 1), 1000)
        .forEach(planner::feed);

    assertThat(planner.actions()).isEmpty();
    List<TestRecord<AppKey, AppStatus>> held = planner.statuses();
    assertThat(held)
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrderElementsOf(shop.subList(1, 5));
    assertThat(held)
        .allSatisfy(
            record ->
                assertThat(record.value().conditions())
                    .anySatisfy(
                        condition -> {
                          assertThat(condition.type()).isEqualTo(Condition.DELETION_HELD);
                          assertThat(condition.status()).isEqualTo(ConditionStatus.TRUE);
                          assertThat(condition.message()).contains("4 of the 5 apps");
                        }));
  }

  @Test
  void aPartitionThatWouldLoseAllItsAppsDeletesThemWhenTheWholeScopeLosesFew() {
    // Three partitions; this one holds 3 of the scope's 13 apps and the snapshot lists none of
    // them. Judged alone (3 of 3) it would hold them; over the scope it is 3 of 13.
    PlannerDriver planner = driver(NO_GRACE, 3);
    List<AppKey> here = apps("shop", 3);
    for (AppKey app : here) {
      planner.deploy(app, "uid-" + app.name(), ENABLED);
    }
    planner.actions();
    planner.statuses();
    planner.advance(Duration.ofSeconds(1));

    SnapshotComplete chunk =
        planner.snapshot("s-3", "prod", WatchScope.all(), List.of(), 1000).get(0);
    planner.feed(chunk);
    assertThat(planner.guardMessages())
        .as("this partition's count goes to the task counting the cluster's")
        .containsExactly(
            GuardMessage.of(
                new GuardMessage.PartitionTally(
                    GuardMessage.SCHEMA_VERSION, "prod", "s-3", chunk.observedAt(), 0, 3, 3, 3)));
    planner.tally("prod", "s-3", chunk.observedAt(), 1, 3, 5, 0);
    assertThat(planner.actions()).as("nothing before every partition has counted").isEmpty();
    assertThat(planner.statuses()).isEmpty();

    // While the partitions count, app-0 is seen again: it was created during the list.
    planner.deploy(here.get(0), "uid-" + here.get(0).name(), ENABLED);
    planner.actions();
    planner.tally("prod", "s-3", chunk.observedAt(), 2, 3, 5, 0);

    assertThat(planner.guardMessages())
        .filteredOn(message -> message.verdict() != null)
        .singleElement()
        .satisfies(
            message -> {
              GuardMessage.ScopeVerdict scope = message.verdict();
              assertThat(scope.hold()).isFalse();
              assertThat(scope.inScope()).isEqualTo(13);
              assertThat(scope.missing()).isEqualTo(3);
            });
    List<TestRecord<AppKey, Action>> deletions = planner.actions();
    assertThat(deletions).extracting(TestRecord::key).containsOnly(here.get(1), here.get(2));
    assertThat(types(deletions))
        .containsExactlyInAnyOrder(DELETE_REDIS, DELETE_BUCKET, DELETE_REDIS, DELETE_BUCKET);
    assertThat(deletions.get(0).value().reason()).contains("3 of the scope's 13 apps are missing");

    planner.tally("prod", "s-3", chunk.observedAt(), 2, 3, 5, 0);
    assertThat(planner.guardMessages()).as("a decided snapshot is not decided again").isEmpty();
  }

  @Test
  void aPartitionThatLosesFewOfItsAppsKeepsThemWhenTheWholeScopeWouldLoseMost() {
    // Three partitions; this one loses 2 of its 4 apps (below the guard's minimum of 3, so judged
    // alone it would delete them), while the others lose all of theirs: 10 of 12 over the scope.
    PlannerDriver planner = driver(NO_GRACE, 3);
    List<AppKey> here = apps("shop", 4);
    for (AppKey app : here) {
      planner.deploy(app, "uid-" + app.name(), ENABLED);
    }
    planner.actions();
    planner.statuses();
    planner.advance(Duration.ofSeconds(1));

    SnapshotComplete chunk =
        planner.snapshot("s-4", "prod", WatchScope.all(), here.subList(0, 2), 1000).get(0);
    planner.feed(chunk);
    planner.tally("prod", "s-4", chunk.observedAt(), 2, 3, 4, 4);
    planner.tally("prod", "s-4", chunk.observedAt(), 1, 3, 4, 4);

    assertThat(planner.actions()).isEmpty();
    List<TestRecord<AppKey, AppStatus>> held = planner.statuses();
    assertThat(held)
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrder(here.get(2), here.get(3));
    assertThat(held)
        .allSatisfy(
            record ->
                assertThat(record.value().conditions())
                    .anySatisfy(
                        condition -> {
                          assertThat(condition.type()).isEqualTo(Condition.DELETION_HELD);
                          assertThat(condition.status()).isEqualTo(ConditionStatus.TRUE);
                          assertThat(condition.message())
                              .contains("10 of the 12 apps", "all 3 partitions");
                        }));

    // A later snapshot within the share lets the held deletions go.
    planner.advance(Duration.ofSeconds(1));
    SnapshotComplete next =
        planner.snapshot("s-5", "prod", WatchScope.all(), here.subList(0, 2), 1000).get(0);
    planner.feed(next);
    planner.tally("prod", "s-5", next.observedAt(), 1, 3, 4, 0);
    planner.tally("prod", "s-5", next.observedAt(), 2, 3, 4, 0);
    assertThat(planner.actions())
        .extracting(TestRecord::key)
        .containsOnly(here.get(2), here.get(3))
        .hasSize(4);
  }

  @Test
  void aCountOfAnOlderSnapshotIsIgnoredOnceANewerOneIsBeingCounted() {
    PlannerDriver planner = driver(NO_GRACE, 2);
    List<AppKey> here = apps("shop", 4);
    for (AppKey app : here) {
      planner.deploy(app, "uid-" + app.name(), ENABLED);
    }
    planner.actions();
    planner.advance(Duration.ofSeconds(1));
    java.time.Instant older = planner.now();
    planner.advance(Duration.ofSeconds(1));
    SnapshotComplete chunk =
        planner.snapshot("s-new", "prod", WatchScope.all(), here.subList(0, 3), 1000).get(0);
    planner.feed(chunk);

    planner.tally("prod", "s-old", older, 1, 2, 4, 0);
    assertThat(planner.guardMessages()).as("no verdict on a mix of two snapshots").hasSize(1);
    assertThat(planner.actions()).isEmpty();
    planner.tally("prod", "s-new", chunk.observedAt(), 1, 2, 4, 0);
    assertThat(planner.actions()).extracting(TestRecord::key).containsOnly(here.get(3));
  }

  @Test
  void duplicateAndOutOfOrderResultsChangeNothing() {
    PlannerDriver planner = driver(POLICY);
    planner.deploy(APP, UID, ENABLED);
    List<TestRecord<AppKey, Action>> first = planner.actions();
    TestRecord<AppKey, Action> oldRedis = find(first, ENSURE_REDIS);
    planner.deploy(APP, UID, with(ENABLED, Annotations.REDIS_MEMORY, "512Mi"));
    TestRecord<AppKey, Action> newRedis = find(planner.actions(), ENSURE_REDIS);
    planner.answer(find(first, ENSURE_BUCKET), Outcome.CREATED);
    planner.answer(find(first, ENSURE_BUCKET), Outcome.CREATED);

    planner.answer(oldRedis, Outcome.CREATED);
    assertThat(planner.actions()).as("the old spec's result does not open the gate").isEmpty();

    planner.answer(newRedis, Outcome.CREATED);
    assertThat(types(planner.actions())).containsExactly(ENSURE_BACKUP_CRONJOB);
    planner.answer(newRedis, Outcome.CREATED);
    assertThat(planner.actions()).isEmpty();
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndTheAppGoesOn() {
    PlannerDriver planner = new PlannerDriver(POLICY, stateDir.resolve("dlq"), "at_least_once");
    drivers.add(planner);
    byte[] garbage = {(byte) 0xde, (byte) 0xad, 0};
    byte[] key = APP.toString().getBytes(StandardCharsets.UTF_8);
    planner.garbageDeployment(key, garbage);
    planner.garbageResult(
        "not a key".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    planner.deploy(new AppKey("prod", "shop", "other"), UID, ENABLED);
    planner.actions();

    planner.deploy(APP, UID, ENABLED);

    assertThat(types(planner.actions())).containsExactlyInAnyOrder(ENSURE_BUCKET, ENSURE_REDIS);
    List<TestRecord<byte[], byte[]>> dead = planner.deadLetters();
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).key()).isEqualTo(key);
    assertThat(dead.get(0).value()).isEqualTo(garbage);
    DeadLetter.Info notJson = DeadLetter.read(dead.get(0).headers()).orElseThrow();
    assertThat(notJson.reason()).isEqualTo("NOT_JSON");
    assertThat(notJson.topic()).isEqualTo(Topics.DEPLOYMENTS.name());
    assertThat(notJson.stage()).isEqualTo("planner");
    assertThat(DeadLetter.read(dead.get(1).headers()).orElseThrow().reason())
        .isEqualTo("INVALID_KEY");
  }

  @Test
  void aRecordWhoseKeyIsNotItsAppGoesToTheDeadLetterTopic() {
    PlannerDriver planner = driver(POLICY);
    planner.deploy(APP, UID, ENABLED);
    TestRecord<AppKey, Action> bucket = find(planner.actions(), ENSURE_BUCKET);

    planner.answer(
        new TestRecord<>(
            new AppKey("prod", "shop", "other"), bucket.value(), bucket.headers(), planner.now()),
        Outcome.CREATED);

    assertThat(DeadLetter.read(planner.deadLetters().get(0).headers()).orElseThrow().reason())
        .isEqualTo("KEY_MISMATCH");
  }

  @Test
  void thePauseSwitchPlansNothingAndSaysSoInTheStatus() {
    PlannerDriver planner = driver(POLICY.withPauseAll(true));
    planner.deploy(APP, UID, ENABLED);

    assertThat(planner.actions()).isEmpty();
    AppStatus status = lastStatus(planner);
    assertThat(status.paused()).isTrue();
    assertThat(status.conditions())
        .anySatisfy(c -> assertThat(c.reason()).isEqualTo(StatusConditions.PAUSED_BY_PLANNER));
  }

  @Test
  void aDriftCheckObservesAndReEnsuresWhatDrifted() {
    PlannerDriver planner = driver(POLICY);
    converge(planner, ENABLED);

    planner.advance(PlanningPolicy.DEFAULT_DRIFT_INTERVAL.plusSeconds(2));
    List<TestRecord<AppKey, Action>> checks = planner.actions();
    assertThat(types(checks)).containsOnly(OBSERVE).hasSize(3);
    TestRecord<AppKey, Action> redisCheck =
        checks.stream()
            .filter(r -> r.value().kind() == dev.opstream.topics.records.ActionKind.REDIS)
            .findFirst()
            .orElseThrow();
    planner.answer(redisCheck, Outcome.NOOP, ResourceState.managed(Map.of("memory", "64Mi")));

    List<TestRecord<AppKey, Action>> repair = planner.actions();
    assertThat(types(repair)).containsExactly(ENSURE_REDIS);
    assertThat(repair.get(0).value().attempt()).isEqualTo(2);
    assertThat(repair.get(0).value().reason()).contains("memory is 64Mi, wanted 256Mi");
  }

  @Test
  void aBucketDriftCheckWithoutARecentBackupRaisesBackupOverdueAndANewBackupClearsIt() {
    PlannerDriver planner = driver(POLICY.withBackupGrace(Duration.ofMinutes(2)));
    converge(planner, with(ENABLED, Annotations.BACKUP_SCHEDULE, "*/5 * * * *"));
    assertThat(backupOverdue(lastStatus(planner)).status())
        .as("the CronJob exists, no drift check has looked at the bucket yet")
        .isEqualTo(ConditionStatus.UNKNOWN);

    // 10:15: the backup due at 10:10 (10:13 minus the grace) has not happened.
    answerDriftChecks(planner, null);
    Condition noBackup = backupOverdue(lastStatus(planner));
    assertThat(noBackup.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(noBackup.reason()).isEqualTo(StatusConditions.NO_BACKUP);
    assertThat(noBackup.message()).contains("due at 2026-03-01T10:10:00Z");

    // 10:30: a backup finished at 10:26, after the one due at 10:25.
    answerDriftChecks(planner, "2026-03-01T10:26:00Z");
    AppStatus onSchedule = lastStatus(planner);
    assertThat(backupOverdue(onSchedule).status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(backupOverdue(onSchedule).reason()).isEqualTo(StatusConditions.BACKUP_ON_SCHEDULE);
    assertThat(onSchedule.lastBackup()).isEqualTo(java.time.Instant.parse("2026-03-01T10:26:00Z"));

    // 10:45: still the 10:26 backup, though one was due at 10:40.
    answerDriftChecks(planner, "2026-03-01T10:26:00Z");
    Condition tooOld = backupOverdue(lastStatus(planner));
    assertThat(tooOld.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(tooOld.reason()).isEqualTo(StatusConditions.BACKUP_TOO_OLD);
    assertThat(planner.actions()).as("an overdue backup is reported, not acted on").isEmpty();
  }

  @Test
  void replayingTheRecordedInputGivesIdenticalActions() {
    PlannerDriver original = driver(POLICY.withGracePeriod(Duration.ofMinutes(5)));
    original.deploy(APP, UID, ENABLED);
    List<TestRecord<AppKey, Action>> first = original.actions();
    original.answer(find(first, ENSURE_BUCKET), Outcome.CREATED);
    original.answer(find(first, ENSURE_REDIS), Outcome.FAILED_RETRYABLE);
    original.advance(Duration.ofSeconds(10));
    original.answer(find(original.actions(), ENSURE_REDIS), Outcome.CREATED);
    original.answer(find(original.actions(), ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
    original.advance(Duration.ofMinutes(1));
    original.deploy(APP, UID, DISABLED);
    original.answer(find(original.actions(), DELETE_BACKUP_CRONJOB), Outcome.DELETED);
    original.answer(find(original.actions(), DELETE_REDIS), Outcome.DELETED);
    original.advance(Duration.ofMinutes(6));
    List<TestRecord<AppKey, Action>> decided = original.allActions();
    assertThat(types(decided)).contains(DELETE_BUCKET);

    PlannerDriver replay = driver(POLICY.withGracePeriod(Duration.ofMinutes(5)));
    original.fed().forEach(replay::replay);

    assertThat(fingerprints(replay.allActions())).containsExactlyElementsOf(fingerprints(decided));
  }

  @Test
  void storesAndNodesKeepTheirNamesSoChangelogsSurviveUpgrades() {
    String description =
        PlannerTopology.build(PlannerConfig.fromEnv(Map.of())).describe().toString();

    assertThat(description)
        .contains(
            "planner-apps",
            "planner-status",
            "planner-timers",
            "planner-snapshots",
            "planner-pending-deletions",
            "planner-scope-tallies",
            "Processor: planner",
            "Source: guard-source (topics: [opstream-planner-deletion-guard])",
            "Sink: guard-tally-sink (topic: opstream-planner-deletion-guard)",
            "Sink: guard-verdict-sink (topic: opstream-planner-deletion-guard)",
            "Source: deployments-source",
            "Source: results-source",
            "Source: timers-source",
            "Sink: timers-sink (topic: opstream.timers)",
            "Sink: dlq-sink (topic: opstream.dlq)");
  }

  // ---- helpers ----

  private PlannerDriver driver(PlanningPolicy policy, int deploymentPartitions) {
    PlannerDriver driver =
        new PlannerDriver(
            policy,
            stateDir.resolve("d" + drivers.size()),
            "exactly_once_v2",
            deploymentPartitions);
    drivers.add(driver);
    return driver;
  }

  private PlannerDriver driver(PlanningPolicy policy) {
    PlannerDriver driver = new PlannerDriver(policy, stateDir.resolve("d" + drivers.size()));
    drivers.add(driver);
    return driver;
  }

  private static void converge(PlannerDriver planner, Map<String, String> annotations) {
    planner.deploy(APP, UID, annotations);
    List<TestRecord<AppKey, Action>> first = planner.actions();
    planner.answer(find(first, ENSURE_BUCKET), Outcome.CREATED);
    planner.answer(find(first, ENSURE_REDIS), Outcome.CREATED);
    planner.answer(find(planner.actions(), ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
    assertThat(planner.actions()).isEmpty();
  }

  /**
   * Lets a drift interval pass and answers its three checks; the bucket's reports {@code
   * newestBackupAt} (none when null).
   */
  private static void answerDriftChecks(PlannerDriver planner, String newestBackupAt) {
    planner.advance(PlanningPolicy.DEFAULT_DRIFT_INTERVAL.plusSeconds(2));
    List<TestRecord<AppKey, Action>> checks = planner.actions();
    assertThat(types(checks)).containsOnly(OBSERVE).hasSize(3);
    for (TestRecord<AppKey, Action> check : checks) {
      Map<String, String> seen =
          check.value().kind() == dev.opstream.topics.records.ActionKind.BUCKET
                  && newestBackupAt != null
              ? Map.of("newestBackupAt", newestBackupAt)
              : Map.of();
      planner.answer(check, Outcome.NOOP, ResourceState.managed(seen));
    }
  }

  private static Condition backupOverdue(AppStatus status) {
    return status.conditions().stream()
        .filter(c -> c.type().equals(StatusConditions.BACKUP_OVERDUE))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no BackupOverdue in " + status.conditions()));
  }

  private static List<String> fingerprints(List<TestRecord<AppKey, Action>> actions) {
    return actions.stream()
        .map(
            r ->
                r.value().actionType()
                    + " "
                    + r.value().actionId()
                    + " #"
                    + r.value().attempt()
                    + " by "
                    + r.value().causedBy()
                    + " ce "
                    + CloudEventHeaders.id(r.headers()).orElseThrow()
                    + " at "
                    + r.getRecordTime()
                    + ": "
                    + r.value().reason())
        .sorted()
        .toList();
  }

  private static String idOf(PlannerDriver planner, DeploymentObserved deployment) {
    return planner.fed().stream()
        .filter(f -> f.value() == deployment)
        .map(f -> CloudEventHeaders.id(f.headers()).orElseThrow())
        .findFirst()
        .orElseThrow();
  }

  private static PlannerDriver.Fed lastTimer(PlannerDriver planner, TimerKind kind) {
    PlannerDriver.Fed found = null;
    for (PlannerDriver.Fed fed : planner.fed()) {
      if (fed.topic().equals(Topics.TIMERS.name())
          && ((dev.opstream.topics.records.TimerFired) fed.value()).timer() == kind) {
        found = fed;
      }
    }
    assertThat(found).as("a %s timer record", kind).isNotNull();
    return found;
  }

  private static TestRecord<AppKey, Action> find(
      List<TestRecord<AppKey, Action>> actions, ActionType type) {
    return actions.stream()
        .filter(r -> r.value().actionType() == type)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + types(actions)));
  }

  private static List<ActionType> types(List<TestRecord<AppKey, Action>> actions) {
    return actions.stream().map(r -> r.value().actionType()).toList();
  }

  private static AppStatus lastStatus(PlannerDriver planner) {
    List<TestRecord<AppKey, AppStatus>> statuses = planner.statuses();
    assertThat(statuses).as("a status was published").isNotEmpty();
    return statuses.get(statuses.size() - 1).value();
  }

  private static Condition ready(AppStatus status) {
    return status.conditions().stream()
        .filter(c -> c.type().equals(Condition.READY))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> copy = new HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private static List<AppKey> apps(String namespace, int count) {
    List<AppKey> apps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      apps.add(new AppKey("prod", namespace, "app-" + i));
    }
    return apps;
  }
}
