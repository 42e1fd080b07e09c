package dev.opstream.replay.plan;

import dev.opstream.topics.records.Action;
import java.time.Instant;

/**
 * An action as the comparison sees it: its identity (type, id, attempt) plus when and why.
 *
 * @param type the action's record type, e.g. {@code EnsureBucket}
 * @param actionId the deterministic action id
 * @param attempt the attempt
 * @param at when it was decided
 * @param reason the planner's reason
 */
public record ActionSummary(String type, String actionId, int attempt, Instant at, String reason) {

  static ActionSummary of(Action action, Instant at) {
    return new ActionSummary(
        action.getClass().getSimpleName(),
        action.actionId(),
        action.attempt(),
        at,
        action.reason());
  }

  /** What makes two decisions the same: type, id and attempt (never the time or the wording). */
  String identity() {
    return type + "|" + actionId + "|" + attempt;
  }
}
