package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The latest status of one app, written by the planner to the compacted {@code opstream.status};
 * read by the watcher (for Kubernetes Events) and by the status API.
 *
 * @param app the app
 * @param deploymentUid the uid of the Deployment last observed, absent once it is gone
 * @param enabled whether the app is enabled ({@code opstream.dev/enabled: "true"})
 * @param paused whether planning is paused ({@code opstream.dev/paused: "true"})
 * @param resources desired against observed, per kind of resource
 * @param conditions the app's conditions, one per type
 * @param lastError the last error (a bad annotation, a permanent failure), absent when none
 * @param lastBackup when the last good backup finished, if one is known
 * @param updatedAt when the planner last changed this status
 */
public record AppStatus(
    @JsonProperty(required = true) int schemaVersion,
    AppKey app,
    String deploymentUid,
    @JsonProperty(required = true) boolean enabled,
    @JsonProperty(required = true) boolean paused,
    Map<ActionKind, ResourceStatus> resources,
    List<Condition> conditions,
    String lastError,
    Instant lastBackup,
    Instant updatedAt)
    implements VersionedRecord {

  public static final int SCHEMA_VERSION = 1;

  public AppStatus {
    Checks.schemaVersion(schemaVersion, SCHEMA_VERSION, "AppStatus");
    Checks.required(app, "app");
    Checks.optionalText(deploymentUid, "deploymentUid");
    resources = copy(resources);
    conditions = Checks.listOrEmpty(conditions, "conditions");
    if (conditions.stream().map(Condition::type).distinct().count() != conditions.size()) {
      throw Checks.invalid("conditions", "must hold at most one condition per type");
    }
    Checks.optionalText(lastError, "lastError");
    Checks.required(updatedAt, "updatedAt");
  }

  public static AppStatus of(
      AppKey app,
      String deploymentUid,
      boolean enabled,
      boolean paused,
      Map<ActionKind, ResourceStatus> resources,
      List<Condition> conditions,
      String lastError,
      Instant lastBackup,
      Instant updatedAt) {
    return new AppStatus(
        SCHEMA_VERSION,
        app,
        deploymentUid,
        enabled,
        paused,
        resources,
        conditions,
        lastError,
        lastBackup,
        updatedAt);
  }

  private static Map<ActionKind, ResourceStatus> copy(Map<ActionKind, ResourceStatus> resources) {
    EnumMap<ActionKind, ResourceStatus> copy = new EnumMap<>(ActionKind.class);
    if (resources != null) {
      resources.forEach(
          (kind, status) -> {
            if (kind == null || status == null) {
              throw Checks.invalid("resources", "must not contain null keys or values");
            }
            copy.put(kind, status);
          });
    }
    return Collections.unmodifiableMap(copy);
  }
}
