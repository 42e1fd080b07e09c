package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Create or update the app's backup CronJob to match {@code spec}.
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param spec the desired CronJob
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record EnsureBackupCronJob(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    BackupCronJobSpec spec,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public EnsureBackupCronJob {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "EnsureBackupCronJob",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.required(spec, "spec");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static EnsureBackupCronJob of(
      AppKey app, String deploymentUid, BackupCronJobSpec spec, String causedBy, String reason) {
    String actionId = ActionId.of(app, deploymentUid, ActionType.ENSURE_BACKUP_CRONJOB, spec);
    return new EnsureBackupCronJob(
        SCHEMA_VERSION, actionId, 1, app, deploymentUid, spec, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.ENSURE_BACKUP_CRONJOB;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.CRONJOB;
  }

  @Override
  public EnsureBackupCronJob withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public EnsureBackupCronJob reissued(int attempt, String causedBy, String reason) {
    return new EnsureBackupCronJob(
        schemaVersion, actionId, attempt, app, deploymentUid, spec, causedBy, reason);
  }
}
