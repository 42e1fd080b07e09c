package dev.opstream.actuator.runner;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;

/**
 * What one kind of actuator does with one action: observe the world first, then create, update,
 * delete or do nothing, and say which. Running the same action twice must be safe, and the second
 * run reports {@code NOOP}.
 *
 * <p>Implementations do I/O only through the clients they are given, never block without a timeout,
 * and signal failures with {@link ActuatorException} (retryable or permanent); the runner turns
 * every outcome, failures included, into an {@code ActionResult}.
 */
public interface ActionHandler {

  /** The kind of action this handler serves; it reads that kind's topic. */
  ActionKind kind();

  /**
   * Carries out {@code action} (an action of this handler's kind) and reports what it did.
   *
   * @throws ActuatorException when the action failed; its reason says whether a retry can help
   */
  Effect handle(Action action);
}
