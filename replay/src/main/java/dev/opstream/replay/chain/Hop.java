package dev.opstream.replay.chain;

import java.time.Instant;

/**
 * One step of a chain after its cause: a decision (an action), an actuator's result, or a planner
 * timer firing.
 *
 * @param type what it is
 * @param at the record's time
 * @param latencyMillis time since the record it follows from ({@code causedBy}; for a timer, the
 *     step that set it), or -1 when that is not known
 * @param eventId the record's {@code ce_id}
 * @param causedBy the {@code ce_id} it names as its cause (for a timer: the step it follows)
 * @param what the action's type and attempt ({@code EnsureBucket #1}), the result's outcome, or the
 *     timer's kind
 * @param actionId the action's id (for a timer, the action it concerns, if any)
 * @param attempt the action's or result's attempt (0 for a timer)
 * @param detail the planner's reason, the actuator's error, or when the timer was due
 */
public record Hop(
    Type type,
    Instant at,
    long latencyMillis,
    String eventId,
    String causedBy,
    String what,
    String actionId,
    int attempt,
    String detail) {

  /** The kinds of steps. */
  public enum Type {
    ACTION,
    RESULT,
    TIMER
  }
}
