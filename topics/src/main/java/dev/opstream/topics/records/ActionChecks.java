package dev.opstream.topics.records;

/** The checks every action's constructor makes on the fields all actions share. */
final class ActionChecks {

  private ActionChecks() {}

  static void common(
      int schemaVersion,
      int supportedVersion,
      String type,
      String actionId,
      int attempt,
      AppKey app,
      String deploymentUid,
      String causedBy,
      String reason) {
    Checks.schemaVersion(schemaVersion, supportedVersion, type);
    Checks.requiredText(actionId, "actionId");
    Checks.atLeast(attempt, 1, "attempt");
    Checks.required(app, "app");
    Checks.requiredText(deploymentUid, "deploymentUid");
    Checks.requiredText(causedBy, "causedBy");
    Checks.requiredText(reason, "reason");
  }
}
