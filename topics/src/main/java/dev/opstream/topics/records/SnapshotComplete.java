package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Written by a watcher after every (re)list to every partition of {@code opstream.deployments}: one
 * chunk of the keys that partition holds for this watcher's scope. The planner may infer a deletion
 * only for a key inside {@code scope} that no chunk of the snapshot lists, and only once it has all
 * {@code chunkCount} chunks of {@code snapshotId} for the partition.
 *
 * <p>Its Kafka key is null: it describes a partition, not an app, and is produced to an explicit
 * partition.
 *
 * @param snapshotId the same for every chunk of every partition of one (re)list
 * @param cluster the watcher's cluster
 * @param scope the namespaces the watcher lists
 * @param partition the partition this record was written to and whose keys it lists
 * @param chunkIndex 0-based index of this chunk
 * @param chunkCount how many chunks this partition's key list was split into (at least 1)
 * @param keys this chunk's keys, all of {@code cluster} and inside {@code scope}
 * @param observedAt when the list completed
 */
public record SnapshotComplete(
    @JsonProperty(required = true) int schemaVersion,
    String snapshotId,
    String cluster,
    WatchScope scope,
    @JsonProperty(required = true) int partition,
    @JsonProperty(required = true) int chunkIndex,
    @JsonProperty(required = true) int chunkCount,
    List<AppKey> keys,
    Instant observedAt)
    implements DeploymentEvent {

  public static final int SCHEMA_VERSION = 1;

  /** Default bound on the key text in one chunk, far below Kafka's 1 MB default record limit. */
  public static final int DEFAULT_MAX_CHUNK_BYTES = 256 * 1024;

  public SnapshotComplete {
    Checks.schemaVersion(schemaVersion, SCHEMA_VERSION, "SnapshotComplete");
    Checks.requiredText(snapshotId, "snapshotId");
    Checks.requiredText(cluster, "cluster");
    Checks.required(scope, "scope");
    Checks.atLeast(partition, 0, "partition");
    Checks.atLeast(chunkCount, 1, "chunkCount");
    Checks.atLeast(chunkIndex, 0, "chunkIndex");
    if (chunkIndex >= chunkCount) {
      throw Checks.invalid("chunkIndex", chunkIndex + " is not below chunkCount " + chunkCount);
    }
    keys = Checks.listOrEmpty(keys, "keys");
    for (AppKey key : keys) {
      if (!key.cluster().equals(cluster) || !scope.covers(key)) {
        throw Checks.invalid("keys", key + " is outside cluster " + cluster + " and " + scope);
      }
    }
    Checks.required(observedAt, "observedAt");
  }

  /**
   * Splits one partition's keys into chunks of at most {@code maxChunkBytes} of key text each
   * (always at least one chunk, so an empty partition still reports that it holds nothing).
   */
  public static List<SnapshotComplete> chunks(
      String snapshotId,
      String cluster,
      WatchScope scope,
      int partition,
      Collection<AppKey> keys,
      int maxChunkBytes,
      Instant observedAt) {
    List<List<AppKey>> groups = new ArrayList<>();
    List<AppKey> current = new ArrayList<>();
    int bytes = 0;
    for (AppKey key : keys.stream().sorted().toList()) {
      int size = key.toString().length() + 3; // quotes and comma in the JSON array
      if (!current.isEmpty() && bytes + size > maxChunkBytes) {
        groups.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(key);
      bytes += size;
    }
    groups.add(current);
    List<SnapshotComplete> chunks = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      chunks.add(
          new SnapshotComplete(
              SCHEMA_VERSION,
              snapshotId,
              cluster,
              scope,
              partition,
              i,
              groups.size(),
              groups.get(i),
              observedAt));
    }
    return List.copyOf(chunks);
  }
}
