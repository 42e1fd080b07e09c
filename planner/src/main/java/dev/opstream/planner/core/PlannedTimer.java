package dev.opstream.planner.core;

import dev.opstream.topics.records.TimerKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A timer the planner has set for an app. The topology's punctuator fires it when the wall clock
 * reaches {@code dueAt} by writing a {@code TimerFired} record to {@code opstream.timers}; the
 * planner acts on that record when it reads it back.
 *
 * @param kind why it was set
 * @param actionId the action it concerns: the failed action for {@link TimerKind#RETRY}, the bucket
 *     delete that waits for {@link TimerKind#GRACE_PERIOD}; null for {@link TimerKind#DRIFT_CHECK}
 * @param dueAt when it is due
 */
public record PlannedTimer(TimerKind kind, String actionId, Instant dueAt) {

  public PlannedTimer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** Whether a fired timer of {@code kind} for {@code actionId} is this one. */
  boolean matches(TimerKind firedKind, String firedActionId) {
    return kind == firedKind && Objects.equals(actionId, firedActionId);
  }
}
