package dev.opstream.topics.serde;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record on a topic could not be read. Thrown by opstream's deserializers so that Kafka Streams'
 * {@code DeserializationExceptionHandler} and plain consumers can route the record to {@code
 * opstream.dlq} (see {@link DeadLetter}) instead of stopping; {@link SafeDeserializer} returns it
 * instead of throwing. Reading the same bytes again always fails the same way: it is never
 * retryable.
 */
public final class RecordReadException extends SerializationException {

  /** Why a record could not be read. */
  public enum Reason {
    /** The bytes are not a JSON object (garbage, empty, truncated, duplicate keys, ...). */
    NOT_JSON,
    /** The record's {@code schemaVersion} is newer than this code knows. */
    UNKNOWN_SCHEMA_VERSION,
    /** A required field (including {@code schemaVersion} or the {@code type}) is absent or null. */
    MISSING_FIELD,
    /** The {@code type} names no record type this code knows. */
    UNKNOWN_TYPE,
    /** A field has a value of the wrong shape or one the record type does not accept. */
    INVALID_VALUE,
    /** The record's key is not an app key {@code cluster/namespace/name}. */
    INVALID_KEY
  }

  private final Reason reason;
  private final String detail;
  private final String topic;
  private final Integer partition;
  private final Long offset;

  public RecordReadException(Reason reason, String topic, String detail, Throwable cause) {
    this(reason, topic, null, null, detail, cause);
  }

  private RecordReadException(
      Reason reason, String topic, Integer partition, Long offset, String detail, Throwable cause) {
    super(message(reason, topic, partition, offset, detail), cause);
    this.reason = reason;
    this.detail = detail;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  /** The same error, located at {@code partition} and {@code offset} of its topic. */
  public RecordReadException at(String topic, int partition, long offset) {
    return new RecordReadException(reason, topic, partition, offset, detail, getCause());
  }

  public Reason reason() {
    return reason;
  }

  /** What is wrong, without the location. */
  public String detail() {
    return detail;
  }

  public Optional<String> topic() {
    return Optional.ofNullable(topic);
  }

  public OptionalInt partition() {
    return partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
  }

  public OptionalLong offset() {
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  private static String message(
      Reason reason, String topic, Integer partition, Long offset, String detail) {
    StringBuilder text = new StringBuilder().append(reason);
    if (topic != null) {
      text.append(" in ").append(topic);
      if (partition != null) {
        text.append('-').append(partition);
      }
      if (offset != null) {
        text.append('@').append(offset);
      }
    }
    return text.append(": ").append(detail).toString();
  }
}
