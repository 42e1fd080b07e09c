package dev.opstream.planner;

import dev.opstream.planner.core.PlannerInput;
import dev.opstream.planner.core.SnapshotJudge;
import dev.opstream.planner.core.Step;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.TimerFired;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/** The planner's Prometheus metrics, kept up to date as a {@link PlannerListener}. */
public final class PlannerMetrics implements PlannerListener {

  private final Counter inputs;
  private final Counter actions;
  private final Counter timers;
  private final Counter deadLetters;
  private final Counter inferredDeletions;
  private final Counter heldDeletions;
  private final Counter forgotten;

  public PlannerMetrics(PrometheusRegistry registry) {
    inputs =
        Counter.builder()
            .name("opstream_planner_inputs")
            .help("Records the planner handled, by kind of input")
            .labelNames("input")
            .register(registry);
    actions =
        Counter.builder()
            .name("opstream_planner_actions")
            .help("Actions the planner emitted, by kind of resource and type")
            .labelNames("kind", "type")
            .register(registry);
    timers =
        Counter.builder()
            .name("opstream_planner_timers_fired")
            .help("Timers the punctuator fired, by timer")
            .labelNames("timer")
            .register(registry);
    deadLetters =
        Counter.builder()
            .name("opstream_planner_dead_letters")
            .help("Readable records the planner could not use, sent to opstream.dlq, by reason")
            .labelNames("reason")
            .register(registry);
    inferredDeletions =
        Counter.builder()
            .name("opstream_planner_inferred_deletions")
            .help("Deployment deletions inferred from snapshots")
            .register(registry);
    heldDeletions =
        Counter.builder()
            .name("opstream_planner_held_deletions")
            .help("Snapshot-inferred deletions held by the mass-deletion guard")
            .register(registry);
    forgotten =
        Counter.builder()
            .name("opstream_planner_apps_forgotten")
            .help("Apps whose state and status were removed after their teardown")
            .register(registry);
  }

  @Override
  public void onStep(AppKey app, PlannerInput input, Step step) {
    inputs.labelValues(input.getClass().getSimpleName()).inc();
    for (Action action : step.decisions().actions()) {
      actions.labelValues(lower(action.kind().name()), lower(action.actionType().name())).inc();
    }
    if (step.decisions().forget()) {
      forgotten.inc();
    }
  }

  @Override
  public void onTimerFired(TimerFired timer) {
    timers.labelValues(lower(timer.timer().name())).inc();
  }

  @Override
  public void onSnapshot(String cluster, SnapshotJudge.Verdict verdict) {
    inferredDeletions.inc(verdict.deleted().size());
    heldDeletions.inc(verdict.held().size());
  }

  @Override
  public void onDeadLetter(String reason) {
    deadLetters.labelValues(reason).inc();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
