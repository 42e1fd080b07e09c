package dev.opstream.topics.records;

/** What an actuator did about an action, after observing the world first. */
public enum Outcome {
  /** The resource did not exist and was created. */
  CREATED,
  /** The resource existed and was changed to match the desired spec. */
  UPDATED,
  /** The world already matched: nothing was changed (also every successful drift check). */
  NOOP,
  /** The resource was deleted (or was already gone). */
  DELETED,
  /** It failed in a way that may pass if tried again (the planner retries with backoff). */
  FAILED_RETRYABLE,
  /** It failed in a way that will not pass by retrying (the planner reports it in the status). */
  FAILED_PERMANENT;

  public boolean succeeded() {
    return this != FAILED_RETRYABLE && this != FAILED_PERMANENT;
  }
}
