package dev.opstream.planner.core;

import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.TimerFired;
import java.util.Objects;

/**
 * One record the planner reads about an app, as the core sees it. Each names the record it came
 * from ({@link #causedBy()}: its CloudEvents id), which every action it leads to carries on.
 */
public sealed interface PlannerInput {

  /** The CloudEvents id of the record this input came from. */
  String causedBy();

  /** The watcher saw the Deployment (level-based: its whole relevant state). */
  record DeploymentSeen(DeploymentObserved deployment, String causedBy) implements PlannerInput {
    public DeploymentSeen {
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(causedBy, "causedBy");
    }
  }

  /**
   * The Deployment is gone: a deletion marker, a tombstone, or a snapshot that no longer lists it.
   *
   * @param uid the uid of the deleted Deployment, null when unknown (a tombstone)
   * @param how how it was learned, in words
   * @param inferred whether it was inferred from a snapshot rather than seen
   */
  record DeploymentGone(String uid, String how, boolean inferred, String causedBy)
      implements PlannerInput {
    public DeploymentGone {
      Objects.requireNonNull(how, "how");
      Objects.requireNonNull(causedBy, "causedBy");
    }
  }

  /**
   * A snapshot would have inferred this app's deletion, but the mass-deletion guard holds it.
   *
   * @param snapshotId the snapshot
   * @param message why it is held, for the status
   */
  record DeletionHeld(String snapshotId, String message, String causedBy) implements PlannerInput {
    public DeletionHeld {
      Objects.requireNonNull(snapshotId, "snapshotId");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(causedBy, "causedBy");
    }
  }

  /** An actuator reported what it did (or what a drift check saw). */
  record ResultReceived(ActionResult result, String causedBy) implements PlannerInput {
    public ResultReceived {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(causedBy, "causedBy");
    }
  }

  /** A timer the planner set has fired (read back from {@code opstream.timers}). */
  record TimerElapsed(TimerFired timer, String causedBy) implements PlannerInput {
    public TimerElapsed {
      Objects.requireNonNull(timer, "timer");
      Objects.requireNonNull(causedBy, "causedBy");
    }
  }
}
