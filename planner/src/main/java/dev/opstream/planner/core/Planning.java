package dev.opstream.planner.core;

import dev.opstream.planner.desired.AnnotationError;
import dev.opstream.planner.desired.DesiredSpec;
import dev.opstream.planner.desired.DesiredState;
import dev.opstream.planner.names.ResourceNames;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.DeleteRedis;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.ResourceStatus;
import dev.opstream.topics.records.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** One run of {@link Planner#plan}: the rules, applied to one app. Not reused. */
final class Planning {

  private final PlanningPolicy policy;
  private final Desired desired;
  private final Observed observed;
  private final Instant now;
  private final AppKey app;
  private final String causedBy;

  /** The tracks as they will be after this run's actions, for the status. */
  private final EnumMap<ActionKind, ResourceTrack> tracks = new EnumMap<>(ActionKind.class);

  private final List<Action> actions = new ArrayList<>();
  private final List<PlannedTimer> schedule = new ArrayList<>();
  private final List<PlannedTimer> cancel = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private DesiredResources wanted;
  private Instant bucketDeletionAt;

  Planning(PlanningPolicy policy, Desired desired, Observed observed, Instant now) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.desired = Objects.requireNonNull(desired, "desired");
    this.observed = Objects.requireNonNull(observed, "observed");
    this.now = Objects.requireNonNull(now, "now");
    this.app = desired.app();
    this.causedBy = observed.causedBy();
    tracks.putAll(observed.resources());
  }

  Decisions decide() {
    DesiredSpec spec = desired.spec().orElse(null);
    boolean live = desired.live();
    if (spec == null) {
      notes.add("nothing to plan: the app has never had valid opstream annotations");
    } else if (paused()) {
      notes.add(
          policy.pauseAll()
              ? "planning is paused for every app (the planner runs with --pause-all)"
              : "planning is paused for this app (opstream.dev/paused: \"true\")");
      if (live) {
        keepDriftTimer();
      }
    } else {
      wanted = DesiredResources.of(policy, app, spec);
      if (live) {
        ensureAll();
      } else {
        tearDown(spec);
      }
    }
    if (!live) {
      cancelAll(TimerKind.DRIFT_CHECK);
    }
    if (live) {
      cancelAll(TimerKind.GRACE_PERIOD);
    }
    AppStatus status = status(spec, live);
    return new Decisions(actions, schedule, cancel, status, forget(live), notes);
  }

  private boolean paused() {
    return policy.pauseAll() || desired.pausedByAnnotation();
  }

  // ---- live: ensure bucket and Redis, then the CronJob ----

  private void ensureAll() {
    String uid = desired.deploymentUid();
    EnsureBucket bucket = EnsureBucket.of(app, uid, wanted.bucket(), causedBy, "planned");
    EnsureRedis redis = EnsureRedis.of(app, uid, wanted.redis(), causedBy, "planned");
    EnsureBackupCronJob cronJob =
        EnsureBackupCronJob.of(app, uid, wanted.cronJob(), causedBy, "planned");
    decide(ActionKind.BUCKET, bucket, ensureReason(ActionKind.BUCKET, bucket));
    decide(ActionKind.REDIS, redis, ensureReason(ActionKind.REDIS, redis));
    ResourceTrack bucketTrack = tracks.get(ActionKind.BUCKET);
    ResourceTrack redisTrack = tracks.get(ActionKind.REDIS);
    boolean bucketReady = bucketTrack != null && bucketTrack.ensured(bucket.actionId());
    boolean redisReady = redisTrack != null && redisTrack.ensured(redis.actionId());
    if (bucketReady && redisReady) {
      decide(ActionKind.CRONJOB, cronJob, ensureReason(ActionKind.CRONJOB, cronJob));
    } else {
      ResourceTrack cronTrack = tracks.get(ActionKind.CRONJOB);
      if (cronTrack == null || !cronTrack.ensured(cronJob.actionId())) {
        notes.add(
            "the backup CronJob waits until "
                + (bucketReady
                    ? "Redis reports"
                    : redisReady ? "the bucket reports" : "the bucket and Redis report")
                + " success");
      }
    }
    if (observed.driftCheckDue()) {
      observeAll(List.of(bucket, redis, cronJob));
    }
    keepDriftTimer();
  }

  private String ensureReason(ActionKind kind, Action target) {
    ResourceTrack track = tracks.get(kind);
    String what = label(kind) + " " + wanted.nameOf(kind);
    if (track == null) {
      return what + " is wanted: the app is enabled";
    }
    if (track.deleting()) {
      return what + " is wanted again: the app is enabled again";
    }
    if (!track.action().deploymentUid().equals(target.deploymentUid())) {
      return what + " is wanted for the re-created Deployment (uid " + target.deploymentUid() + ")";
    }
    String changes = Actions.specChanges(Actions.specOf(track.action()), Actions.specOf(target));
    return what + " changed: " + (changes.isEmpty() ? "new desired spec" : changes);
  }

  private void observeAll(List<Action> ensures) {
    for (Action ensure : ensures) {
      ResourceTrack track = tracks.get(ensure.kind());
      if (track == null || !track.ensured(ensure.actionId()) || track.observeActionId() != null) {
        continue;
      }
      Observe observe =
          Observe.of(
              app,
              desired.deploymentUid(),
              ensure.kind(),
              wanted.nameOf(ensure.kind()),
              causedBy,
              "drift check");
      int attempt = track.observeAttempt() + 1;
      Action check =
          observe.reissued(
              attempt,
              causedBy,
              "periodic drift check: does "
                  + label(ensure.kind())
                  + " "
                  + observe.name()
                  + " still match what was ensured?");
      actions.add(check);
      tracks.put(ensure.kind(), track.withObserveSent(check.actionId(), attempt));
    }
  }

  private void keepDriftTimer() {
    if (!observed.hasTimer(TimerKind.DRIFT_CHECK, null)) {
      schedule.add(new PlannedTimer(TimerKind.DRIFT_CHECK, null, now.plus(policy.driftInterval())));
    }
  }

  // ---- teardown: CronJob first, then Redis, then (after the grace period) the bucket ----

  private void tearDown(DesiredSpec spec) {
    String why =
        desired.deploymentPresent()
            ? "the app is disabled (opstream.dev/enabled is not \"true\")"
            : desired.goneReason();
    String uid = desired.deploymentUid();
    ResourceNames names = wanted.names();
    ResourceTrack cron = tracks.get(ActionKind.CRONJOB);
    if (cron != null && !cron.gone()) {
      decide(
          ActionKind.CRONJOB,
          DeleteBackupCronJob.of(app, uid, names.backupCronJob(), causedBy, "planned"),
          "teardown, "
              + why
              + ": the backup CronJob goes first, so no backup runs while Redis"
              + " and the bucket go");
    }
    boolean cronGone = cron == null || cron.gone();
    ResourceTrack redis = tracks.get(ActionKind.REDIS);
    if (redis != null && !redis.gone()) {
      if (cronGone) {
        decide(
            ActionKind.REDIS,
            DeleteRedis.of(app, uid, names.helmRelease(), names.redisSecret(), causedBy, "planned"),
            "teardown, " + why + ": the backup CronJob is gone");
      } else {
        notes.add("Redis is deleted once the backup CronJob is gone");
      }
    }
    ResourceTrack bucket = tracks.get(ActionKind.BUCKET);
    if (bucket == null || bucket.gone()) {
      return;
    }
    if (spec.deletePolicy().onDelete() == dev.opstream.planner.desired.OnDelete.RETAIN) {
      notes.add("bucket " + names.bucket() + " is retained (opstream.dev/on-delete: Retain)");
      return;
    }
    DeleteBucket delete = DeleteBucket.of(app, uid, names.bucket(), causedBy, "planned");
    Duration grace = spec.deletePolicy().gracePeriod();
    Instant since = observed.teardownSince() == null ? now : observed.teardownSince();
    boolean graceOver = grace.isZero() || observed.graceElapsed();
    if (!graceOver) {
      bucketDeletionAt = since.plus(grace);
      if (!observed.hasTimer(TimerKind.GRACE_PERIOD, delete.actionId())) {
        cancelAll(TimerKind.GRACE_PERIOD);
        schedule.add(new PlannedTimer(TimerKind.GRACE_PERIOD, delete.actionId(), bucketDeletionAt));
      }
      notes.add(
          "bucket "
              + names.bucket()
              + " is deleted after the grace period of "
              + grace
              + ", at "
              + bucketDeletionAt
              + ", unless the app is enabled again");
    } else if (!cronGone) {
      notes.add("bucket " + names.bucket() + " is deleted once the backup CronJob is gone");
    } else {
      decide(
          ActionKind.BUCKET,
          delete,
          "teardown, "
              + why
              + ": the backup CronJob is gone and the grace period of "
              + grace
              + " has ended");
    }
  }

  // ---- one resource: emit, wait, retry or re-ensure ----

  /**
   * Brings the resource of {@code kind} towards {@code target}: emits it when it is not the
   * resource's current action; otherwise waits for its result, retries it after a retryable failure
   * once the backoff timer fired, or emits it again when a drift check found a difference.
   */
  private void decide(ActionKind kind, Action target, String firstReason) {
    ResourceTrack track = tracks.get(kind);
    if (track == null || !track.action().actionId().equals(target.actionId())) {
      emit(kind, target.reissued(1, causedBy, firstReason), track);
      return;
    }
    int attempt = track.action().attempt();
    String what = describe(track.action());
    if (track.inFlight()) {
      notes.add(what + " (attempt " + attempt + ") waits for its result");
      return;
    }
    if (track.succeeded()) {
      if (track.drift() != null) {
        emit(
            kind,
            target.reissued(attempt + 1, causedBy, "a drift check found that " + track.drift()),
            track);
      }
      return;
    }
    if (track.outcome() == Outcome.FAILED_PERMANENT) {
      return;
    }
    if (policy.backoff().exhausted(attempt)) {
      return;
    }
    if (track.retryDue()) {
      emit(
          kind,
          target.reissued(
              attempt + 1,
              causedBy,
              "retry after attempt " + attempt + " failed (retryable): " + track.error()),
          track);
    } else if (!observed.hasTimer(TimerKind.RETRY, target.actionId())) {
      Duration delay = policy.backoff().delay(target.actionId(), attempt);
      schedule.add(new PlannedTimer(TimerKind.RETRY, target.actionId(), now.plus(delay)));
    }
  }

  private void emit(ActionKind kind, Action action, ResourceTrack before) {
    actions.add(action);
    if (before != null) {
      observed.timers().stream()
          .filter(timer -> timer.kind() == TimerKind.RETRY)
          .filter(timer -> timer.actionId().equals(before.action().actionId()))
          .forEach(cancel::add);
    }
    tracks.put(kind, ResourceTrack.emitted(action, before));
  }

  private void cancelAll(TimerKind kind) {
    for (PlannedTimer timer : observed.timers()) {
      if (timer.kind() == kind && !cancel.contains(timer)) {
        cancel.add(timer);
      }
    }
  }

  // ---- forgetting an app that is done with ----

  private boolean forget(boolean live) {
    if (live || !actions.isEmpty()) {
      return false;
    }
    List<PlannedTimer> remaining = new ArrayList<>(observed.timers());
    remaining.removeAll(cancel);
    remaining.addAll(schedule);
    if (!remaining.isEmpty() || desired.deploymentPresent() && desired.annotated()) {
      return false;
    }
    if (tracks.isEmpty()) {
      return true;
    }
    return !paused() && desired.spec().map(this::tornDown).orElse(false);
  }

  // ---- the status ----

  private AppStatus status(DesiredSpec spec, boolean live) {
    Map<ActionKind, ResourceStatus> resources = new EnumMap<>(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      ResourceTrack track = tracks.get(kind);
      ResourceState want = wantedState(kind, spec, live);
      if (track == null && (want == null || !want.exists())) {
        continue;
      }
      resources.put(
          kind,
          new ResourceStatus(
              want,
              track == null ? null : track.observed(),
              track == null ? null : track.action().actionId(),
              track == null ? null : track.outcome()));
    }
    List<Condition> conditions = new ArrayList<>();
    Condition ready = ready(spec, live);
    conditions.add(ready);
    conditions.add(annotationsCondition());
    conditions.add(pausedCondition());
    if (desired.heldMessage() != null) {
      conditions.add(
          condition(
              Condition.DELETION_HELD,
              ConditionStatus.TRUE,
              StatusConditions.MASS_DELETION,
              desired.heldMessage()));
    }
    AppStatus status =
        AppStatus.of(
            app,
            desired.deploymentPresent() ? desired.deploymentUid() : null,
            desired.deploymentPresent() && spec != null && spec.enabled(),
            paused(),
            resources,
            conditions,
            lastError(),
            lastBackup(),
            now);
    AppStatus previous = observed.previousStatus();
    if (previous != null && sameExceptTime(previous, status)) {
      return previous;
    }
    return status;
  }

  private ResourceState wantedState(ActionKind kind, DesiredSpec spec, boolean live) {
    if (spec == null || wanted == null) {
      return null;
    }
    if (live) {
      return wanted.wanted(kind);
    }
    if (kind == ActionKind.BUCKET
        && spec.deletePolicy().onDelete() == dev.opstream.planner.desired.OnDelete.RETAIN) {
      return wanted.wanted(kind);
    }
    return ResourceState.absent();
  }

  private Condition ready(DesiredSpec spec, boolean live) {
    if (spec == null) {
      return condition(
          Condition.READY,
          ConditionStatus.FALSE,
          StatusConditions.NO_DESIRED_STATE,
          desired.state().hasErrors()
              ? "the opstream.dev annotations have never been valid, so nothing is planned"
              : "no opstream.dev annotations");
    }
    List<String> failed = new ArrayList<>();
    List<String> retrying = new ArrayList<>();
    for (ResourceTrack track : tracks.values()) {
      if (track.outcome() == Outcome.FAILED_PERMANENT) {
        failed.add(describe(track.action()) + " failed permanently: " + track.error());
      } else if (track.outcome() == Outcome.FAILED_RETRYABLE) {
        int attempt = track.action().attempt();
        if (policy.backoff().exhausted(attempt)) {
          failed.add(
              describe(track.action())
                  + " gave up after "
                  + attempt
                  + " attempts: "
                  + track.error());
        } else {
          retrying.add(
              describe(track.action()) + " attempt " + attempt + " failed: " + track.error());
        }
      }
    }
    if (!failed.isEmpty()) {
      return condition(
          Condition.READY,
          ConditionStatus.FALSE,
          StatusConditions.FAILED,
          String.join("; ", failed));
    }
    if (!retrying.isEmpty()) {
      return condition(
          Condition.READY,
          ConditionStatus.FALSE,
          StatusConditions.RETRYING,
          String.join("; ", retrying));
    }
    if (live && wanted != null && converged()) {
      return condition(
          Condition.READY,
          ConditionStatus.TRUE,
          StatusConditions.CONVERGED,
          "the bucket, Redis and the backup CronJob are as desired");
    }
    if (!live && tornDown(spec)) {
      String message =
          tracks.isEmpty()
              ? "the app is not enabled: opstream manages nothing for it"
              : "teardown is complete";
      return condition(
          Condition.READY,
          ConditionStatus.TRUE,
          StatusConditions.TORN_DOWN,
          notes.isEmpty() ? message : message + "; " + String.join("; ", notes));
    }
    if (!live && bucketDeletionAt != null) {
      return condition(
          Condition.READY,
          ConditionStatus.FALSE,
          StatusConditions.WAITING_FOR_GRACE_PERIOD,
          String.join("; ", notes));
    }
    return condition(
        Condition.READY,
        ConditionStatus.FALSE,
        StatusConditions.PROGRESSING,
        notes.isEmpty() ? "actions are in flight" : String.join("; ", notes));
  }

  private boolean converged() {
    for (ActionKind kind : ActionKind.values()) {
      ResourceTrack track = tracks.get(kind);
      if (track == null || !track.ensuring() || !track.succeeded() || track.drift() != null) {
        return false;
      }
      if (!DesiredResources.wantedBy(track.action()).equals(wanted.wanted(kind))) {
        return false;
      }
    }
    return true;
  }

  private boolean tornDown(DesiredSpec spec) {
    boolean retain = spec.deletePolicy().onDelete() == dev.opstream.planner.desired.OnDelete.RETAIN;
    for (Map.Entry<ActionKind, ResourceTrack> entry : tracks.entrySet()) {
      ResourceTrack track = entry.getValue();
      boolean retained =
          entry.getKey() == ActionKind.BUCKET && retain && track.ensuring() && track.succeeded();
      if (!track.gone() && !retained) {
        return false;
      }
    }
    return true;
  }

  private Condition annotationsCondition() {
    DesiredState state = desired.state();
    if (!state.hasErrors()) {
      return condition(
          Condition.ANNOTATIONS_VALID,
          ConditionStatus.TRUE,
          StatusConditions.VALID,
          "the opstream.dev annotations are valid");
    }
    String errors =
        state.errors().stream().map(AnnotationError::message).collect(Collectors.joining("; "));
    String consequence =
        state.source() == DesiredState.Source.LAST_GOOD
            ? " (the last good desired state stays in force)"
            : " (nothing is planned until they are fixed)";
    return condition(
        Condition.ANNOTATIONS_VALID,
        ConditionStatus.FALSE,
        StatusConditions.INVALID,
        errors + consequence);
  }

  private Condition pausedCondition() {
    if (policy.pauseAll()) {
      return condition(
          StatusConditions.PAUSED,
          ConditionStatus.TRUE,
          StatusConditions.PAUSED_BY_PLANNER,
          "the planner runs with the global pause switch on: nothing is planned for any app");
    }
    if (desired.pausedByAnnotation()) {
      return condition(
          StatusConditions.PAUSED,
          ConditionStatus.TRUE,
          StatusConditions.PAUSED_BY_ANNOTATION,
          "opstream.dev/paused is \"true\": nothing is planned for this app until it is removed");
    }
    return condition(
        StatusConditions.PAUSED,
        ConditionStatus.FALSE,
        StatusConditions.NOT_PAUSED,
        "planning is not paused");
  }

  private String lastError() {
    for (ResourceTrack track : tracks.values()) {
      if (track.outcome() == Outcome.FAILED_PERMANENT) {
        return describe(track.action()) + ": " + track.error();
      }
    }
    for (ResourceTrack track : tracks.values()) {
      if (track.outcome() == Outcome.FAILED_RETRYABLE) {
        return describe(track.action()) + ": " + track.error();
      }
    }
    if (desired.state().hasErrors()) {
      return desired.state().errors().stream()
          .map(AnnotationError::message)
          .collect(Collectors.joining("; "));
    }
    for (ResourceTrack track : tracks.values()) {
      if (track.observeError() != null) {
        return "drift check of " + describe(track.action()) + ": " + track.observeError();
      }
    }
    return null;
  }

  private Instant lastBackup() {
    ResourceTrack bucket = tracks.get(ActionKind.BUCKET);
    if (bucket == null || bucket.observed() == null) {
      return null;
    }
    // The bucket actuator's drift check names the newest good backup's end time so.
    String text = bucket.observed().attributes().get("newestBackupAt");
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A condition whose transition time is kept from the previous status when it did not flip. */
  private Condition condition(String type, ConditionStatus status, String reason, String message) {
    Instant since = now;
    AppStatus previous = observed.previousStatus();
    if (previous != null) {
      for (Condition old : previous.conditions()) {
        if (old.type().equals(type) && old.status() == status) {
          since = old.lastTransitionTime();
        }
      }
    }
    return new Condition(type, status, reason, message, since);
  }

  private static boolean sameExceptTime(AppStatus previous, AppStatus status) {
    return previous.equals(
        AppStatus.of(
            status.app(),
            status.deploymentUid(),
            status.enabled(),
            status.paused(),
            status.resources(),
            status.conditions(),
            status.lastError(),
            status.lastBackup(),
            previous.updatedAt()));
  }

  private static String describe(Action action) {
    return action.actionType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String label(ActionKind kind) {
    return switch (kind) {
      case BUCKET -> "bucket";
      case REDIS -> "Redis release";
      case CRONJOB -> "backup CronJob";
    };
  }
}
