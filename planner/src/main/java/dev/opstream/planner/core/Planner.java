package dev.opstream.planner.core;

import dev.opstream.planner.core.PlannerInput.DeletionHeld;
import dev.opstream.planner.core.PlannerInput.DeploymentGone;
import dev.opstream.planner.core.PlannerInput.DeploymentSeen;
import dev.opstream.planner.core.PlannerInput.ResultReceived;
import dev.opstream.planner.core.PlannerInput.TimerElapsed;
import dev.opstream.planner.desired.DesiredSpec;
import dev.opstream.planner.desired.DesiredState;
import dev.opstream.planner.desired.DesiredStateParser;
import dev.opstream.planner.desired.ParseResult;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.TimerKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The planner's pure core. {@link #plan} compares an app's desired state with what has been
 * observed and decides what to do; {@link #step} folds one input record into the app's state first
 * and records the decisions afterwards. Neither does I/O or reads a clock: {@code now} is the time
 * of the record being handled, so the same records always give the same decisions.
 *
 * <p>The rules, in short (the class {@code Planning} has them in full):
 *
 * <ul>
 *   <li>A live app (enabled, Deployment present) gets an ensure for its bucket and its Redis, and
 *       the ensure for its backup CronJob only once both reported success.
 *   <li>Teardown (disabled, or the Deployment gone): the CronJob is deleted first; Redis and the
 *       bucket only after the CronJob's {@code DELETED} (or a {@code NOOP} that found it absent),
 *       the bucket only once the grace period has passed, and never with {@code on-delete: Retain}.
 *       Enabling the app again cancels the grace period.
 *   <li>An action is emitted again only when its spec changes (a new id), when its result was
 *       {@code FAILED_RETRYABLE} and the backoff timer fired (attempt + 1), or when a drift check
 *       found the world differs (attempt + 1). {@code FAILED_PERMANENT} ends in the status.
 *   <li>Paused (annotation or the global switch): nothing is emitted; the status says so.
 *   <li>Bad annotations keep the last good desired state; never valid means nothing is planned.
 * </ul>
 */
public final class Planner {

  /** The attribute of a bucket drift check's result that names its newest good backup's time. */
  public static final String NEWEST_BACKUP_AT = "newestBackupAt";

  private final PlanningPolicy policy;
  private final DesiredStateParser parser;

  public Planner(PlanningPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.parser = new DesiredStateParser(policy.desiredStateConfig());
  }

  public PlanningPolicy policy() {
    return policy;
  }

  /** Decides what to do about an app. Pure: the same arguments always give equal decisions. */
  public Decisions plan(Desired desired, Observed observed, Instant now) {
    return new Planning(policy, desired, observed, now).decide();
  }

  /**
   * Handles one record about an app: folds it into {@code state}, plans, and records what was
   * decided (actions in flight, timers set) in the returned state.
   */
  public Step step(AppState state, PlannerInput input, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(now, "now");
    AppState folded = fold(state, input, now);
    Decisions decisions = plan(desiredOf(folded), observedOf(folded, input.causedBy()), now);
    AppState next = record(folded, decisions);
    return new Step(next, decisions, !decisions.status().equals(state.status()));
  }

  /** The desired side of {@code state}. */
  public Desired desiredOf(AppState state) {
    DeploymentView view = state.deployment();
    if (view == null) {
      return new Desired(
          state.app(),
          null,
          false,
          false,
          new DesiredState(Optional.empty(), DesiredState.Source.NONE, List.of(), List.of()),
          null,
          null);
    }
    Optional<DesiredSpec> lastGood = Optional.empty();
    if (view.lastGoodAnnotations() != null
        && parser.parse(view.lastGoodAnnotations()) instanceof ParseResult.Valid valid) {
      lastGood = Optional.of(valid.spec());
    }
    DesiredState desiredState = DesiredState.resolve(lastGood, parser.parse(view.annotations()));
    boolean present = view.present() || state.heldBy() != null;
    return new Desired(
        state.app(),
        view.uid(),
        present,
        !view.annotations().isEmpty(),
        desiredState,
        view.present() ? null : view.goneReason(),
        state.heldMessage());
  }

  /** The observed side of {@code state}, handling the record {@code causedBy}. */
  public Observed observedOf(AppState state, String causedBy) {
    return new Observed(
        state.resources(),
        state.timers(),
        state.teardownSince(),
        state.graceElapsed(),
        state.driftCheckDue(),
        state.status(),
        causedBy,
        state.backups());
  }

  private AppState fold(AppState state, PlannerInput input, Instant now) {
    boolean wasLive = desiredOf(state).live();
    AppState folded;
    if (input instanceof DeploymentSeen seen) {
      folded = seen(state, seen.deployment());
    } else if (input instanceof DeploymentGone gone) {
      folded = gone(state, gone);
    } else if (input instanceof DeletionHeld held) {
      folded =
          state.deployment() != null && state.deployment().present()
              ? state.withHold(held.snapshotId(), held.message())
              : state;
    } else if (input instanceof ResultReceived received) {
      folded = result(state, received.result());
    } else {
      folded = timer(state, ((TimerElapsed) input).timer());
    }
    Desired desired = desiredOf(folded);
    if (desired.live()) {
      return folded.teardownSince() == null ? folded : folded.withTeardown(null, false);
    }
    boolean tracked = !folded.resources().isEmpty();
    if (folded.teardownSince() == null && (wasLive || tracked) && desired.spec().isPresent()) {
      return folded.withTeardown(now, false);
    }
    return folded;
  }

  private AppState seen(AppState state, DeploymentObserved deployment) {
    DeploymentView view = state.deployment();
    if (view != null
        && !view.present()
        && view.goneForSure()
        && view.uid().equals(deployment.uid())) {
      return state; // a deleted Deployment's uid never comes back: this record is stale
    }
    boolean valid = parser.parse(deployment.annotations()) instanceof ParseResult.Valid;
    DeploymentView seen =
        new DeploymentView(
            deployment.uid(),
            true,
            deployment.annotations(),
            valid ? deployment.annotations() : view == null ? null : view.lastGoodAnnotations(),
            deployment.observedAt(),
            null,
            false);
    return state.withDeployment(seen).withHold(null, null);
  }

  private AppState gone(AppState state, DeploymentGone gone) {
    DeploymentView view = state.deployment();
    if (view == null || gone.uid() != null && !gone.uid().equals(view.uid())) {
      return state; // nothing known, or the deletion of an earlier Deployment of this name
    }
    if (!view.present() && (view.goneForSure() || gone.inferred())) {
      return state;
    }
    return state.withDeployment(view.gone(gone.how(), !gone.inferred())).withHold(null, null);
  }

  private AppState result(AppState state, ActionResult result) {
    ResourceTrack track = state.resources().get(result.kind());
    if (track == null) {
      return state;
    }
    if (result.actionType() == ActionType.OBSERVE) {
      if (!result.actionId().equals(track.observeActionId())
          || result.attempt() != track.observeAttempt()) {
        return state; // an earlier drift check, or a duplicate
      }
      if (!result.outcome().succeeded()) {
        return state.withTrack(
            result.kind(), track.withObservation(null, track.drift(), result.error()));
      }
      String drift =
          track.ensuring() && track.succeeded()
              ? Drift.between(DesiredResources.wantedBy(track.action()), result.observed())
              : null;
      AppState observedNow =
          state.withTrack(result.kind(), track.withObservation(result.observed(), drift, null));
      return result.kind() == ActionKind.BUCKET
          ? observedNow.withBackups(
              observedNow
                  .backups()
                  .bucketChecked(result.finishedAt(), newestBackup(result.observed())))
          : observedNow;
    }
    if (!result.actionId().equals(track.action().actionId())
        || result.attempt() != track.action().attempt()
        || !track.inFlight()) {
      return state; // the result of an earlier action or attempt, or a duplicate
    }
    ResourceTrack done = track.withResult(result.outcome(), result.error(), result.observed());
    AppState folded = state.withTrack(result.kind(), done);
    if (result.kind() == ActionKind.CRONJOB && done.ensuring() && done.succeeded()) {
      return folded.withBackups(
          folded.backups().cronJobEnsured(done.action().actionId(), result.finishedAt()));
    }
    if (result.kind() == ActionKind.CRONJOB && done.gone()) {
      return folded.withBackups(folded.backups().cronJobGone());
    }
    return folded;
  }

  /**
   * The newest good backup a drift check of the bucket reported (attribute {@value
   * #NEWEST_BACKUP_AT}), null when it reported none or an unreadable time.
   */
  private static Instant newestBackup(ResourceState seen) {
    String text = seen == null ? null : seen.attributes().get(NEWEST_BACKUP_AT);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private AppState timer(AppState state, TimerFired fired) {
    PlannedTimer planned =
        state.timers().stream()
            .filter(
                timer ->
                    timer.matches(fired.timer(), fired.actionId())
                        && timer.dueAt().equals(fired.dueAt()))
            .findFirst()
            .orElse(null);
    if (planned == null) {
      return state; // cancelled or superseded before it was read back
    }
    List<PlannedTimer> remaining = new ArrayList<>(state.timers());
    remaining.remove(planned);
    AppState folded = state.withTimers(remaining);
    if (fired.timer() == TimerKind.DRIFT_CHECK) {
      return folded.withDriftCheckDue(true);
    }
    if (fired.timer() == TimerKind.GRACE_PERIOD) {
      return folded.teardownSince() == null
          ? folded
          : folded.withTeardown(folded.teardownSince(), true);
    }
    for (ActionKind kind : ActionKind.values()) {
      ResourceTrack track = folded.resources().get(kind);
      if (track != null
          && track.action().actionId().equals(fired.actionId())
          && track.outcome() == Outcome.FAILED_RETRYABLE) {
        return folded.withTrack(kind, track.withRetryDue());
      }
    }
    return folded;
  }

  private static AppState record(AppState folded, Decisions decisions) {
    AppState next = folded;
    for (var action : decisions.actions()) {
      ResourceTrack before = next.resources().get(action.kind());
      if (action.actionType() == ActionType.OBSERVE) {
        next =
            next.withTrack(
                action.kind(), before.withObserveSent(action.actionId(), action.attempt()));
      } else {
        next = next.withTrack(action.kind(), ResourceTrack.emitted(action, before));
      }
    }
    List<PlannedTimer> timers = new ArrayList<>(next.timers());
    timers.removeAll(decisions.cancel());
    timers.addAll(decisions.schedule());
    return next.withTimers(timers).withDriftCheckDue(false).withStatus(decisions.status());
  }
}
