package dev.opstream.planner.desired;

import java.time.Duration;
import java.util.Objects;

/**
 * What the planner's configuration contributes to every app's desired state.
 *
 * @param deleteGracePeriod how long a teardown waits before deleting a bucket ({@link
 *     #DEFAULT_DELETE_GRACE_PERIOD} in production, zero in the demo)
 */
public record DesiredStateConfig(Duration deleteGracePeriod) {

  /** 24 hours: long enough to notice a mistaken un-annotation and undo it. */
  public static final Duration DEFAULT_DELETE_GRACE_PERIOD = Duration.ofHours(24);

  public DesiredStateConfig {
    Objects.requireNonNull(deleteGracePeriod, "deleteGracePeriod");
    if (deleteGracePeriod.isNegative()) {
      throw new IllegalArgumentException("negative delete grace period: " + deleteGracePeriod);
    }
  }

  /** The production defaults. */
  public static DesiredStateConfig defaults() {
    return new DesiredStateConfig(DEFAULT_DELETE_GRACE_PERIOD);
  }
}
