package dev.opstream.actuator.runner;

import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import java.util.Objects;

/**
 * The topics one runner reads and writes: its kind's actions, the results, the dead letters. In
 * production always {@link #forKind}; tests give each runner topics of its own on a shared broker.
 */
public record RunnerTopics(
    Topic<AppKey, Action> actions,
    Topic<AppKey, ActionResult> results,
    Topic<byte[], byte[]> deadLetters) {

  public RunnerTopics {
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }

  /** {@code opstream.actions.<kind>}, {@code opstream.results} and {@code opstream.dlq}. */
  public static RunnerTopics forKind(ActionKind kind) {
    return new RunnerTopics(Topics.actions(kind), Topics.RESULTS, Topics.DLQ);
  }
}
