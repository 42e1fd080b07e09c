package dev.opstream.watcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.ResourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final AppKey APP = new AppKey("eks", "shop", "web");
  private static final ResourceState BUCKET =
      ResourceState.managed(Map.of("name", "opstream-eks-shop-web"));

  @Test
  void tellsThatAnAppIsEnabledTheFirstTimeItsStatusIsSeen() {
    AppStatus first = status(true, Map.of(), List.of(), null);

    assertThat(StatusEvents.between(null, first))
        .containsExactly(
            EventNote.normal(
                "Enabled", "opstream manages this app: a bucket, a Redis and a backup CronJob"));
  }

  @Test
  void tellsWhatWasCreatedChangedAndDeleted() {
    AppStatus none = status(true, Map.of(), List.of(), null);
    AppStatus created =
        status(
            true,
            Map.of(
                ActionKind.BUCKET, resource(BUCKET, Outcome.CREATED),
                ActionKind.REDIS,
                    resource(ResourceState.managed(Map.of("memory", "256Mi")), Outcome.CREATED)),
            List.of(),
            null);
    AppStatus changed =
        status(
            true,
            Map.of(
                ActionKind.BUCKET, resource(BUCKET, Outcome.NOOP),
                ActionKind.REDIS,
                    resource(ResourceState.managed(Map.of("memory", "512Mi")), Outcome.UPDATED)),
            List.of(),
            null);
    AppStatus deleted =
        status(
            false,
            Map.of(
                ActionKind.BUCKET, resource(ResourceState.absent(), Outcome.DELETED),
                ActionKind.REDIS, resource(ResourceState.absent(), Outcome.DELETED)),
            List.of(),
            null);

    assertThat(StatusEvents.between(none, created))
        .containsExactly(
            EventNote.normal("BucketCreated", "S3 bucket created (name=opstream-eks-shop-web)"),
            EventNote.normal("RedisInstalled", "Redis release created (memory=256Mi)"));
    assertThat(StatusEvents.between(created, changed))
        .containsExactly(EventNote.normal("RedisUpgraded", "Redis release updated (memory=512Mi)"));
    assertThat(StatusEvents.between(changed, deleted))
        .extracting(EventNote::reason)
        .containsExactly("Disabled", "BucketDeleted", "RedisUninstalled");
  }

  @Test
  void warnsOfAFailedActionWithTheLastError() {
    AppStatus before = status(true, Map.of(), List.of(), null);
    AppStatus failed =
        status(
            true,
            Map.of(
                ActionKind.CRONJOB,
                new ResourceStatus(
                    ResourceState.managed(Map.of("schedule", "@daily")),
                    null,
                    "action-1",
                    Outcome.FAILED_PERMANENT)),
            List.of(),
            "cluster eks is unknown to the cronjob actuator");

    assertThat(StatusEvents.between(before, failed))
        .containsExactly(
            EventNote.warning(
                "BackupCronJobFailed",
                "Backup CronJob action failed and will not be retried: cluster eks is unknown to"
                    + " the cronjob actuator"));
  }

  @Test
  void warnsOfABadAnnotationValueWithThePlannersMessageOnlyOnce() {
    String message =
        "opstream.dev/backup-schedule: 'every day' is not a cron expression or a macro";
    AppStatus good =
        status(
            true,
            Map.of(),
            List.of(condition(Condition.ANNOTATIONS_VALID, ConditionStatus.TRUE, "Valid", null)),
            null);
    AppStatus bad =
        status(
            true,
            Map.of(),
            List.of(
                condition(
                    Condition.ANNOTATIONS_VALID,
                    ConditionStatus.FALSE,
                    "InvalidAnnotation",
                    message)),
            message);

    assertThat(StatusEvents.between(good, bad))
        .containsExactly(EventNote.warning("InvalidAnnotation", message));
    assertThat(StatusEvents.between(bad, bad)).isEmpty();
  }

  @Test
  void saysNothingAboutAHealthyConditionSeenForTheFirstTime() {
    AppStatus first =
        status(
            false,
            Map.of(),
            List.of(
                condition(Condition.ANNOTATIONS_VALID, ConditionStatus.TRUE, "Valid", null),
                condition(Condition.DELETION_HELD, ConditionStatus.FALSE, "NotHeld", null)),
            null);

    assertThat(StatusEvents.between(null, first)).isEmpty();
  }

  @Test
  void warnsWhenAReadyAppIsNoLongerReadyButNotWhileItIsStillGettingReady() {
    AppStatus progressing =
        status(
            true,
            Map.of(),
            List.of(condition(Condition.READY, ConditionStatus.FALSE, "Progressing", "creating")),
            null);
    AppStatus ready =
        status(
            true,
            Map.of(),
            List.of(
                condition(Condition.READY, ConditionStatus.TRUE, "Converged", "all as desired")),
            null);
    AppStatus degraded =
        status(
            true,
            Map.of(),
            List.of(condition(Condition.READY, ConditionStatus.FALSE, "Drifted", "redis missing")),
            null);

    assertThat(StatusEvents.between(status(true, Map.of(), List.of(), null), progressing))
        .containsExactly(EventNote.normal("Progressing", "creating"));
    assertThat(StatusEvents.between(progressing, ready))
        .containsExactly(EventNote.normal("Converged", "all as desired"));
    assertThat(StatusEvents.between(ready, degraded))
        .containsExactly(EventNote.warning("Drifted", "redis missing"));
  }

  @Test
  void tellsOfATeardownInProgressAsANormalStepNotAWarning() {
    AppStatus ready =
        status(
            true,
            Map.of(),
            List.of(
                condition(Condition.READY, ConditionStatus.TRUE, "Converged", "all as desired")),
            null);
    AppStatus tearingDown =
        status(
            false,
            Map.of(),
            List.of(
                condition(Condition.READY, ConditionStatus.FALSE, "Progressing", "tearing down")),
            null);

    assertThat(StatusEvents.between(ready, tearingDown))
        .containsExactly(
            EventNote.normal(
                "Disabled",
                "opstream.dev/enabled is no longer \"true\": opstream tears down what it created"),
            EventNote.normal("Progressing", "tearing down"));
  }

  @Test
  void tellsTheLastResourceDeletedAndTornDownFromTheFinalStatusOfATeardown() {
    AppStatus bucketLeft =
        status(
            false,
            Map.of(
                ActionKind.BUCKET, resource(BUCKET, Outcome.CREATED),
                ActionKind.REDIS, resource(ResourceState.absent(), Outcome.DELETED)),
            List.of(
                condition(Condition.READY, ConditionStatus.FALSE, "Progressing", "tearing down")),
            null);
    AppStatus tornDown =
        status(
            false,
            Map.of(
                ActionKind.BUCKET, resource(ResourceState.absent(), Outcome.DELETED),
                ActionKind.REDIS, resource(ResourceState.absent(), Outcome.DELETED)),
            List.of(condition(Condition.READY, ConditionStatus.FALSE, "TornDown", "all deleted")),
            null);

    assertThat(StatusEvents.between(bucketLeft, tornDown))
        .containsExactly(
            EventNote.normal("BucketDeleted", "S3 bucket deleted"),
            EventNote.normal("TornDown", "all deleted"));
  }

  @Test
  void saysNothingOfNotPausedOrUncheckedBackupsButWarnsOfOverdueBackups() {
    AppStatus converged =
        status(
            true,
            Map.of(),
            List.of(
                condition(Condition.PAUSED, ConditionStatus.FALSE, "NotPaused", "planning"),
                condition(
                    Condition.BACKUP_OVERDUE, ConditionStatus.UNKNOWN, "BackupsNotChecked", "n/a")),
            null);
    AppStatus overdue =
        status(
            true,
            Map.of(),
            List.of(
                condition(Condition.PAUSED, ConditionStatus.FALSE, "NotPaused", "planning"),
                condition(
                    Condition.BACKUP_OVERDUE,
                    ConditionStatus.TRUE,
                    "BackupTooOld",
                    "the newest backup is from yesterday")),
            null);

    assertThat(StatusEvents.between(status(true, Map.of(), List.of(), null), converged)).isEmpty();
    assertThat(StatusEvents.between(converged, overdue))
        .containsExactly(EventNote.warning("BackupTooOld", "the newest backup is from yesterday"));
  }

  @Test
  void tellsWhenPlanningIsPausedAndResumed() {
    AppStatus running = status(true, Map.of(), List.of(), null);
    AppStatus paused = AppStatus.of(APP, "uid-1", true, true, Map.of(), List.of(), null, null, T0);

    assertThat(StatusEvents.between(running, paused))
        .extracting(EventNote::reason)
        .containsExactly("Paused");
    assertThat(StatusEvents.between(paused, running))
        .extracting(EventNote::reason)
        .containsExactly("Resumed");
  }

  private static AppStatus status(
      boolean enabled,
      Map<ActionKind, ResourceStatus> resources,
      List<Condition> conditions,
      String lastError) {
    return AppStatus.of(APP, "uid-1", enabled, false, resources, conditions, lastError, null, T0);
  }

  private static ResourceStatus resource(ResourceState observed, Outcome outcome) {
    return new ResourceStatus(observed, observed, "action-" + outcome, outcome);
  }

  private static Condition condition(
      String type, ConditionStatus status, String reason, String message) {
    return new Condition(type, status, reason, message, T0);
  }
}
