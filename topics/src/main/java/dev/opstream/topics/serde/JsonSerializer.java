package dev.opstream.topics.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes values of one type as JSON; null (a tombstone) stays null. */
public final class JsonSerializer<T> implements Serializer<T> {

  private final ObjectWriter writer;

  JsonSerializer(ObjectWriter writer) {
    this.writer = writer;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw new SerializationException("cannot write " + data.getClass().getName() + " to JSON", e);
    }
  }
}
