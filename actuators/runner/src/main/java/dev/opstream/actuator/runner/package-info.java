/**
 * The act stage's shared runner: consumes one action topic, hands each action to the kind's {@link
 * dev.opstream.actuator.runner.ActionHandler}, and reports an {@link
 * dev.opstream.topics.records.ActionResult} to {@code opstream.results}.
 */
package dev.opstream.actuator.runner;
