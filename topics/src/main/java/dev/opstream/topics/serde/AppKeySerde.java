package dev.opstream.topics.serde;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.serde.RecordReadException.Reason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key serde of every app-keyed topic: the UTF-8 text {@code cluster/namespace/name}, so stock
 * tools show keys as they are. A key that is not an app key reads as a {@link RecordReadException}
 * with {@link Reason#INVALID_KEY}.
 */
public final class AppKeySerde implements Serde<AppKey> {

  private final Serializer<AppKey> serializer =
      (topic, key) -> key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8);

  private final Deserializer<AppKey> deserializer =
      (topic, data) -> {
        if (data == null) {
          return null;
        }
        try {
          return AppKey.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new RecordReadException(Reason.INVALID_KEY, topic, e.getMessage(), e);
        }
      };

  @Override
  public Serializer<AppKey> serializer() {
    return serializer;
  }

  /** Throws {@link RecordReadException} ({@link Reason#INVALID_KEY}) for bytes not an app key. */
  @Override
  public Deserializer<AppKey> deserializer() {
    return deserializer;
  }
}
