package dev.opstream.topics.serde;

import dev.opstream.topics.Topic;
import dev.opstream.topics.serde.RecordReadException.Reason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads raw records for a plain consumer (one that consumes {@code byte[]}) without ever throwing:
 * each record becomes a {@link Decoded.Value} or a {@link Decoded.Failure} carrying a located
 * {@link RecordReadException}, so one bad record never stops the consumer.
 */
public final class SafeDeserializer<K, V> {

  private final Deserializer<K> keys;
  private final Deserializer<V> values;

  private SafeDeserializer(Deserializer<K> keys, Deserializer<V> values) {
    this.keys = keys;
    this.values = values;
  }

  /** Reads records of {@code topic} with its serdes. */
  public static <K, V> SafeDeserializer<K, V> of(Topic<K, V> topic) {
    return new SafeDeserializer<>(
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  public static <K, V> SafeDeserializer<K, V> of(Deserializer<K> keys, Deserializer<V> values) {
    return new SafeDeserializer<>(keys, values);
  }

  public Decoded<K, V> decode(ConsumerRecord<byte[], byte[]> raw) {
    K key;
    try {
      key = keys.deserialize(raw.topic(), raw.headers(), raw.key());
    } catch (RuntimeException e) {
      return failure(raw, e, Reason.INVALID_KEY);
    }
    try {
      return new Decoded.Value<>(
          raw, key, values.deserialize(raw.topic(), raw.headers(), raw.value()));
    } catch (RuntimeException e) {
      return failure(raw, e, Reason.INVALID_VALUE);
    }
  }

  private static <K, V> Decoded<K, V> failure(
      ConsumerRecord<byte[], byte[]> raw, RuntimeException e, Reason fallback) {
    RecordReadException error =
        e instanceof RecordReadException read
            ? read
            : new RecordReadException(fallback, raw.topic(), String.valueOf(e.getMessage()), e);
    return new Decoded.Failure<>(raw, error.at(raw.topic(), raw.partition(), raw.offset()));
  }
}
