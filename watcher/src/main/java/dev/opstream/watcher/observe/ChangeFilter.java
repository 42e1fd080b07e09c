package dev.opstream.watcher.observe;

import dev.opstream.topics.records.DeploymentObserved;
import java.util.Objects;

/**
 * Whether a Deployment changed in a way opstream cares about: its uid (a re-created Deployment),
 * its {@code opstream.dev/*} annotations or its labels. Replica counts, status, the pod template,
 * resourceVersion and generation do not count: they change all the time and say nothing about the
 * app's desired state. Comparing annotations (not {@code metadata.generation}, which annotation
 * edits leave alone) is what makes removing the annotation reach the planner.
 */
public final class ChangeFilter {

  private ChangeFilter() {}

  /** True when {@code next} must be published after {@code previous} (null: never published). */
  public static boolean isRelevantChange(DeploymentObserved previous, DeploymentObserved next) {
    return previous == null
        || !Objects.equals(previous.uid(), next.uid())
        || !previous.annotations().equals(next.annotations())
        || !previous.labels().equals(next.labels());
  }
}
