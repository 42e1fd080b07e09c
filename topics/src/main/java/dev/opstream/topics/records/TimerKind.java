package dev.opstream.topics.records;

/** Why the planner set a timer. */
public enum TimerKind {
  /** Backoff after a {@code FAILED_RETRYABLE} result ended: run the action again. */
  RETRY,
  /** The delete grace period ended: tear down unless the app was enabled again. */
  GRACE_PERIOD,
  /** Time for a drift check: compare the world with the desired state. */
  DRIFT_CHECK
}
