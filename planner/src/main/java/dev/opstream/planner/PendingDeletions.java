package dev.opstream.planner;

import dev.opstream.topics.records.AppKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The apps of one partition that a complete snapshot no longer lists, waiting for the verdict on
 * the snapshot's whole scope; kept per cluster in the {@code planner-pending-deletions} store. A
 * newer snapshot of the cluster replaces them.
 *
 * @param snapshotId the snapshot
 * @param listedAt when its list completed
 * @param candidates the apps it no longer lists, sorted
 * @param causedBy the CloudEvents id of the snapshot's last chunk (the cause of any deletion)
 */
record PendingDeletions(
    String snapshotId, Instant listedAt, List<AppKey> candidates, String causedBy) {

  PendingDeletions {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(listedAt, "listedAt");
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(causedBy, "causedBy");
  }
}
