package dev.opstream.replay.chain;

import dev.opstream.replay.AppSelector;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.serde.Decoded;
import dev.opstream.topics.serde.SafeDeserializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a raw record of any opstream topic with that topic's serdes, never throwing; records of
 * apps that are not selected are skipped before their value is read.
 */
final class RecordDecoder {

  sealed interface Read {}

  /** A record of a selected app (key null for a snapshot; value null for a tombstone). */
  record Value(AppKey key, Object value) implements Read {}

  /** Not about a selected app, or of a topic replay does not read. */
  record Skipped() implements Read {}

  /** Could not be read. */
  record Unreadable(String why) implements Read {}

  private static final Skipped SKIPPED = new Skipped();

  private final Map<String, SafeDeserializer<AppKey, ?>> byTopic = new HashMap<>();
  private final Deserializer<AppKey> keys = Topics.DEPLOYMENTS.keySerde().deserializer();

  RecordDecoder() {
    for (Topic<?, ?> topic : Topics.all()) {
      if (topic != Topics.DLQ && topic != Topics.STATUS) {
        @SuppressWarnings("unchecked")
        Topic<AppKey, ?> keyed = (Topic<AppKey, ?>) topic;
        byTopic.put(topic.name(), SafeDeserializer.of(keyed));
      }
    }
  }

  Read read(ConsumerRecord<byte[], byte[]> raw, AppSelector selector) {
    SafeDeserializer<AppKey, ?> decoder = byTopic.get(raw.topic());
    if (decoder == null) {
      return SKIPPED;
    }
    if (raw.key() != null) {
      AppKey key;
      try {
        key = keys.deserialize(raw.topic(), raw.key());
      } catch (RuntimeException e) {
        return new Unreadable("key: " + e.getMessage());
      }
      if (!selector.selects(key)) {
        return SKIPPED;
      }
    }
    Decoded<AppKey, ?> decoded = decoder.decode(raw);
    if (decoded instanceof Decoded.Failure<AppKey, ?> failure) {
      return new Unreadable(failure.error().getMessage());
    }
    Decoded.Value<AppKey, ?> value = (Decoded.Value<AppKey, ?>) decoded;
    if (value.key() == null) {
      return value.value() instanceof SnapshotComplete snapshot
              && selector.selectsCluster(snapshot.cluster())
          ? new Value(null, snapshot)
          : SKIPPED;
    }
    return new Value(value.key(), value.value());
  }
}
