package dev.opstream.watcher.publish;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.SnapshotComplete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code SnapshotComplete} records of one snapshot: for every partition (also those holding
 * none of the keys), that partition's keys in chunks.
 */
public final class SnapshotMarkers {

  private SnapshotMarkers() {}

  /** Every partition's markers, partition by partition. */
  public static List<SnapshotComplete> of(
      Publication.Snapshot snapshot, int partitions, int maxChunkBytes) {
    Map<Integer, List<AppKey>> byPartition = new TreeMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      byPartition.put(partition, new ArrayList<>());
    }
    for (AppKey key : new TreeSet<>(snapshot.keys())) {
      byPartition.get(KeyPartitioner.partition(key, partitions)).add(key);
    }
    List<SnapshotComplete> markers = new ArrayList<>();
    byPartition.forEach(
        (partition, keys) ->
            markers.addAll(
                SnapshotComplete.chunks(
                    snapshot.snapshotId(),
                    snapshot.cluster(),
                    snapshot.scope(),
                    partition,
                    keys,
                    maxChunkBytes,
                    snapshot.observedAt())));
    return markers;
  }
}
