package dev.opstream.topics;

import java.time.Duration;
import java.util.Map;

/**
 * The settings of {@link TopicCatalogue} that differ between installations.
 *
 * <p>Every app-keyed topic gets the same partition count, so the planner's inputs are
 * co-partitioned. The audit topics (deployments, actions, results, timers) keep records forever by
 * default ({@code auditRetentionDays = -1}): replay rebuilds each app's history from them, and they
 * grow slowly (a few records per change and per re-list). Set a number of days to bound them.
 *
 * @param partitions partitions of every topic (the ceiling of each stage's parallelism)
 * @param replicationFactor replicas per partition
 * @param minInsyncReplicas {@code min.insync.replicas}, at most {@code replicationFactor}
 * @param auditRetentionDays retention of the audit topics in days, -1 for forever
 * @param dlqRetentionDays retention of {@code opstream.dlq} in days, -1 for forever
 */
public record CatalogueConfig(
    int partitions,
    short replicationFactor,
    int minInsyncReplicas,
    int auditRetentionDays,
    int dlqRetentionDays) {

  public static final String ENV_PARTITIONS = "OPSTREAM_TOPICS_PARTITIONS";
  public static final String ENV_REPLICATION_FACTOR = "OPSTREAM_TOPICS_REPLICATION_FACTOR";
  public static final String ENV_MIN_INSYNC_REPLICAS = "OPSTREAM_TOPICS_MIN_INSYNC_REPLICAS";
  public static final String ENV_AUDIT_RETENTION_DAYS = "OPSTREAM_TOPICS_AUDIT_RETENTION_DAYS";
  public static final String ENV_DLQ_RETENTION_DAYS = "OPSTREAM_TOPICS_DLQ_RETENTION_DAYS";

  public CatalogueConfig {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replication factor must be at least 1, was " + replicationFactor);
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "min.insync.replicas must be between 1 and the replication factor "
              + replicationFactor
              + ", was "
              + minInsyncReplicas);
    }
    checkDays(auditRetentionDays, "audit retention days");
    checkDays(dlqRetentionDays, "dlq retention days");
  }

  /** 12 partitions, 3 replicas, min ISR 2, audit kept forever, DLQ kept 30 days. */
  public static CatalogueConfig production() {
    return new CatalogueConfig(12, (short) 3, 2, -1, 30);
  }

  /** The one-broker local stack: as {@link #production()} but 1 replica and min ISR 1. */
  public static CatalogueConfig local() {
    return new CatalogueConfig(12, (short) 1, 1, -1, 30);
  }

  /**
   * {@link #production()} with the {@code OPSTREAM_TOPICS_*} variables that are set applied. When
   * the replication factor is set but min ISR is not, min ISR is one less than it (at least 1).
   *
   * @throws IllegalArgumentException naming the variable whose value is not a valid number
   */
  public static CatalogueConfig fromEnv(Map<String, String> env) {
    CatalogueConfig defaults = production();
    short replicationFactor =
        (short) intOr(env, ENV_REPLICATION_FACTOR, defaults.replicationFactor());
    int minIsrDefault =
        env.containsKey(ENV_REPLICATION_FACTOR)
            ? Math.max(1, replicationFactor - 1)
            : defaults.minInsyncReplicas();
    return new CatalogueConfig(
        intOr(env, ENV_PARTITIONS, defaults.partitions()),
        replicationFactor,
        intOr(env, ENV_MIN_INSYNC_REPLICAS, minIsrDefault),
        intOr(env, ENV_AUDIT_RETENTION_DAYS, defaults.auditRetentionDays()),
        intOr(env, ENV_DLQ_RETENTION_DAYS, defaults.dlqRetentionDays()));
  }

  /** {@code retention.ms} of the audit topics. */
  public long auditRetentionMs() {
    return retentionMs(auditRetentionDays);
  }

  /** {@code retention.ms} of the dead-letter topic. */
  public long dlqRetentionMs() {
    return retentionMs(dlqRetentionDays);
  }

  private static long retentionMs(int days) {
    return days == -1 ? -1L : Duration.ofDays(days).toMillis();
  }

  private static void checkDays(int days, String what) {
    if (days != -1 && days < 1) {
      throw new IllegalArgumentException(what + " must be -1 (forever) or at least 1, was " + days);
    }
  }

  private static int intOr(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
    }
  }
}
