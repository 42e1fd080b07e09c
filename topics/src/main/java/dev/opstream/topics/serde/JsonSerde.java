package dev.opstream.topics.serde;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one serde for every opstream record type: JSON written and read with {@link Json}'s
 * configuration. Its deserializer throws {@link RecordReadException}; it is stateless and ignores
 * {@code configure}.
 *
 * @param <T> a record type, or a sealed family such as {@code Action} (the JSON then carries a
 *     {@code type} property)
 */
public final class JsonSerde<T> implements Serde<T> {

  private final JsonSerializer<T> serializer;
  private final JsonDeserializer<T> deserializer;

  private JsonSerde(Class<T> type) {
    JsonMapper mapper = Json.newMapper();
    this.serializer = new JsonSerializer<>(mapper.writerFor(type));
    this.deserializer = new JsonDeserializer<>(mapper, type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
