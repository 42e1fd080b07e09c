package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The watcher saw a Deployment deleted. Kept for audit; the watcher follows it with a tombstone for
 * the same key.
 *
 * @param app the deleted Deployment's identity
 * @param uid the deleted Deployment's {@code metadata.uid}
 * @param resourceVersion the last resourceVersion the watcher knew, if any
 * @param observedAt when the watcher saw the deletion
 */
public record DeploymentDeleted(
    @JsonProperty(required = true) int schemaVersion,
    AppKey app,
    String uid,
    String resourceVersion,
    Instant observedAt)
    implements DeploymentEvent {

  public static final int SCHEMA_VERSION = 1;

  public DeploymentDeleted {
    Checks.schemaVersion(schemaVersion, SCHEMA_VERSION, "DeploymentDeleted");
    Checks.required(app, "app");
    Checks.requiredText(uid, "uid");
    Checks.optionalText(resourceVersion, "resourceVersion");
    Checks.required(observedAt, "observedAt");
  }

  public static DeploymentDeleted of(
      AppKey app, String uid, String resourceVersion, Instant observedAt) {
    return new DeploymentDeleted(SCHEMA_VERSION, app, uid, resourceVersion, observedAt);
  }

  @Override
  public String cluster() {
    return app.cluster();
  }
}
