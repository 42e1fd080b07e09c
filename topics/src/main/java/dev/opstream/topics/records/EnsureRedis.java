package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Install or upgrade the app's Redis release (and create its password Secret once).
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param spec the desired release
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record EnsureRedis(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    RedisSpec spec,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public EnsureRedis {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "EnsureRedis",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.required(spec, "spec");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static EnsureRedis of(
      AppKey app, String deploymentUid, RedisSpec spec, String causedBy, String reason) {
    String actionId = ActionId.of(app, deploymentUid, ActionType.ENSURE_REDIS, spec);
    return new EnsureRedis(SCHEMA_VERSION, actionId, 1, app, deploymentUid, spec, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.ENSURE_REDIS;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REDIS;
  }

  @Override
  public EnsureRedis withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public EnsureRedis reissued(int attempt, String causedBy, String reason) {
    return new EnsureRedis(
        schemaVersion, actionId, attempt, app, deploymentUid, spec, causedBy, reason);
  }
}
