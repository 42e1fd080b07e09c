package dev.opstream.planner.shadow;

import dev.opstream.topics.records.Action;
import java.time.Instant;

/** An action the shadow planner decided, at its record's time. */
public record ShadowAction(Action action, Instant at) {}
