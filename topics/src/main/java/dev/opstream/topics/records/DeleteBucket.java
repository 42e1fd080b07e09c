package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Delete the app's bucket, if it exists and opstream owns it.
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param bucket the bucket's name
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record DeleteBucket(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    String bucket,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public DeleteBucket {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "DeleteBucket",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.requiredText(bucket, "bucket");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static DeleteBucket of(
      AppKey app, String deploymentUid, String bucket, String causedBy, String reason) {
    String actionId =
        ActionId.of(
            app,
            deploymentUid,
            ActionType.DELETE_BUCKET,
            Map.of("bucket", Checks.required(bucket, "bucket")));
    return new DeleteBucket(
        SCHEMA_VERSION, actionId, 1, app, deploymentUid, bucket, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.DELETE_BUCKET;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.BUCKET;
  }

  @Override
  public DeleteBucket withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public DeleteBucket reissued(int attempt, String causedBy, String reason) {
    return new DeleteBucket(
        schemaVersion, actionId, attempt, app, deploymentUid, bucket, causedBy, reason);
  }
}
