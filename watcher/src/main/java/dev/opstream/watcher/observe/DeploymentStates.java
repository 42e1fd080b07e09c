package dev.opstream.watcher.observe;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentObserved;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;

/** Turns a fabric8 {@link Deployment} into the record opstream publishes about it. */
public final class DeploymentStates {

  private DeploymentStates() {}

  /** The app key of a Deployment in {@code cluster}. */
  public static AppKey key(String cluster, Deployment deployment) {
    ObjectMeta meta = deployment.getMetadata();
    return new AppKey(cluster, meta.getNamespace(), meta.getName());
  }

  /** The Deployment's relevant state as seen at {@code observedAt}. */
  public static DeploymentObserved observed(
      String cluster, Deployment deployment, Instant observedAt) {
    ObjectMeta meta = deployment.getMetadata();
    Long generation = meta.getGeneration();
    return DeploymentObserved.of(
        key(cluster, deployment),
        meta.getUid(),
        meta.getResourceVersion(),
        generation == null ? 0L : generation,
        meta.getAnnotations(),
        meta.getLabels(),
        observedAt);
  }

  /** The same state, seen again at {@code observedAt} (after a relist or a resync). */
  public static DeploymentObserved seenAgain(DeploymentObserved state, Instant observedAt) {
    return new DeploymentObserved(
        state.schemaVersion(),
        state.app(),
        state.uid(),
        state.resourceVersion(),
        state.generation(),
        state.annotations(),
        state.labels(),
        observedAt);
  }
}
