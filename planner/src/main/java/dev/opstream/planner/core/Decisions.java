package dev.opstream.planner.core;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.AppStatus;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Planner#plan} decided for one app.
 *
 * @param actions the actions to emit, in order, each naming its cause and its reason in words
 * @param schedule the timers to set
 * @param cancel the timers to cancel
 * @param status the app's status now (the previous object itself when nothing changed)
 * @param forget whether the app is done with: no resources left to manage and nothing pending, so
 *     its state and status can be removed
 * @param notes what the planner is waiting for, in words (for logs and the status)
 */
public record Decisions(
    List<Action> actions,
    List<PlannedTimer> schedule,
    List<PlannedTimer> cancel,
    AppStatus status,
    boolean forget,
    List<String> notes) {

  public Decisions {
    actions = List.copyOf(actions);
    schedule = List.copyOf(schedule);
    cancel = List.copyOf(cancel);
    Objects.requireNonNull(status, "status");
    notes = List.copyOf(notes);
  }
}
