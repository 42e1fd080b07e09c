package dev.opstream.planner.core;

import java.util.Objects;

/**
 * One record handled: the app's state afterwards and what was decided.
 *
 * @param state the state to keep (irrelevant when {@code decisions.forget()})
 * @param decisions what was decided
 * @param statusChanged whether the status differs from the one published before
 */
public record Step(AppState state, Decisions decisions, boolean statusChanged) {

  public Step {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(decisions, "decisions");
  }
}
