package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Uninstall the app's Redis release and delete its password Secret, if opstream owns them.
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param release the Helm release name
 * @param secretName the password Secret's name
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record DeleteRedis(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    String release,
    String secretName,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public DeleteRedis {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "DeleteRedis",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.requiredText(release, "release");
    Checks.requiredText(secretName, "secretName");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static DeleteRedis of(
      AppKey app,
      String deploymentUid,
      String release,
      String secretName,
      String causedBy,
      String reason) {
    String actionId =
        ActionId.of(
            app,
            deploymentUid,
            ActionType.DELETE_REDIS,
            Map.of(
                "release",
                Checks.required(release, "release"),
                "secretName",
                Checks.required(secretName, "secretName")));
    return new DeleteRedis(
        SCHEMA_VERSION, actionId, 1, app, deploymentUid, release, secretName, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.DELETE_REDIS;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REDIS;
  }

  @Override
  public DeleteRedis withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public DeleteRedis reissued(int attempt, String causedBy, String reason) {
    return new DeleteRedis(
        schemaVersion,
        actionId,
        attempt,
        app,
        deploymentUid,
        release,
        secretName,
        causedBy,
        reason);
  }
}
