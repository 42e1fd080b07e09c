package dev.opstream.actuator.runner;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The runner's Prometheus metrics, labelled with the actuator's kind: actions by outcome, their
 * duration, how many are in flight, the consumer's lag, and dead letters.
 */
final class RunnerMetrics {

  private final String kind;
  private final Counter actions;
  private final Histogram duration;
  private final Counter deadLetters;

  RunnerMetrics(
      PrometheusRegistry registry, ActionKind kind, LongSupplier inFlight, LongSupplier lag) {
    this.kind = kind.name().toLowerCase(Locale.ROOT);
    this.actions =
        Counter.builder()
            .name("opstream_actuator_actions_total")
            .help("Actions run, by kind and outcome.")
            .labelNames("kind", "outcome")
            .register(registry);
    this.duration =
        Histogram.builder()
            .name("opstream_actuator_action_duration_seconds")
            .help("How long actions took, from start to acknowledged result.")
            .unit(Unit.SECONDS)
            .labelNames("kind")
            .classicUpperBounds(
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
            .register(registry);
    this.deadLetters =
        Counter.builder()
            .name("opstream_actuator_dead_letters_total")
            .help("Unreadable action records sent to the dead-letter topic.")
            .labelNames("kind")
            .register(registry);
    GaugeWithCallback.builder()
        .name("opstream_actuator_actions_in_flight")
        .help("Actions taken from the topic and not yet done (running or queued).")
        .labelNames("kind")
        .callback(callback -> callback.call(inFlight.getAsLong(), this.kind))
        .register(registry);
    GaugeWithCallback.builder()
        .name("opstream_actuator_consumer_lag")
        .help("Action records on the assigned partitions not yet taken by this instance.")
        .labelNames("kind")
        .callback(callback -> callback.call(lag.getAsLong(), this.kind))
        .register(registry);
    for (Outcome outcome : Outcome.values()) {
      actions.labelValues(this.kind, outcome.name());
    }
    deadLetters.labelValues(this.kind);
  }

  void actionDone(Outcome outcome, long nanos) {
    actions.labelValues(kind, outcome.name()).inc();
    duration.labelValues(kind).observe(nanos / 1e9);
  }

  void deadLettered() {
    deadLetters.labelValues(kind).inc();
  }
}
