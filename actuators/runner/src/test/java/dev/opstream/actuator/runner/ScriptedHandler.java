package dev.opstream.actuator.runner;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bucket handler for runner tests: records what it ran, can hold an app's actions behind a gate,
 * and can fail chosen actions. Everything it does is in memory; the runner under test is real.
 */
final class ScriptedHandler implements ActionHandler {

  private final List<Action> started = new ArrayList<>();
  private final List<Action> finished = new ArrayList<>();
  private final Map<AppKey, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, Supplier<RuntimeException>> failures = new ConcurrentHashMap<>();

  @Override
  public ActionKind kind() {
    return ActionKind.BUCKET;
  }

  /** Holds every action of {@code app} until {@code gate} opens. */
  void hold(AppKey app, CountDownLatch gate) {
    gates.put(app, gate);
  }

  /** Makes {@code actionId} fail with what {@code failure} supplies. */
  void failWith(String actionId, Supplier<RuntimeException> failure) {
    failures.put(actionId, failure);
  }

  synchronized List<Action> started() {
    return List.copyOf(started);
  }

  synchronized List<Action> finished() {
    return List.copyOf(finished);
  }

  synchronized long startedCount(String actionId) {
    return started.stream().filter(action -> action.actionId().equals(actionId)).count();
  }

  @Override
  public Effect handle(Action action) {
    synchronized (this) {
      started.add(action);
    }
    CountDownLatch gate = gates.get(action.app());
    if (gate != null) {
      try {
        if (!gate.await(5, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the gate of " + action.app() + " never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ActuatorException.retryable("interrupted while held", e);
      }
    }
    Supplier<RuntimeException> failure = failures.get(action.actionId());
    if (failure != null) {
      throw failure.get();
    }
    synchronized (this) {
      finished.add(action);
    }
    return new Effect(Outcome.CREATED, ResourceState.managed(Map.of("handled", "yes")));
  }
}
