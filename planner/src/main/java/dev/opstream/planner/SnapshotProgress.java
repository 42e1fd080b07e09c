package dev.opstream.planner;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The chunks of one snapshot received so far for one cluster in this partition, kept in the {@code
 * planner-snapshots} store until all have arrived.
 *
 * @param snapshotId the snapshot
 * @param scope its watch scope
 * @param chunkCount how many chunks it has
 * @param observedAt when its list completed
 * @param received the indexes of the chunks received, sorted
 * @param keys the keys listed so far, sorted
 */
record SnapshotProgress(
    String snapshotId,
    WatchScope scope,
    int chunkCount,
    Instant observedAt,
    List<Integer> received,
    List<AppKey> keys) {

  SnapshotProgress {
    received = List.copyOf(received);
    keys = List.copyOf(keys);
  }

  static SnapshotProgress start(SnapshotComplete chunk) {
    return new SnapshotProgress(
        chunk.snapshotId(),
        chunk.scope(),
        chunk.chunkCount(),
        chunk.observedAt(),
        List.of(),
        List.of());
  }

  /** With {@code chunk} added (a chunk received twice counts once). */
  SnapshotProgress with(SnapshotComplete chunk) {
    if (received.contains(chunk.chunkIndex())) {
      return this;
    }
    TreeSet<Integer> indexes = new TreeSet<>(received);
    indexes.add(chunk.chunkIndex());
    TreeSet<AppKey> listed = new TreeSet<>(keys);
    listed.addAll(chunk.keys());
    return new SnapshotProgress(
        snapshotId, scope, chunkCount, observedAt, List.copyOf(indexes), List.copyOf(listed));
  }

  boolean complete() {
    return received.size() == chunkCount;
  }
}
