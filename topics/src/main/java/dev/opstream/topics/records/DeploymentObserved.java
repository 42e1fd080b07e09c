package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * The whole opstream-relevant state of a Deployment as the watcher saw it: level-based, never a
 * diff. Published when a relevant field changes, and for every Deployment again after each
 * (re)list.
 *
 * @param app the Deployment's identity
 * @param uid the Deployment's {@code metadata.uid}: a re-created Deployment is a new app instance
 * @param resourceVersion the Deployment's {@code metadata.resourceVersion}
 * @param generation the Deployment's {@code metadata.generation} (does not change when only an
 *     annotation changes)
 * @param annotations the {@code opstream.dev/*} annotations only, sorted by name
 * @param labels all labels, sorted by name
 * @param observedAt when the watcher saw this state
 */
public record DeploymentObserved(
    @JsonProperty(required = true) int schemaVersion,
    AppKey app,
    String uid,
    String resourceVersion,
    @JsonProperty(required = true) long generation,
    Map<String, String> annotations,
    Map<String, String> labels,
    Instant observedAt)
    implements DeploymentEvent {

  public static final int SCHEMA_VERSION = 1;

  public DeploymentObserved {
    Checks.schemaVersion(schemaVersion, SCHEMA_VERSION, "DeploymentObserved");
    Checks.required(app, "app");
    Checks.requiredText(uid, "uid");
    Checks.requiredText(resourceVersion, "resourceVersion");
    Checks.atLeast(generation, 0L, "generation");
    annotations = Checks.sortedMapOrEmpty(annotations, "annotations");
    for (String annotation : annotations.keySet()) {
      if (!annotation.startsWith(Annotations.PREFIX)) {
        throw Checks.invalid(
            "annotations",
            "only " + Annotations.PREFIX + "* annotations belong here, found '" + annotation + "'");
      }
    }
    labels = Checks.sortedMapOrEmpty(labels, "labels");
    Checks.required(observedAt, "observedAt");
  }

  /**
   * The current schema version's record; {@code annotations} may hold all of the Deployment's
   * annotations, only the {@code opstream.dev/*} ones are kept.
   */
  public static DeploymentObserved of(
      AppKey app,
      String uid,
      String resourceVersion,
      long generation,
      Map<String, String> annotations,
      Map<String, String> labels,
      Instant observedAt) {
    return new DeploymentObserved(
        SCHEMA_VERSION,
        app,
        uid,
        resourceVersion,
        generation,
        Annotations.opstreamOnly(annotations),
        labels,
        observedAt);
  }

  @Override
  public String cluster() {
    return app.cluster();
  }
}
