package dev.opstream.planner;

import dev.opstream.planner.core.PlannerInput;
import dev.opstream.planner.core.SnapshotJudge;
import dev.opstream.planner.core.Step;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.TimerFired;

/**
 * Told what the topology did, after it did it (within the Kafka Streams task, so a listener that
 * throws fails the task and aborts its transaction). Metrics implement it.
 */
public interface PlannerListener {

  /** A listener that does nothing. */
  PlannerListener NONE = new PlannerListener() {};

  /** One input was handled for {@code app}; its outputs have been forwarded. */
  default void onStep(AppKey app, PlannerInput input, Step step) {}

  /** The punctuator fired a timer (the record is on its way to {@code opstream.timers}). */
  default void onTimerFired(TimerFired timer) {}

  /** A complete snapshot was judged. */
  default void onSnapshot(String cluster, SnapshotJudge.Verdict verdict) {}

  /** A readable but unusable record (no key, the key not matching the value) went to the DLQ. */
  default void onDeadLetter(String reason) {}

  /** A listener that tells {@code first}, then {@code second}. */
  static PlannerListener both(PlannerListener first, PlannerListener second) {
    return new PlannerListener() {
      @Override
      public void onStep(AppKey app, PlannerInput input, Step step) {
        first.onStep(app, input, step);
        second.onStep(app, input, step);
      }

      @Override
      public void onTimerFired(TimerFired timer) {
        first.onTimerFired(timer);
        second.onTimerFired(timer);
      }

      @Override
      public void onSnapshot(String cluster, SnapshotJudge.Verdict verdict) {
        first.onSnapshot(cluster, verdict);
        second.onSnapshot(cluster, verdict);
      }

      @Override
      public void onDeadLetter(String reason) {
        first.onDeadLetter(reason);
        second.onDeadLetter(reason);
      }
    };
  }
}
