package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Delete the app's backup CronJob, if opstream owns it.
 *
 * @param actionId deterministic id, see {@link ActionId}
 * @param attempt 1 for the first run
 * @param app the app
 * @param deploymentUid the uid of the Deployment the decision was made for
 * @param cronJob the CronJob's name
 * @param causedBy the CloudEvents id of the record that caused the decision
 * @param reason the planner's reason, in words
 */
public record DeleteBackupCronJob(
    @JsonProperty(required = true) int schemaVersion,
    String actionId,
    @JsonProperty(required = true) int attempt,
    AppKey app,
    String deploymentUid,
    String cronJob,
    String causedBy,
    String reason)
    implements Action {

  public static final int SCHEMA_VERSION = 1;

  public DeleteBackupCronJob {
    ActionChecks.common(
        schemaVersion,
        SCHEMA_VERSION,
        "DeleteBackupCronJob",
        actionId,
        attempt,
        app,
        deploymentUid,
        causedBy,
        reason);
    Checks.requiredText(cronJob, "cronJob");
  }

  /** The first attempt of this action, its id computed from the app, uid and desired spec. */
  public static DeleteBackupCronJob of(
      AppKey app, String deploymentUid, String cronJob, String causedBy, String reason) {
    String actionId =
        ActionId.of(
            app,
            deploymentUid,
            ActionType.DELETE_BACKUP_CRONJOB,
            Map.of("cronJob", Checks.required(cronJob, "cronJob")));
    return new DeleteBackupCronJob(
        SCHEMA_VERSION, actionId, 1, app, deploymentUid, cronJob, causedBy, reason);
  }

  @Override
  public ActionType actionType() {
    return ActionType.DELETE_BACKUP_CRONJOB;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.CRONJOB;
  }

  @Override
  public DeleteBackupCronJob withAttempt(int attempt) {
    return reissued(attempt, causedBy, reason);
  }

  @Override
  public DeleteBackupCronJob reissued(int attempt, String causedBy, String reason) {
    return new DeleteBackupCronJob(
        schemaVersion, actionId, attempt, app, deploymentUid, cronJob, causedBy, reason);
  }
}
