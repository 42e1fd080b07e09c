package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What an actuator did about an action and what it saw afterwards; written to {@code
 * opstream.results}, keyed by the app.
 *
 * @param actionId the action's id
 * @param actionType the action's type
 * @param kind the kind of resource acted on
 * @param app the app
 * @param deploymentUid the Deployment uid the action was decided for
 * @param attempt the action's attempt
 * @param outcome what was done
 * @param observed the resource as the actuator saw it afterwards; absent when it could not look
 * @param error what went wrong, for the failed outcomes (absent otherwise)
 * @param causedBy the CloudEvents id of the action record this result answers
 * @param finishedAt when the actuator finished
 */
public record ActionResult(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    ActionType actionType,
    ActionKind kind,
    AppKey app,
    String deploymentUid,
    @JsonProperty(required = true) int attempt,
    Outcome outcome,
    ResourceState observed,
    String error,
    String causedBy,
    Instant finishedAt)
    implements VersionedRecord {

  public static final int SCHEMA_VERSION = 1;

  public ActionResult {
    Checks.schemaVersion(schemaVersion, SCHEMA_VERSION, "ActionResult");
    Checks.requiredText(actionId, "actionId");
    Checks.required(actionType, "actionType");
    Checks.required(kind, "kind");
    if (actionType.fixedKind() != null && actionType.fixedKind() != kind) {
      throw Checks.invalid("kind", kind + " does not match action type " + actionType);
    }
    Checks.required(app, "app");
    Checks.requiredText(deploymentUid, "deploymentUid");
    Checks.atLeast(attempt, 1, "attempt");
    Checks.required(outcome, "outcome");
    if (!outcome.succeeded()) {
      Checks.requiredText(error, "error");
    }
    Checks.requiredText(causedBy, "causedBy");
    Checks.required(finishedAt, "finishedAt");
  }

  /** The result of {@code action}, copying its id, type, kind, app, uid and attempt. */
  public static ActionResult of(
      Action action,
      Outcome outcome,
      ResourceState observed,
      String error,
      String causedBy,
      Instant finishedAt) {
    return new ActionResult(
        SCHEMA_VERSION,
        action.actionId(),
        action.actionType(),
        action.kind(),
        action.app(),
        action.deploymentUid(),
        action.attempt(),
        outcome,
        observed,
        error,
        causedBy,
        finishedAt);
  }
}
