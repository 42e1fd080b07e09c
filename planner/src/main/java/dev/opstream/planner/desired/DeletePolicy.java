package dev.opstream.planner.desired;

import java.time.Duration;
import java.util.Objects;

/**
 * How the app is torn down when it is disabled or its Deployment goes away.
 *
 * @param onDelete what happens to the bucket
 * @param gracePeriod how long teardown waits before deleting the bucket; enabling the app again
 *     within it cancels the deletion. It comes from the planner's configuration ({@link
 *     DesiredStateConfig}), not from an annotation.
 */
public record DeletePolicy(OnDelete onDelete, Duration gracePeriod) {

  public DeletePolicy {
    Objects.requireNonNull(onDelete, "onDelete");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("negative grace period: " + gracePeriod);
    }
  }
}
