package dev.opstream.planner.core;

import dev.opstream.planner.core.PlannerInput.DeletionHeld;
import dev.opstream.planner.core.PlannerInput.DeploymentGone;
import dev.opstream.planner.core.PlannerInput.DeploymentSeen;
import dev.opstream.planner.core.PlannerInput.ResultReceived;
import dev.opstream.planner.core.PlannerInput.TimerElapsed;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives one app through {@link Planner#step} the way the topology does, building each input from
 * what the planner emitted before (results answer the action in flight, timers fire the timer that
 * was set). Every input gets its own id, {@code in-<n>}, so tests can check {@code causedBy}.
 */
final class AppHistory {

  static final AppKey APP = new AppKey("prod", "shop", "cart");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final String UID = "uid-1";

  private Planner planner;
  private AppState state = AppState.empty(APP);
  private Instant now = T0;
  private int inputs;
  private String lastInputId;
  private Step last;
  private final List<Action> emitted = new ArrayList<>();

  AppHistory(PlanningPolicy policy) {
    this.planner = new Planner(policy);
  }

  AppState state() {
    return state;
  }

  Instant now() {
    return now;
  }

  Step last() {
    return last;
  }

  String lastInputId() {
    return lastInputId;
  }

  List<Action> emitted() {
    return emitted;
  }

  PlanningPolicy policy() {
    return planner.policy();
  }

  /** The planner starts again with {@code changed}; the app's state is kept, as in the stores. */
  AppHistory restart(PlanningPolicy changed) {
    planner = new Planner(changed);
    return this;
  }

  AppHistory after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  Step deploy(Map<String, String> annotations) {
    return deploy(UID, annotations);
  }

  Step deploy(String uid, Map<String, String> annotations) {
    DeploymentObserved observed =
        DeploymentObserved.of(APP, uid, "rv-" + (inputs + 1), 1, annotations, Map.of(), now);
    return feed(new DeploymentSeen(observed, nextId()));
  }

  Step deleted(String uid) {
    return feed(new DeploymentGone(uid, "the Deployment was deleted", false, nextId()));
  }

  Step tombstone() {
    return feed(
        new DeploymentGone(null, "the Deployment's record was tombstoned", false, nextId()));
  }

  Step inferredDeletion() {
    return feed(
        new DeploymentGone(UID, "the Deployment is missing from snapshot s-1", true, nextId()));
  }

  Step held() {
    return feed(new DeletionHeld("s-1", "snapshot s-1 would delete too many apps", nextId()));
  }

  /** The result of the action in flight for {@code kind}, with what a real actuator would see. */
  Step result(ActionKind kind, Outcome outcome) {
    Action action = current(kind);
    ResourceState seen =
        !outcome.succeeded()
            ? null
            : action.actionType().name().startsWith("DELETE")
                ? ResourceState.absent()
                : DesiredResources.wantedBy(action);
    return result(action, outcome, seen);
  }

  Step result(Action action, Outcome outcome, ResourceState seen) {
    String error = outcome.succeeded() ? null : "boom: " + outcome;
    ActionResult result =
        ActionResult.of(action, outcome, seen, error, "ce-" + action.actionId(), now);
    return feed(new ResultReceived(result, nextId()));
  }

  /** The result of the drift check in flight for {@code kind}. */
  Step observed(ActionKind kind, ResourceState seen) {
    Action observe =
        emitted.stream()
            .filter(a -> a.kind() == kind && a.actionType().name().equals("OBSERVE"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no drift check was emitted for " + kind));
    return result(observe, Outcome.NOOP, seen);
  }

  /** Fires the timer of {@code kind} that is set (at its due time). */
  Step fire(TimerKind kind) {
    PlannedTimer timer =
        state.timers().stream()
            .filter(t -> t.kind() == kind)
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no " + kind + " timer is set: " + state.timers()));
    return fire(timer);
  }

  Step fire(PlannedTimer timer) {
    if (now.isBefore(timer.dueAt())) {
      now = timer.dueAt();
    }
    TimerFired fired = TimerFired.of(APP, timer.kind(), timer.actionId(), timer.dueAt(), now);
    return feed(new TimerElapsed(fired, nextId()));
  }

  /** The action in flight (or last emitted) for {@code kind}. */
  Action current(ActionKind kind) {
    ResourceTrack track = state.resources().get(kind);
    if (track == null) {
      throw new AssertionError("nothing was emitted for " + kind);
    }
    return track.action();
  }

  Step feed(PlannerInput input) {
    last = planner.step(state, input, now);
    if (!last.decisions().forget()) {
      state = last.state();
    } else {
      state = AppState.empty(APP);
    }
    emitted.addAll(last.decisions().actions());
    return last;
  }

  private String nextId() {
    inputs++;
    lastInputId = "in-" + inputs;
    return lastInputId;
  }
}
