package dev.opstream.planner.core;

import static dev.opstream.planner.core.AppHistory.UID;
import static dev.opstream.topics.records.ActionKind.BUCKET;
import static dev.opstream.topics.records.ActionKind.CRONJOB;
import static dev.opstream.topics.records.ActionKind.REDIS;
import static dev.opstream.topics.records.ActionType.DELETE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.DELETE_BUCKET;
import static dev.opstream.topics.records.ActionType.DELETE_REDIS;
import static dev.opstream.topics.records.ActionType.ENSURE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.ENSURE_BUCKET;
import static dev.opstream.topics.records.ActionType.ENSURE_REDIS;
import static dev.opstream.topics.records.ActionType.OBSERVE;
import static dev.opstream.topics.records.Outcome.CREATED;
import static dev.opstream.topics.records.Outcome.DELETED;
import static dev.opstream.topics.records.Outcome.FAILED_PERMANENT;
import static dev.opstream.topics.records.Outcome.FAILED_RETRYABLE;
import static dev.opstream.topics.records.Outcome.NOOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planning rules, one behaviour per row: an app's history ({@code given}), one more record
 * ({@code when}), and what the planner must decide ({@code then}). Every row also checks that each
 * emitted action names the record it was decided on as its cause and gives a reason.
 */
class PlannerTest {

  private static final PlanningPolicy POLICY = PlanningPolicy.defaults();
  private static final PlanningPolicy NO_GRACE = POLICY.withGracePeriod(Duration.ZERO);
  private static final Duration GRACE = POLICY.gracePeriod();

  /** One row of the table. */
  record Case(
      PlanningPolicy policy,
      Consumer<AppHistory> given,
      Function<AppHistory, Step> when,
      BiConsumer<AppHistory, Step> then) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("behaviours")
  void plans(Case row) {
    AppHistory history = new AppHistory(row.policy());
    row.given().accept(history);
    Step step = row.when().apply(history);
    for (Action action : step.decisions().actions()) {
      assertThat(action.causedBy()).as("causedBy of %s", action).isEqualTo(history.lastInputId());
      assertThat(action.reason()).as("reason of %s", action).isNotBlank();
    }
    row.then().accept(history, step);
  }

  static Stream<Arguments> behaviours() {
    return Stream.of(
        // ---- an enabled app: bucket and Redis first, the CronJob after both succeed ----
        row(
            "emitsBucketAndRedisEnsuresWhenAnAppIsEnabled",
            POLICY,
            nothing(),
            h -> h.deploy(enabled()),
            emits(ENSURE_BUCKET, ENSURE_REDIS)
                .andThen(attempts(1, 1))
                .andThen(schedules(TimerKind.DRIFT_CHECK))
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.PROGRESSING))
                .andThen(
                    (h, step) ->
                        assertThat(step.decisions().status().resources())
                            .containsKeys(BUCKET, REDIS, CRONJOB))),
        row(
            "waitsForRedisBeforeEnsuringTheCronJob",
            POLICY,
            h -> h.deploy(enabled()),
            h -> h.result(BUCKET, CREATED),
            emitsNothing().andThen(notes("the backup CronJob waits until Redis reports success"))),
        row(
            "waitsForTheBucketBeforeEnsuringTheCronJob",
            POLICY,
            h -> h.deploy(enabled()),
            h -> h.result(REDIS, CREATED),
            emitsNothing()),
        row(
            "emitsCronJobEnsureOnlyAfterBucketAndRedisSucceed",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, CREATED);
            },
            h -> h.result(REDIS, NOOP),
            emits(ENSURE_BACKUP_CRONJOB).andThen(attempts(1))),
        row(
            "reportsReadyWhenAllThreeResourcesAreEnsured",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, CREATED);
              h.result(REDIS, CREATED);
            },
            h -> h.result(CRONJOB, CREATED),
            emitsNothing().andThen(ready(ConditionStatus.TRUE, StatusConditions.CONVERGED))),
        row(
            "emitsNothingAndKeepsTheStatusWhenTheSameSpecIsObservedAgain",
            POLICY,
            converged(),
            h -> h.after(Duration.ofMinutes(1)).deploy(enabled()),
            emitsNothing()
                .andThen((h, step) -> assertThat(step.statusChanged()).isFalse())
                .andThen((h, step) -> assertThat(step.decisions().schedule()).isEmpty())),
        row(
            "emitsNothingWhileAnActionIsInFlight",
            POLICY,
            h -> h.deploy(enabled()),
            h -> h.deploy(enabled()),
            emitsNothing()),
        // ---- spec changes: only the changed action ----
        row(
            "emitsOnlyTheRedisEnsureWhenRedisMemoryChanges",
            POLICY,
            converged(),
            h -> h.deploy(with(enabled(), Annotations.REDIS_MEMORY, "512Mi")),
            emits(ENSURE_REDIS)
                .andThen(attempts(1))
                .andThen(reasonContains("memory 256Mi -> 512Mi"))
                .andThen(newIdFor(REDIS))),
        row(
            "emitsOnlyTheCronJobEnsureWhenTheScheduleChanges",
            POLICY,
            converged(),
            h -> h.deploy(with(enabled(), Annotations.BACKUP_SCHEDULE, "0 3 * * *")),
            emits(ENSURE_BACKUP_CRONJOB).andThen(reasonContains("schedule @daily -> 0 3 * * *"))),
        row(
            "emitsOnlyTheBucketEnsureWhenOnDeleteChanges",
            POLICY,
            converged(),
            h -> h.deploy(with(enabled(), Annotations.ON_DELETE, "Retain")),
            emits(ENSURE_BUCKET)),
        row(
            "holdsBackAChangedCronJobUntilTheChangedRedisSucceeds",
            POLICY,
            converged(),
            h ->
                h.deploy(
                    with(
                        with(enabled(), Annotations.REDIS_MEMORY, "1Gi"),
                        Annotations.BACKUP_RETENTION,
                        "3")),
            emits(ENSURE_REDIS)),
        row(
            "emitsTheHeldBackCronJobOnceTheChangedRedisSucceeds",
            POLICY,
            converged()
                .andThen(
                    h ->
                        h.deploy(
                            with(
                                with(enabled(), Annotations.REDIS_MEMORY, "1Gi"),
                                Annotations.BACKUP_RETENTION,
                                "3"))),
            h -> h.result(REDIS, Outcome_UPDATED),
            emits(ENSURE_BACKUP_CRONJOB).andThen(reasonContains("retention 7 -> 3"))),
        // ---- retries ----
        row(
            "schedulesARetryWithBackoffAfterARetryableFailure",
            POLICY,
            h -> h.deploy(enabled()),
            h -> h.result(BUCKET, FAILED_RETRYABLE),
            emitsNothing()
                .andThen(
                    (h, step) -> {
                      Action failed = h.current(BUCKET);
                      assertThat(step.decisions().schedule())
                          .containsExactly(
                              new PlannedTimer(
                                  TimerKind.RETRY,
                                  failed.actionId(),
                                  h.now().plus(POLICY.backoff().delay(failed.actionId(), 1))));
                    })
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.RETRYING))
                .andThen(lastErrorContains("boom: FAILED_RETRYABLE"))),
        row(
            "retriesWithTheSameIdAndTheNextAttemptWhenTheRetryTimerFires",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, FAILED_RETRYABLE);
            },
            h -> h.fire(TimerKind.RETRY),
            emits(ENSURE_BUCKET)
                .andThen(attempts(2))
                .andThen(sameIdAsFirst(BUCKET))
                .andThen(reasonContains("retry after attempt 1 failed"))),
        row(
            "backsOffLongerAfterEachRetryableFailure",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, FAILED_RETRYABLE);
              h.fire(TimerKind.RETRY);
            },
            h -> h.result(BUCKET, FAILED_RETRYABLE),
            (h, step) -> {
              Action failed = h.current(BUCKET);
              assertThat(failed.attempt()).isEqualTo(2);
              assertThat(step.decisions().schedule())
                  .singleElement()
                  .extracting(PlannedTimer::dueAt)
                  .isEqualTo(h.now().plus(POLICY.backoff().delay(failed.actionId(), 2)));
            }),
        row(
            "givesUpAfterTheLastAttemptAndSaysSo",
            POLICY.withBackoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 2)),
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, FAILED_RETRYABLE);
              h.fire(TimerKind.RETRY);
            },
            h -> h.result(BUCKET, FAILED_RETRYABLE),
            emitsNothing()
                .andThen(schedulesNothing(TimerKind.RETRY))
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.FAILED))
                .andThen(readyMessageContains("gave up after 2 attempts"))),
        row(
            "reportsAPermanentFailureWithoutRetrying",
            POLICY,
            h -> h.deploy(enabled()),
            h -> h.result(REDIS, FAILED_PERMANENT),
            emitsNothing()
                .andThen(schedulesNothing(TimerKind.RETRY))
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.FAILED))
                .andThen(lastErrorContains("boom: FAILED_PERMANENT"))),
        row(
            "staysQuietAfterAPermanentFailureUntilTheSpecChanges",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(REDIS, FAILED_PERMANENT);
            },
            h -> h.after(Duration.ofHours(1)).deploy(enabled()),
            emitsNothing()),
        row(
            "triesAgainAfterAPermanentFailureWhenTheSpecChanges",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(REDIS, FAILED_PERMANENT);
            },
            h -> h.deploy(with(enabled(), Annotations.REDIS_MEMORY, "512Mi")),
            emits(ENSURE_REDIS).andThen(attempts(1))),
        row(
            "cancelsAPendingRetryWhenTheSpecChanges",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(REDIS, FAILED_RETRYABLE);
            },
            h -> h.deploy(with(enabled(), Annotations.REDIS_MEMORY, "512Mi")),
            emits(ENSURE_REDIS).andThen(cancels(TimerKind.RETRY))),
        // ---- duplicate and out-of-order results ----
        row(
            "ignoresADuplicateResult",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, FAILED_RETRYABLE);
            },
            h -> h.result(h.current(BUCKET), FAILED_RETRYABLE, null),
            emitsNothing().andThen((h, step) -> assertThat(step.decisions().schedule()).isEmpty())),
        row(
            "ignoresAResultOfAnEarlierSpec",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.deploy(with(enabled(), Annotations.REDIS_MEMORY, "512Mi"));
              h.result(BUCKET, CREATED);
            },
            h -> h.result(h.emitted().get(1), CREATED, null),
            emitsNothing()
                .andThen(
                    (h, step) ->
                        assertThat(step.state().resources().get(REDIS).inFlight()).isTrue())),
        row(
            "ignoresALateResultOfAnEarlierAttempt",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, FAILED_RETRYABLE);
              h.fire(TimerKind.RETRY);
              h.result(REDIS, CREATED);
            },
            h -> h.result(h.emitted().get(0), CREATED, null),
            emitsNothing()
                .andThen(
                    (h, step) ->
                        assertThat(step.state().resources().get(BUCKET).inFlight()).isTrue())),
        // ---- drift checks ----
        row(
            "observesEveryResourceWhenTheDriftCheckFires",
            POLICY,
            converged(),
            h -> h.fire(TimerKind.DRIFT_CHECK),
            emits(OBSERVE, OBSERVE, OBSERVE)
                .andThen(schedules(TimerKind.DRIFT_CHECK))
                .andThen(
                    (h, step) ->
                        assertThat(step.decisions().actions())
                            .extracting(Action::kind)
                            .containsExactly(BUCKET, REDIS, CRONJOB))),
        row(
            "reEnsuresWhenADriftCheckFindsTheWorldDiffers",
            POLICY,
            converged().andThen(h -> h.fire(TimerKind.DRIFT_CHECK)),
            h ->
                h.observed(
                    REDIS,
                    ResourceState.managed(
                        Map.of("memory", "128Mi", "release", "cart-redis", "chart", "redis"))),
            emits(ENSURE_REDIS)
                .andThen(attempts(2))
                .andThen(sameIdAsFirst(REDIS))
                .andThen(reasonContains("memory is 128Mi, wanted 256Mi"))),
        row(
            "reEnsuresWhenADriftCheckFindsTheResourceGone",
            POLICY,
            converged().andThen(h -> h.fire(TimerKind.DRIFT_CHECK)),
            h -> h.observed(BUCKET, ResourceState.absent()),
            emits(ENSURE_BUCKET).andThen(reasonContains("it does not exist"))),
        row(
            "reportsTheNewestBackupTheBucketDriftCheckFoundAsTheLastBackup",
            POLICY,
            converged().andThen(h -> h.fire(TimerKind.DRIFT_CHECK)),
            h -> {
              Map<String, String> seen =
                  new HashMap<>(DesiredResources.wantedBy(h.current(BUCKET)).attributes());
              seen.put("newestBackupAt", "2026-03-01T03:15:07.250Z");
              return h.observed(BUCKET, ResourceState.managed(seen));
            },
            emitsNothing()
                .andThen(
                    (h, step) ->
                        assertThat(step.decisions().status().lastBackup())
                            .isEqualTo(Instant.parse("2026-03-01T03:15:07.250Z")))),
        row(
            "emitsNothingWhenADriftCheckFindsNoDifference",
            POLICY,
            converged().andThen(h -> h.fire(TimerKind.DRIFT_CHECK)),
            h -> h.observed(CRONJOB, DesiredResources.wantedBy(h.current(CRONJOB))),
            emitsNothing().andThen(ready(ConditionStatus.TRUE, StatusConditions.CONVERGED))),
        // ---- teardown: CronJob, then Redis, then the bucket after the grace period ----
        row(
            "deletesTheCronJobFirstWhenTheAppIsDisabled",
            POLICY,
            converged(),
            h -> h.deploy(Map.of(Annotations.ENABLED, "false")),
            emits(DELETE_BACKUP_CRONJOB)
                .andThen(schedules(TimerKind.GRACE_PERIOD))
                .andThen(cancels(TimerKind.DRIFT_CHECK))
                .andThen(reasonContains("disabled"))),
        row(
            "tearsDownWhenTheEnabledAnnotationIsRemoved",
            POLICY,
            converged(),
            h -> h.deploy(Map.of()),
            emits(DELETE_BACKUP_CRONJOB)),
        row(
            "deletesRedisOnlyAfterTheCronJobIsDeleted",
            POLICY,
            converged().andThen(h -> h.deploy(disabled())),
            h -> h.result(CRONJOB, DELETED),
            emits(DELETE_REDIS)
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.WAITING_FOR_GRACE_PERIOD))),
        row(
            "deletesRedisAfterACronJobDeleteFoundNothingToDelete",
            POLICY,
            converged().andThen(h -> h.deploy(disabled())),
            h -> h.result(h.current(CRONJOB), NOOP, ResourceState.absent()),
            emits(DELETE_REDIS)),
        row(
            "keepsRedisWhileTheCronJobDeleteFails",
            POLICY,
            converged().andThen(h -> h.deploy(disabled())),
            h -> h.result(CRONJOB, FAILED_RETRYABLE),
            emitsNothing().andThen(schedules(TimerKind.RETRY))),
        row(
            "keepsTheBucketUntilTheGracePeriodEnds",
            POLICY,
            converged().andThen(h -> h.deploy(disabled())).andThen(h -> h.result(CRONJOB, DELETED)),
            h -> h.result(REDIS, DELETED),
            emitsNothing()
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.WAITING_FOR_GRACE_PERIOD))
                .andThen(readyMessageContains("after the grace period of PT24H"))),
        row(
            "emitsDeleteBucketAfterGracePeriod",
            POLICY,
            converged()
                .andThen(h -> h.deploy(disabled()))
                .andThen(h -> h.result(CRONJOB, DELETED))
                .andThen(h -> h.result(REDIS, DELETED)),
            h -> h.fire(TimerKind.GRACE_PERIOD),
            emits(DELETE_BUCKET)
                .andThen(reasonContains("grace period of PT24H has ended"))
                .andThen((h, step) -> assertThat(h.now()).isEqualTo(AppHistory.T0.plus(GRACE)))),
        row(
            "setsTheGraceTimerFromTheStartOfTheTeardown",
            POLICY,
            converged().andThen(h -> h.after(Duration.ofHours(1))),
            h -> h.deploy(disabled()),
            (h, step) ->
                assertThat(step.decisions().schedule())
                    .filteredOn(t -> t.kind() == TimerKind.GRACE_PERIOD)
                    .singleElement()
                    .extracting(PlannedTimer::dueAt)
                    .isEqualTo(h.now().plus(GRACE))),
        row(
            "waitsForTheCronJobBeforeDeletingTheBucketEvenAfterTheGracePeriod",
            POLICY,
            converged().andThen(h -> h.deploy(disabled())),
            h -> h.fire(TimerKind.GRACE_PERIOD),
            emitsNothing()),
        row(
            "deletesRedisAndTheBucketTogetherOnceTheCronJobIsGoneAfterTheGracePeriod",
            POLICY,
            converged()
                .andThen(h -> h.deploy(disabled()))
                .andThen(h -> h.fire(TimerKind.GRACE_PERIOD)),
            h -> h.result(CRONJOB, DELETED),
            emits(DELETE_REDIS, DELETE_BUCKET)),
        row(
            "deletesTheBucketWithRedisWhenTheGracePeriodIsZero",
            NO_GRACE,
            converged().andThen(h -> h.deploy(disabled())),
            h -> h.result(CRONJOB, DELETED),
            emits(DELETE_REDIS, DELETE_BUCKET).andThen(schedulesNothing(TimerKind.GRACE_PERIOD))),
        row(
            "reportsTornDownWhenEverythingIsDeleted",
            NO_GRACE,
            converged()
                .andThen(h -> h.deploy(disabled()))
                .andThen(h -> h.result(CRONJOB, DELETED))
                .andThen(h -> h.result(REDIS, DELETED)),
            h -> h.result(BUCKET, DELETED),
            emitsNothing()
                .andThen(ready(ConditionStatus.TRUE, StatusConditions.TORN_DOWN))
                .andThen((h, step) -> assertThat(step.decisions().forget()).isFalse())),
        row(
            "cancelsTheGracePeriodWhenTheAppIsEnabledAgain",
            POLICY,
            converged()
                .andThen(h -> h.deploy(disabled()))
                .andThen(h -> h.result(CRONJOB, DELETED))
                .andThen(h -> h.result(REDIS, DELETED)),
            h -> h.after(Duration.ofHours(2)).deploy(enabled()),
            emits(ENSURE_REDIS)
                .andThen(cancels(TimerKind.GRACE_PERIOD))
                .andThen(reasonContains("enabled again"))
                .andThen(sameIdAsFirst(REDIS))),
        row(
            "neverDeletesTheBucketWhenAnOldGraceTimerFiresAfterTheAppWasEnabledAgain",
            POLICY,
            converged()
                .andThen(h -> h.deploy(disabled()))
                .andThen(h -> h.result(CRONJOB, DELETED))
                .andThen(h -> h.result(REDIS, DELETED))
                .andThen(h -> h.deploy(enabled())),
            h ->
                h.fire(
                    new PlannedTimer(
                        TimerKind.GRACE_PERIOD, deleteBucketId(h), AppHistory.T0.plus(GRACE))),
            emitsNothing()),
        row(
            "restartsTheGracePeriodWhenTheAppIsDisabledAgain",
            POLICY,
            converged()
                .andThen(h -> h.deploy(disabled()))
                .andThen(h -> h.after(Duration.ofHours(3)).deploy(enabled())),
            h -> h.after(Duration.ofHours(1)).deploy(disabled()),
            (h, step) ->
                assertThat(step.decisions().schedule())
                    .filteredOn(t -> t.kind() == TimerKind.GRACE_PERIOD)
                    .singleElement()
                    .extracting(PlannedTimer::dueAt)
                    .isEqualTo(h.now().plus(GRACE))),
        row(
            "keepsTheBucketWhenOnDeleteIsRetain",
            NO_GRACE,
            h -> {
              converged(with(enabled(), Annotations.ON_DELETE, "Retain")).accept(h);
              h.deploy(with(disabled(), Annotations.ON_DELETE, "Retain"));
            },
            h -> h.result(CRONJOB, DELETED),
            emits(DELETE_REDIS)),
        row(
            "reportsTheRetainedBucketAsWantedOnceTornDown",
            NO_GRACE,
            h -> {
              converged(with(enabled(), Annotations.ON_DELETE, "Retain")).accept(h);
              h.deploy(with(disabled(), Annotations.ON_DELETE, "Retain"));
              h.result(CRONJOB, DELETED);
            },
            h -> h.result(REDIS, DELETED),
            emitsNothing()
                .andThen(ready(ConditionStatus.TRUE, StatusConditions.TORN_DOWN))
                .andThen(readyMessageContains("retained"))
                .andThen(
                    (h, step) ->
                        assertThat(
                                step.decisions()
                                    .status()
                                    .resources()
                                    .get(BUCKET)
                                    .desired()
                                    .exists())
                            .isTrue())),
        // ---- the Deployment goes away ----
        row(
            "tearsDownWhenTheDeploymentIsDeleted",
            POLICY,
            converged(),
            h -> h.deleted(UID),
            emits(DELETE_BACKUP_CRONJOB).andThen(reasonContains("the Deployment was deleted"))),
        row(
            "tearsDownOnATombstone",
            POLICY,
            converged(),
            AppHistory::tombstone,
            emits(DELETE_BACKUP_CRONJOB)),
        row(
            "tearsDownOnADeletionInferredFromASnapshot",
            POLICY,
            converged(),
            AppHistory::inferredDeletion,
            emits(DELETE_BACKUP_CRONJOB).andThen(reasonContains("missing from snapshot"))),
        row(
            "ignoresTheDeletionMarkerOfAnEarlierDeployment",
            POLICY,
            converged(),
            h -> h.deleted("uid-0"),
            emitsNothing()),
        row(
            "ignoresALateRecordOfADeletedDeployment",
            POLICY,
            converged().andThen(h -> h.deleted(UID)),
            h -> h.deploy(enabled()),
            emitsNothing()),
        row(
            "ensuresEverythingAgainForARecreatedDeployment",
            POLICY,
            converged().andThen(h -> h.deleted(UID)).andThen(h -> h.result(CRONJOB, DELETED)),
            h -> h.deploy("uid-2", enabled()),
            emits(ENSURE_BUCKET, ENSURE_REDIS)
                .andThen(cancels(TimerKind.GRACE_PERIOD))
                .andThen(
                    (h, step) ->
                        assertThat(step.decisions().actions())
                            .allSatisfy(a -> assertThat(a.deploymentUid()).isEqualTo("uid-2")))),
        row(
            "forgetsAnAppThatIsGoneAndTornDown",
            NO_GRACE,
            converged()
                .andThen(h -> h.deleted(UID))
                .andThen(h -> h.result(CRONJOB, DELETED))
                .andThen(h -> h.result(REDIS, DELETED)),
            h -> h.result(BUCKET, DELETED),
            emitsNothing().andThen((h, step) -> assertThat(step.decisions().forget()).isTrue())),
        row(
            "forgetsAGoneAppWhoseBucketIsRetained",
            NO_GRACE,
            h -> {
              converged(with(enabled(), Annotations.ON_DELETE, "Retain")).accept(h);
              h.deleted(UID);
              h.result(CRONJOB, DELETED);
            },
            h -> h.result(REDIS, DELETED),
            (h, step) -> assertThat(step.decisions().forget()).isTrue()),
        // ---- annotations ----
        row(
            "keepsTheLastGoodSpecAndNeverDeletesWhenAnnotationsAreBad",
            POLICY,
            converged(),
            h -> h.deploy(Map.of(Annotations.ENABLED, "yes")),
            emitsNothing()
                .andThen(condition(Condition.ANNOTATIONS_VALID, ConditionStatus.FALSE))
                .andThen(ready(ConditionStatus.TRUE, StatusConditions.CONVERGED))
                .andThen(lastErrorContains("opstream.dev/enabled"))),
        row(
            "keepsTheLastGoodSpecWhenOnDeleteIsMistypedDuringTeardown",
            NO_GRACE,
            h -> {
              converged(with(enabled(), Annotations.ON_DELETE, "Retain")).accept(h);
              h.deploy(with(disabled(), Annotations.ON_DELETE, "Retain"));
              h.deploy(with(disabled(), Annotations.ON_DELETE, "delete"));
            },
            h -> h.result(CRONJOB, DELETED),
            emits(DELETE_REDIS)),
        row(
            "plansNothingForAnAppWhoseAnnotationsWereNeverValid",
            POLICY,
            nothing(),
            h -> h.deploy(Map.of(Annotations.ENABLED, "true", Annotations.REDIS_MEMORY, "lots")),
            emitsNothing()
                .andThen(ready(ConditionStatus.FALSE, StatusConditions.NO_DESIRED_STATE))
                .andThen(condition(Condition.ANNOTATIONS_VALID, ConditionStatus.FALSE))
                .andThen((h, step) -> assertThat(step.decisions().forget()).isFalse())),
        row(
            "appliesTheAnnotationsOnceTheyAreFixed",
            POLICY,
            converged().andThen(h -> h.deploy(with(enabled(), Annotations.REDIS_MEMORY, "lots"))),
            h -> h.deploy(with(enabled(), Annotations.REDIS_MEMORY, "1Gi")),
            emits(ENSURE_REDIS)
                .andThen(condition(Condition.ANNOTATIONS_VALID, ConditionStatus.TRUE))),
        // ---- pausing ----
        row(
            "plansNothingForAPausedApp",
            POLICY,
            nothing(),
            h -> h.deploy(with(enabled(), Annotations.PAUSED, "true")),
            emitsNothing()
                .andThen(condition(StatusConditions.PAUSED, ConditionStatus.TRUE))
                .andThen(schedules(TimerKind.DRIFT_CHECK))
                .andThen((h, step) -> assertThat(step.decisions().status().paused()).isTrue())),
        row(
            "plansWhatWasMissedWhenThePauseIsLifted",
            POLICY,
            h -> h.deploy(with(enabled(), Annotations.PAUSED, "true")),
            h -> h.deploy(enabled()),
            emits(ENSURE_BUCKET, ENSURE_REDIS)
                .andThen(condition(StatusConditions.PAUSED, ConditionStatus.FALSE))),
        row(
            "deletesNothingWhilePausedEvenWhenDisabled",
            POLICY,
            converged(),
            h -> h.deploy(with(disabled(), Annotations.PAUSED, "true")),
            emitsNothing()),
        row(
            "plansNothingWhenThePlannerIsPausedGlobally",
            POLICY.withPauseAll(true),
            nothing(),
            h -> h.deploy(enabled()),
            emitsNothing()
                .andThen(condition(StatusConditions.PAUSED, ConditionStatus.TRUE))
                .andThen(
                    (h, step) ->
                        assertThat(
                                step.decisions().status().conditions().stream()
                                    .filter(c -> c.type().equals(StatusConditions.PAUSED))
                                    .findFirst()
                                    .orElseThrow()
                                    .reason())
                            .isEqualTo(StatusConditions.PAUSED_BY_PLANNER))),
        row(
            "tearsDownAnAppDisabledDuringAGlobalPauseOnceThePlannerRunsWithoutIt",
            POLICY,
            converged()
                .andThen(h -> h.restart(POLICY.withPauseAll(true)))
                .andThen(h -> h.deploy(disabled())),
            h -> h.restart(POLICY).fire(TimerKind.DRIFT_CHECK),
            emits(DELETE_BACKUP_CRONJOB)
                .andThen(condition(StatusConditions.PAUSED, ConditionStatus.FALSE))),
        row(
            "keepsATimerForADisabledAppWhilePausedGlobally",
            POLICY,
            converged().andThen(h -> h.restart(POLICY.withPauseAll(true))),
            h -> h.deploy(disabled()),
            emitsNothing()
                .andThen(
                    (h, step) ->
                        assertThat(step.state().timers())
                            .extracting(PlannedTimer::kind)
                            .contains(TimerKind.DRIFT_CHECK))),
        row(
            "ensuresAnAppEnabledDuringAGlobalPauseOnceThePlannerRunsWithoutIt",
            POLICY.withPauseAll(true),
            h -> h.deploy(enabled()),
            h -> h.restart(POLICY).fire(TimerKind.DRIFT_CHECK),
            emits(ENSURE_BUCKET, ENSURE_REDIS)),
        row(
            "keepsADueRetryWhilePausedAndRetriesWhenThePauseIsLifted",
            POLICY,
            h -> {
              h.deploy(enabled());
              h.result(BUCKET, FAILED_RETRYABLE);
              h.deploy(with(enabled(), Annotations.PAUSED, "true"));
              h.fire(TimerKind.RETRY);
            },
            h -> h.deploy(enabled()),
            emits(ENSURE_BUCKET).andThen(attempts(2))),
        // ---- the mass-deletion guard ----
        row(
            "raisesDeletionHeldWhileTheGuardHoldsADeletion",
            POLICY,
            converged(),
            AppHistory::held,
            emitsNothing()
                .andThen(condition(Condition.DELETION_HELD, ConditionStatus.TRUE))
                .andThen(ready(ConditionStatus.TRUE, StatusConditions.CONVERGED))),
        row(
            "proceedsWithAHeldDeletionOnADeletionMarker",
            POLICY,
            converged().andThen(AppHistory::held),
            h -> h.deleted(UID),
            emits(DELETE_BACKUP_CRONJOB)
                .andThen(
                    (h, step) ->
                        assertThat(step.decisions().status().conditions())
                            .extracting(Condition::type)
                            .doesNotContain(Condition.DELETION_HELD))),
        row(
            "clearsTheHoldWhenTheDeploymentIsSeenAgain",
            POLICY,
            converged().andThen(AppHistory::held),
            h -> h.deploy(enabled()),
            emitsNothing()
                .andThen(
                    (h, step) ->
                        assertThat(step.decisions().status().conditions())
                            .extracting(Condition::type)
                            .doesNotContain(Condition.DELETION_HELD))),
        // ---- apps opstream has nothing to do with ----
        row(
            "keepsNothingForADeploymentWithoutOpstreamAnnotations",
            POLICY,
            nothing(),
            h -> h.deploy(Map.of()),
            emitsNothing()
                .andThen((h, step) -> assertThat(step.decisions().forget()).isTrue())
                .andThen((h, step) -> assertThat(step.decisions().schedule()).isEmpty())),
        row(
            "keepsTheStatusOfADisabledAppThatHasAnnotations",
            POLICY,
            nothing(),
            h -> h.deploy(disabled()),
            emitsNothing()
                .andThen((h, step) -> assertThat(step.decisions().forget()).isFalse())
                .andThen(ready(ConditionStatus.TRUE, StatusConditions.TORN_DOWN))),
        row(
            "ignoresAResultForAnAppItNeverPlannedFor",
            POLICY,
            nothing(),
            h ->
                h.result(
                    dev.opstream.topics.records.EnsureBucket.of(
                        AppHistory.APP,
                        UID,
                        new dev.opstream.topics.records.BucketSpec(
                            "b", dev.opstream.topics.records.OnDelete.DELETE),
                        "x",
                        "y"),
                    CREATED,
                    null),
            emitsNothing().andThen((h, step) -> assertThat(step.decisions().forget()).isTrue())));
  }

  // ---- the table's vocabulary ----

  private static final dev.opstream.topics.records.Outcome Outcome_UPDATED =
      dev.opstream.topics.records.Outcome.UPDATED;

  private static Arguments row(
      String behaviour,
      PlanningPolicy policy,
      Consumer<AppHistory> given,
      Function<AppHistory, Step> when,
      BiConsumer<AppHistory, Step> then) {
    return arguments(Named.of(behaviour, new Case(policy, given, when, then)));
  }

  static Map<String, String> enabled() {
    return Map.of(Annotations.ENABLED, "true");
  }

  static Map<String, String> disabled() {
    return Map.of(Annotations.ENABLED, "false");
  }

  static Map<String, String> with(Map<String, String> base, String annotation, String value) {
    Map<String, String> copy = new HashMap<>(base);
    copy.put(annotation, value);
    return copy;
  }

  static Consumer<AppHistory> nothing() {
    return h -> {};
  }

  static Consumer<AppHistory> converged() {
    return converged(enabled());
  }

  static Consumer<AppHistory> converged(Map<String, String> annotations) {
    return h -> {
      h.deploy(annotations);
      h.result(BUCKET, CREATED);
      h.result(REDIS, CREATED);
      h.result(CRONJOB, CREATED);
      assertThat(h.state().status().conditions().get(0).reason())
          .isEqualTo(StatusConditions.CONVERGED);
    };
  }

  private static String deleteBucketId(AppHistory h) {
    String bucket = DesiredResources.names(h.policy(), AppHistory.APP).bucket();
    return dev.opstream.topics.records.DeleteBucket.of(AppHistory.APP, UID, bucket, "x", "y")
        .actionId();
  }

  private static BiConsumer<AppHistory, Step> emits(ActionType... types) {
    return (h, step) ->
        assertThat(step.decisions().actions())
            .extracting(Action::actionType)
            .containsExactlyElementsOf(Arrays.asList(types));
  }

  private static BiConsumer<AppHistory, Step> emitsNothing() {
    return (h, step) -> assertThat(step.decisions().actions()).isEmpty();
  }

  private static BiConsumer<AppHistory, Step> attempts(Integer... attempts) {
    return (h, step) ->
        assertThat(step.decisions().actions())
            .extracting(Action::attempt)
            .containsExactlyElementsOf(Arrays.asList(attempts));
  }

  private static BiConsumer<AppHistory, Step> reasonContains(String words) {
    return (h, step) ->
        assertThat(step.decisions().actions())
            .extracting(Action::reason)
            .anySatisfy(reason -> assertThat(reason).contains(words));
  }

  /** The emitted action of {@code kind} has the id of the first action ever emitted for it. */
  private static BiConsumer<AppHistory, Step> sameIdAsFirst(ActionKind kind) {
    return (h, step) -> {
      Action first =
          h.emitted().stream()
              .filter(a -> a.kind() == kind && a.actionType() != OBSERVE)
              .findFirst()
              .orElseThrow();
      assertThat(step.decisions().actions())
          .filteredOn(a -> a.kind() == kind)
          .extracting(Action::actionId)
          .containsOnly(first.actionId());
    };
  }

  private static BiConsumer<AppHistory, Step> newIdFor(ActionKind kind) {
    return (h, step) -> {
      List<String> earlier =
          h.emitted().stream()
              .filter(a -> a.kind() == kind)
              .filter(a -> !step.decisions().actions().contains(a))
              .map(Action::actionId)
              .toList();
      assertThat(step.decisions().actions())
          .filteredOn(a -> a.kind() == kind)
          .extracting(Action::actionId)
          .doesNotContainAnyElementsOf(earlier);
    };
  }

  private static BiConsumer<AppHistory, Step> schedules(TimerKind kind) {
    return (h, step) ->
        assertThat(step.decisions().schedule()).extracting(PlannedTimer::kind).contains(kind);
  }

  private static BiConsumer<AppHistory, Step> schedulesNothing(TimerKind kind) {
    return (h, step) ->
        assertThat(step.decisions().schedule()).extracting(PlannedTimer::kind).doesNotContain(kind);
  }

  private static BiConsumer<AppHistory, Step> cancels(TimerKind kind) {
    return (h, step) ->
        assertThat(step.decisions().cancel()).extracting(PlannedTimer::kind).contains(kind);
  }

  private static BiConsumer<AppHistory, Step> notes(String words) {
    return (h, step) -> assertThat(step.decisions().notes()).contains(words);
  }

  private static BiConsumer<AppHistory, Step> ready(ConditionStatus status, String reason) {
    return (h, step) -> {
      Condition ready = find(step.decisions().status(), Condition.READY);
      assertThat(ready.status()).as("Ready: %s", ready).isEqualTo(status);
      assertThat(ready.reason()).as("Ready: %s", ready).isEqualTo(reason);
    };
  }

  private static BiConsumer<AppHistory, Step> readyMessageContains(String words) {
    return (h, step) ->
        assertThat(find(step.decisions().status(), Condition.READY).message()).contains(words);
  }

  private static BiConsumer<AppHistory, Step> condition(String type, ConditionStatus status) {
    return (h, step) ->
        assertThat(find(step.decisions().status(), type).status()).isEqualTo(status);
  }

  private static BiConsumer<AppHistory, Step> lastErrorContains(String words) {
    return (h, step) -> assertThat(step.decisions().status().lastError()).contains(words);
  }

  private static Condition find(AppStatus status, String type) {
    return status.conditions().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + status));
  }
}
