package dev.opstream.watcher.publish;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of {@code opstream.deployments} an app's records land on, computed exactly as
 * Kafka's default partitioner does for a keyed record: murmur2 of the serialised key, made
 * positive, modulo the partition count. Snapshot markers use it to list each partition's keys.
 */
public final class KeyPartitioner {

  private static final Serializer<AppKey> KEYS = Topics.DEPLOYMENTS.keySerde().serializer();

  private KeyPartitioner() {}

  /** The partition of {@code app} among {@code partitions}. */
  public static int partition(AppKey app, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
    }
    byte[] bytes = KEYS.serialize(Topics.DEPLOYMENTS.name(), app);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }
}
