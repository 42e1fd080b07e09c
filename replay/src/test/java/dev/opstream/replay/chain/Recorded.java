package dev.opstream.replay.chain;

import dev.opstream.topics.Topic;
import dev.opstream.topics.cloudevents.CloudEvent;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Raw records as a consumer would read them, for the chain builder's tests. */
final class Recorded {

  private long offset;

  /** A record of {@code topic} with {@code ce_id} {@code id} (null: no CloudEvents headers). */
  <K, V> ConsumerRecord<byte[], byte[]> of(
      Topic<K, V> topic, K key, V value, String id, Instant at) {
    RecordHeaders headers = new RecordHeaders();
    if (id != null) {
      CloudEventHeaders.write(headers, CloudEvent.of(id, "test", "test", at));
    }
    byte[] keyBytes =
        key == null ? null : topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes =
        value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
    return raw(topic.name(), keyBytes, valueBytes, headers, at);
  }

  ConsumerRecord<byte[], byte[]> raw(
      String topic, byte[] key, byte[] value, RecordHeaders headers, Instant at) {
    return new ConsumerRecord<>(
        topic,
        0,
        offset++,
        at.toEpochMilli(),
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length,
        value == null ? -1 : value.length,
        key,
        value,
        headers,
        Optional.empty());
  }
}
