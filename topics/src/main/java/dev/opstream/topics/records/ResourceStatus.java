package dev.opstream.topics.records;

/**
 * Desired against observed for one resource of an app.
 *
 * @param desired what the planner wants (does not exist, when the app is disabled); absent until
 *     the planner has a desired state for it
 * @param observed what the last result or drift check saw; absent until one arrived
 * @param lastActionId the last action emitted for this resource, if any
 * @param lastOutcome that action's last outcome, if a result arrived
 */
public record ResourceStatus(
    ResourceState desired, ResourceState observed, String lastActionId, Outcome lastOutcome) {

  public ResourceStatus {
    Checks.optionalText(lastActionId, "lastActionId");
  }

  /** Whether what was observed is what is desired. */
  public boolean converged() {
    return desired != null && desired.equals(observed);
  }
}
