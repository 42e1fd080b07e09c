package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A drift check: the actuator of {@code kind} reports what it sees of the named resource, changing
 * nothing.
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param kind the kind of resource to observe
 * @param name the resource's name (bucket, release or CronJob)
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record Observe(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    ActionKind kind,
    String name,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public Observe {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "Observe",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.required(kind, "kind");
    Checks.requiredText(name, "name");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static Observe of(
      AppKey app,
      String deploymentUid,
      ActionKind kind,
      String name,
      String causedBy,
      String reason) {
    String actionId =
        ActionId.of(
            app,
            deploymentUid,
            ActionType.OBSERVE,
            Map.of("kind", Checks.required(kind, "kind"), "name", Checks.required(name, "name")));
    return new Observe(
        SCHEMA_VERSION, actionId, 1, app, deploymentUid, kind, name, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.OBSERVE;
  }

  @Override
  public Observe withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public Observe reissued(int attempt, String causedBy, String reason) {
    return new Observe(
        schemaVersion, actionId, attempt, app, deploymentUid, kind, name, causedBy, reason);
  }
}
