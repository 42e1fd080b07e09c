package dev.opstream.actuator.runner;

import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import java.util.Objects;

/**
 * What an {@link ActionHandler} did: the outcome ({@code CREATED}, {@code UPDATED}, {@code NOOP} or
 * {@code DELETED}) and the state of the resource it observed afterwards.
 */
public record Effect(Outcome outcome, ResourceState observed) {

  public Effect {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(observed, "observed");
    if (!outcome.succeeded()) {
      throw new IllegalArgumentException(
          "an effect is a success; failures are thrown as ActuatorException, not " + outcome);
    }
  }
}
