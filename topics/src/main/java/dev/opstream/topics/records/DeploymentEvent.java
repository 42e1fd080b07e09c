package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value on {@code opstream.deployments}: what a watcher saw. The JSON carries its concrete type
 * in the {@code type} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DeploymentObserved.class, name = "DeploymentObserved"),
  @JsonSubTypes.Type(value = DeploymentDeleted.class, name = "DeploymentDeleted"),
  @JsonSubTypes.Type(value = SnapshotComplete.class, name = "SnapshotComplete")
})
public sealed interface DeploymentEvent extends VersionedRecord
    permits DeploymentObserved, DeploymentDeleted, SnapshotComplete {

  /** The cluster the watcher that wrote this record watches. */
  String cluster();
}
