package dev.opstream.topics;

import dev.opstream.topics.cloudevents.CloudEvent;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.records.RecordTypes;
import dev.opstream.topics.records.VersionedRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the records every stage produces, the same way everywhere: the record timestamp and {@code
 * ce_time} from the stage's clock, a fresh {@code ce_id}, {@code ce_type} from the value's record
 * type and schema version, and {@code ce_source} naming the stage.
 */
public final class Records {

  private Records() {}

  /** A record for {@code topic}, partitioned by its key. */
  public static <K, V extends VersionedRecord> ProducerRecord<K, V> producerRecord(
      Topic<K, V> topic, K key, V value, String source, Clock clock) {
    return producerRecord(topic, null, key, value, source, clock, UUID.randomUUID().toString());
  }

  /**
   * A record for an explicit partition of {@code topic} (null: by key), with an explicit {@code
   * ce_id} (for example one derived from the input, to make a replay produce the same ids).
   */
  public static <K, V extends VersionedRecord> ProducerRecord<K, V> producerRecord(
      Topic<K, V> topic, Integer partition, K key, V value, String source, Clock clock, String id) {
    if (value == null) {
      throw new IllegalArgumentException("use Records.tombstone for a null value on " + topic);
    }
    Instant now = clock.instant();
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(
        headers, CloudEvent.of(id, RecordTypes.cloudEventType(value), source, now));
    return new ProducerRecord<>(topic.name(), partition, now.toEpochMilli(), key, value, headers);
  }

  /**
   * A tombstone (null value) for {@code key}. It carries no CloudEvents headers: it is no event.
   */
  public static <K, V> ProducerRecord<K, V> tombstone(Topic<K, V> topic, K key, Clock clock) {
    return new ProducerRecord<K, V>(topic.name(), null, clock.millis(), key, (V) null);
  }
}
