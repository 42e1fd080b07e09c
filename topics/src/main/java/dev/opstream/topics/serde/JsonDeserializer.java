package dev.opstream.topics.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.opstream.topics.records.RecordValidationException;
import dev.opstream.topics.serde.RecordReadException.Reason;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads JSON values of one type. Null bytes (a tombstone) read as null. Anything else that cannot
 * be read throws a {@link RecordReadException} with a {@link Reason}; it never returns a partly
 * filled value.
 */
public final class JsonDeserializer<T> implements Deserializer<T> {

  private final ObjectMapper mapper;
  private final Class<T> type;
  private final VersionGate gate;

  JsonDeserializer(ObjectMapper mapper, Class<T> type) {
    this.mapper = mapper;
    this.type = type;
    this.gate = VersionGate.forType(type);
  }

  /**
   * @throws RecordReadException when {@code data} is not a readable {@code T}
   */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    JsonNode node;
    try {
      node = mapper.readTree(data);
    } catch (IOException e) {
      throw new RecordReadException(Reason.NOT_JSON, topic, originalMessage(e), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new RecordReadException(Reason.NOT_JSON, topic, "no content", null);
    }
    if (!node.isObject()) {
      throw new RecordReadException(
          Reason.NOT_JSON, topic, "expected a JSON object, found " + node.getNodeType(), null);
    }
    gate.check(node, topic);
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw classify(topic, e);
    }
  }

  private RecordReadException classify(String topic, Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RecordValidationException invalid) {
        Reason reason =
            switch (invalid.problem()) {
              case MISSING_FIELD -> Reason.MISSING_FIELD;
              case INVALID_VALUE -> Reason.INVALID_VALUE;
              case UNSUPPORTED_SCHEMA_VERSION -> Reason.UNKNOWN_SCHEMA_VERSION;
            };
        return new RecordReadException(reason, topic, invalid.getMessage() + where(e), e);
      }
    }
    if (e instanceof InvalidTypeIdException invalidType) {
      Reason reason = invalidType.getTypeId() == null ? Reason.MISSING_FIELD : Reason.UNKNOWN_TYPE;
      return new RecordReadException(reason, topic, originalMessage(e) + where(e), e);
    }
    if (e instanceof MismatchedInputException mismatch && isAbsentOrNull(mismatch)) {
      return new RecordReadException(Reason.MISSING_FIELD, topic, originalMessage(e) + where(e), e);
    }
    return new RecordReadException(Reason.INVALID_VALUE, topic, originalMessage(e) + where(e), e);
  }

  /** Jackson reports an absent required property or a null number only in the message. */
  private static boolean isAbsentOrNull(MismatchedInputException e) {
    String message = originalMessage(e);
    return message.startsWith("Missing required creator property")
        || message.startsWith("Cannot map `null` into type");
  }

  private static String where(Exception e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path =
          mapping.getPath().stream()
              .map(
                  reference ->
                      reference.getFieldName() != null
                          ? reference.getFieldName()
                          : "[" + reference.getIndex() + "]")
              .collect(Collectors.joining("."));
      return " (at " + path + ")";
    }
    return "";
  }

  private static String originalMessage(Exception e) {
    String message =
        e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
