package dev.opstream.actuator.runner;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;

/**
 * Called by the runner after a handler has acted and before the result is published: the one place
 * where a crash leaves a side effect without a result. Production uses {@link #NONE}; a test throws
 * from it to crash the runner there, deterministically.
 *
 * <p>An exception thrown here halts the runner the way a kill would: the result is not published,
 * nothing more is committed, the consumer leaves its group, so the action is delivered again.
 */
@FunctionalInterface
public interface FaultHook {

  /** Does nothing. */
  FaultHook NONE = (action, result) -> {};

  /** Runs between the side effect of {@code action} and the publication of {@code result}. */
  void beforePublish(Action action, ActionResult result);
}
