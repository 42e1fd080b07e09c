package dev.opstream.watcher.publish;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.Set;

/** Something the watcher decided to publish to {@code opstream.deployments}. */
public sealed interface Publication {

  /** The cluster it is about. */
  String cluster();

  /** When the watcher saw what it publishes (the start of the publish latency). */
  Instant observedAt();

  /** One app's publication: its records keep their order on the app's partition. */
  sealed interface ForApp extends Publication {
    AppKey app();
  }

  /** A Deployment's whole relevant state: one {@code DeploymentObserved} record. */
  record Observed(DeploymentObserved record) implements ForApp {
    @Override
    public AppKey app() {
      return record.app();
    }

    @Override
    public String cluster() {
      return record.cluster();
    }

    @Override
    public Instant observedAt() {
      return record.observedAt();
    }
  }

  /** A Deployment deleted: a {@code DeploymentDeleted} marker, then a tombstone. */
  record Deleted(DeploymentDeleted record) implements ForApp {
    @Override
    public AppKey app() {
      return record.app();
    }

    @Override
    public String cluster() {
      return record.cluster();
    }

    @Override
    public Instant observedAt() {
      return record.observedAt();
    }
  }

  /**
   * A (re)list completed: {@code SnapshotComplete} markers on every partition, each listing that
   * partition's share of {@code keys}.
   */
  record Snapshot(
      String snapshotId, String cluster, WatchScope scope, Set<AppKey> keys, Instant observedAt)
      implements Publication {
    public Snapshot {
      keys = Set.copyOf(keys);
    }
  }
}
