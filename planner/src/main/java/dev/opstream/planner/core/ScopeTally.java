package dev.opstream.planner.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The mass-deletion guard's count of one snapshot over a whole watch scope: every partition of
 * {@code opstream.deployments} reports how many of the scope's apps it holds and how many of them
 * the snapshot no longer lists; once all have reported, the guard decides for the scope at once.
 *
 * <p>Kept per cluster (one watcher, one scope) in the {@code planner-scope-tallies} store of the
 * task that the cluster's reports are sent to. A report of an older snapshot than the one being
 * counted is ignored; one of a newer snapshot starts a new count. A partition that reports twice
 * counts once, and a decided count is never decided again.
 *
 * @param snapshotId the snapshot
 * @param listedAt when its list completed
 * @param partitionCount how many partitions must report
 * @param partitions each reporting partition's counts, by partition
 * @param decided whether the verdict was sent
 */
public record ScopeTally(
    String snapshotId,
    Instant listedAt,
    int partitionCount,
    Map<Integer, Counts> partitions,
    boolean decided) {

  /**
   * One partition's report.
   *
   * @param inScope the scope's present apps it holds
   * @param missing how many of them the snapshot no longer lists
   */
  public record Counts(int inScope, int missing) {}

  /**
   * The verdict for the scope.
   *
   * @param hold whether every partition keeps its candidates held instead of deleting them
   * @param inScope the scope's present apps, in all partitions
   * @param missing how many of them the snapshot no longer lists
   * @param message why, in words (for the held apps' status and the logs)
   */
  public record Decision(boolean hold, int inScope, int missing, String message) {}

  public ScopeTally {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(listedAt, "listedAt");
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partition count must be at least 1: " + partitionCount);
    }
    partitions = Map.copyOf(partitions);
  }

  /**
   * The count after partition {@code partition} reported {@code counts} for snapshot {@code
   * snapshotId}, starting from {@code current} (null when nothing is being counted).
   */
  public static ScopeTally fold(
      ScopeTally current,
      String snapshotId,
      Instant listedAt,
      int partitionCount,
      int partition,
      Counts counts) {
    ScopeTally base = current;
    if (current == null || !current.snapshotId.equals(snapshotId)) {
      if (current != null && listedAt.isBefore(current.listedAt)) {
        return current; // a report of an older snapshot
      }
      base = new ScopeTally(snapshotId, listedAt, partitionCount, Map.of(), false);
    }
    if (base.decided || base.partitions.containsKey(partition)) {
      return base;
    }
    TreeMap<Integer, Counts> reported = new TreeMap<>(base.partitions);
    reported.put(partition, counts);
    return new ScopeTally(snapshotId, base.listedAt, base.partitionCount, reported, false);
  }

  /** Whether every partition has reported and no verdict was sent yet. */
  public boolean readyToDecide() {
    return !decided && partitions.size() >= partitionCount;
  }

  /** The same count, marked as decided. */
  public ScopeTally asDecided() {
    return new ScopeTally(snapshotId, listedAt, partitionCount, partitions, true);
  }

  /** The guard's verdict on the whole scope of {@code cluster}'s snapshot. */
  public Decision decide(String cluster, DeletionGuard guard) {
    int inScope = 0;
    int missing = 0;
    for (Counts counts : partitions.values()) {
      inScope += counts.inScope();
      missing += counts.missing();
    }
    String counted =
        "snapshot "
            + snapshotId
            + " of cluster "
            + cluster
            + " no longer lists "
            + missing
            + " of the "
            + inScope
            + " apps it covers (counted over all "
            + partitions.size()
            + " partitions)";
    if (guard.holds(missing, inScope)) {
      return new Decision(
          true,
          inScope,
          missing,
          counted
              + ", more than the allowed share of "
              + Math.round(guard.maxShare() * 100)
              + "%: their deletion is held (check the watcher's namespaces and RBAC); a deletion"
              + " marker or a later snapshot within the limit lets it proceed");
    }
    return new Decision(
        false,
        inScope,
        missing,
        counted + ", within the allowed share of " + Math.round(guard.maxShare() * 100) + "%");
  }
}
