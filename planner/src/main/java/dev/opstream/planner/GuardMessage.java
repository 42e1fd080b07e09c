package dev.opstream.planner;

import java.time.Instant;
import java.util.Objects;

/**
 * What the planner's tasks tell each other on the deletion-guard topic ({@link
 * PlannerTopology#guardTopic}), keyed by cluster: each partition's count of a snapshot, or the
 * verdict on the whole scope (exactly one of the two). Only planners read these records.
 *
 * @param tally a partition's count, or null
 * @param verdict the verdict on the scope, or null
 */
record GuardMessage(PartitionTally tally, ScopeVerdict verdict) {

  static final int SCHEMA_VERSION = 1;

  GuardMessage {
    if ((tally == null) == (verdict == null)) {
      throw new IllegalArgumentException("a guard message holds a tally or a verdict");
    }
  }

  static GuardMessage of(PartitionTally tally) {
    return new GuardMessage(tally, null);
  }

  static GuardMessage of(ScopeVerdict verdict) {
    return new GuardMessage(null, verdict);
  }

  /**
   * One partition's count of a complete snapshot, sent to the task that counts the cluster's.
   *
   * @param listedAt when the snapshot's list completed
   * @param partition the partition of {@code opstream.deployments} counted
   * @param partitionCount how many partitions {@code opstream.deployments} has
   * @param inScope the scope's present apps the partition holds
   * @param missing how many of them the snapshot no longer lists
   */
  record PartitionTally(
      int schemaVersion,
      String cluster,
      String snapshotId,
      Instant listedAt,
      int partition,
      int partitionCount,
      int inScope,
      int missing) {
    public PartitionTally {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(snapshotId, "snapshotId");
      Objects.requireNonNull(listedAt, "listedAt");
    }
  }

  /**
   * The verdict on a snapshot's whole scope, sent to every partition.
   *
   * @param hold whether the candidates stay held (true) or are deleted
   * @param inScope the scope's present apps, in all partitions
   * @param missing how many of them the snapshot no longer lists
   * @param message the reason, in words
   */
  record ScopeVerdict(
      int schemaVersion,
      String cluster,
      String snapshotId,
      boolean hold,
      int inScope,
      int missing,
      String message) {
    public ScopeVerdict {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(snapshotId, "snapshotId");
      Objects.requireNonNull(message, "message");
    }
  }
}
