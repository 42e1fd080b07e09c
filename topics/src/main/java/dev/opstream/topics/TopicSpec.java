package dev.opstream.topics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How one topic must look on the broker.
 *
 * @param name the topic's name
 * @param partitions the partition count (never changed once created: keys would move)
 * @param replicationFactor replicas per partition
 * @param cleanupPolicy delete or compact
 * @param retentionMs {@code retention.ms} for delete topics, -1 to keep forever; ignored for
 *     compacted topics
 * @param minInsyncReplicas {@code min.insync.replicas}
 */
public record TopicSpec(
    String name,
    int partitions,
    short replicationFactor,
    CleanupPolicy cleanupPolicy,
    long retentionMs,
    int minInsyncReplicas) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    if (partitions < 1 || replicationFactor < 1) {
      throw new IllegalArgumentException(name + ": partitions and replication factor must be >= 1");
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          name + ": min.insync.replicas must be between 1 and the replication factor");
    }
    if (retentionMs < -1 || retentionMs == 0) {
      throw new IllegalArgumentException(name + ": retention.ms must be -1 or positive");
    }
  }

  /** The topic configs opstream owns and keeps in line: only these are compared and fixed. */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
    if (cleanupPolicy == CleanupPolicy.DELETE) {
      configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
    }
    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
    return Collections.unmodifiableMap(configs);
  }
}
