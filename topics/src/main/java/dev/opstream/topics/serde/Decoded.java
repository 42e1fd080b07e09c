package dev.opstream.topics.serde;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A consumed record, either read ({@link Value}) or not readable ({@link Failure}), together with
 * the raw record it came from. Returned by {@link SafeDeserializer}, which never throws.
 */
public sealed interface Decoded<K, V> {

  /** The record as it was on the topic. */
  ConsumerRecord<byte[], byte[]> raw();

  /** A record that was read; {@code value} is null for a tombstone. */
  record Value<K, V>(ConsumerRecord<byte[], byte[]> raw, K key, V value) implements Decoded<K, V> {}

  /** A record that could not be read; route it with {@link #deadLetter(String)}. */
  record Failure<K, V>(ConsumerRecord<byte[], byte[]> raw, RecordReadException error)
      implements Decoded<K, V> {

    /** The record for {@code opstream.dlq}: the raw key, value and headers, plus the reason. */
    public ProducerRecord<byte[], byte[]> deadLetter(String stage) {
      return DeadLetter.of(raw, error, stage);
    }
  }
}
