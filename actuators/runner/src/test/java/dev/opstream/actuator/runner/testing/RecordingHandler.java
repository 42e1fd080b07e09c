package dev.opstream.actuator.runner.testing;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real handler, unchanged, that also records which actions it ran: tells which of two runner
 * instances ran an action.
 */
public final class RecordingHandler implements ActionHandler {

  private final ActionHandler handler;
  private final List<Action> started = new CopyOnWriteArrayList<>();

  public RecordingHandler(ActionHandler handler) {
    this.handler = handler;
  }

  @Override
  public ActionKind kind() {
    return handler.kind();
  }

  @Override
  public Effect handle(Action action) {
    started.add(action);
    return handler.handle(action);
  }

  /** How many times this handler started {@code action} (an action of its id and attempt). */
  public long startedCount(Action action) {
    return started.stream()
        .filter(run -> run.actionId().equals(action.actionId()))
        .filter(run -> run.attempt() == action.attempt())
        .count();
  }
}
