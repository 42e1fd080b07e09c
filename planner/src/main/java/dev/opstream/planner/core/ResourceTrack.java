package dev.opstream.planner.core;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import java.util.Objects;

/**
 * What the planner knows about one resource (bucket, Redis or CronJob) of an app: the last action
 * it emitted for it and what came back.
 *
 * @param action the last ensure or delete emitted for this resource (drift checks are kept apart)
 * @param outcome the outcome of {@code action}'s current attempt; null while it is in flight
 * @param error the error of that outcome, for the failed outcomes
 * @param observed the resource as last seen by an actuator (result or drift check); null if never
 * @param retryDue whether the retry timer of a {@code FAILED_RETRYABLE} action has fired
 * @param drift what the last drift check found different from the desired state; null if nothing
 * @param observeActionId the drift check in flight for this resource, null when none
 * @param observeAttempt how many drift checks were emitted for this resource (their attempt)
 * @param observeError why the last drift check failed, null when it did not
 */
public record ResourceTrack(
    Action action,
    Outcome outcome,
    String error,
    ResourceState observed,
    boolean retryDue,
    String drift,
    String observeActionId,
    int observeAttempt,
    String observeError) {

  public ResourceTrack {
    Objects.requireNonNull(action, "action");
  }

  /** The track right after {@code action} was emitted, keeping what was observed before. */
  static ResourceTrack emitted(Action action, ResourceTrack before) {
    return new ResourceTrack(
        action,
        null,
        null,
        before == null ? null : before.observed,
        false,
        null,
        null,
        before == null ? 0 : before.observeAttempt,
        null);
  }

  /** Whether the current attempt has no result yet. */
  boolean inFlight() {
    return outcome == null;
  }

  /** Whether the current attempt succeeded. */
  boolean succeeded() {
    return outcome != null && outcome.succeeded();
  }

  /** Whether {@link #action} creates or updates the resource. */
  boolean ensuring() {
    return switch (action.actionType()) {
      case ENSURE_BUCKET, ENSURE_REDIS, ENSURE_BACKUP_CRONJOB -> true;
      default -> false;
    };
  }

  /** Whether {@link #action} deletes the resource. */
  boolean deleting() {
    return action.actionType() == ActionType.DELETE_BUCKET
        || action.actionType() == ActionType.DELETE_REDIS
        || action.actionType() == ActionType.DELETE_BACKUP_CRONJOB;
  }

  /** Whether the resource is known to be gone: deleted, or a delete found nothing to delete. */
  boolean gone() {
    return deleting()
        && (outcome == Outcome.DELETED
            || outcome == Outcome.NOOP && (observed == null || !observed.exists()));
  }

  /** Whether {@link #action} is the ensure with {@code actionId} and it succeeded. */
  boolean ensured(String actionId) {
    return ensuring() && action.actionId().equals(actionId) && succeeded();
  }

  ResourceTrack withResult(Outcome outcome, String error, ResourceState observed) {
    return new ResourceTrack(
        action,
        outcome,
        error,
        observed == null ? this.observed : observed,
        false,
        null,
        observeActionId,
        observeAttempt,
        observeError);
  }

  ResourceTrack withRetryDue() {
    return new ResourceTrack(
        action,
        outcome,
        error,
        observed,
        true,
        drift,
        observeActionId,
        observeAttempt,
        observeError);
  }

  ResourceTrack withObserveSent(String observeId, int attempt) {
    return new ResourceTrack(
        action, outcome, error, observed, retryDue, drift, observeId, attempt, observeError);
  }

  ResourceTrack withObservation(ResourceState seen, String foundDrift, String failure) {
    return new ResourceTrack(
        action,
        outcome,
        error,
        seen == null ? observed : seen,
        retryDue,
        foundDrift,
        null,
        observeAttempt,
        failure);
  }
}
