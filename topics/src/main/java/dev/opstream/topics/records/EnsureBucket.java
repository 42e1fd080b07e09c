package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Create the app's bucket if missing and make it match {@code spec}.
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param spec the desired bucket
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record EnsureBucket(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    BucketSpec spec,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public EnsureBucket {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "EnsureBucket",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.required(spec, "spec");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static EnsureBucket of(
      AppKey app, String deploymentUid, BucketSpec spec, String causedBy, String reason) {
    String actionId = ActionId.of(app, deploymentUid, ActionType.ENSURE_BUCKET, spec);
    return new EnsureBucket(
        SCHEMA_VERSION, actionId, 1, app, deploymentUid, spec, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.ENSURE_BUCKET;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.BUCKET;
  }

  @Override
  public EnsureBucket withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public EnsureBucket reissued(int attempt, String causedBy, String reason) {
    return new EnsureBucket(
        schemaVersion, actionId, attempt, app, deploymentUid, spec, causedBy, reason);
  }
}
