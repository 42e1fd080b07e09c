package dev.opstream.topics.serde;

import dev.opstream.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds records for {@code opstream.dlq}: the original key and value bytes, untouched, the
 * original headers, and headers saying why and where the record failed. A reader gets them back
 * with {@link #read(Headers)}.
 */
public final class DeadLetter {

  public static final String REASON = "opstream_dlq_reason";
  public static final String MESSAGE = "opstream_dlq_message";
  public static final String TOPIC = "opstream_dlq_topic";
  public static final String PARTITION = "opstream_dlq_partition";
  public static final String OFFSET = "opstream_dlq_offset";
  public static final String STAGE = "opstream_dlq_stage";

  private static final String PREFIX = "opstream_dlq_";
  private static final int MAX_MESSAGE_LENGTH = 2000;

  /**
   * What a dead-letter record says about its origin.
   *
   * @param reason why it failed, e.g. a {@link RecordReadException.Reason} name
   * @param message the details
   * @param topic the topic it was read from
   * @param partition its partition there, if known
   * @param offset its offset there, if known
   * @param stage the stage that gave up on it, e.g. {@code planner}
   */
  public record Info(
      String reason, String message, String topic, Integer partition, Long offset, String stage) {}

  private DeadLetter() {}

  /** The dead-letter record for a raw record that could not be read. */
  public static ProducerRecord<byte[], byte[]> of(
      ConsumerRecord<byte[], byte[]> raw, RecordReadException error, String stage) {
    return of(
        new Info(
            error.reason().name(),
            error.detail(),
            raw.topic(),
            raw.partition(),
            raw.offset(),
            stage),
        raw.key(),
        raw.value(),
        raw.headers());
  }

  /**
   * The dead-letter record for any record a stage gave up on (also usable from a Kafka Streams
   * exception handler, which has the raw bytes).
   */
  public static ProducerRecord<byte[], byte[]> of(
      Info info, byte[] key, byte[] value, Headers originalHeaders) {
    RecordHeaders headers = new RecordHeaders();
    if (originalHeaders != null) {
      for (Header header : originalHeaders) {
        if (!header.key().startsWith(PREFIX)) {
          headers.add(header);
        }
      }
    }
    put(headers, REASON, info.reason());
    put(headers, MESSAGE, truncate(info.message()));
    put(headers, TOPIC, info.topic());
    put(headers, PARTITION, info.partition() == null ? null : info.partition().toString());
    put(headers, OFFSET, info.offset() == null ? null : info.offset().toString());
    put(headers, STAGE, info.stage());
    return new ProducerRecord<>(Topics.DLQ.name(), null, null, key, value, headers);
  }

  /** The origin a dead-letter record names, or empty when it has no reason header. */
  public static Optional<Info> read(Headers headers) {
    String reason = text(headers, REASON);
    if (reason == null) {
      return Optional.empty();
    }
    String partition = text(headers, PARTITION);
    String offset = text(headers, OFFSET);
    return Optional.of(
        new Info(
            reason,
            text(headers, MESSAGE),
            text(headers, TOPIC),
            parseOrNull(partition, Integer::valueOf),
            parseOrNull(offset, Long::valueOf),
            text(headers, STAGE)));
  }

  private static void put(Headers headers, String key, String value) {
    if (value != null) {
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String text(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static <T> T parseOrNull(String text, Function<String, T> parser) {
    try {
      return text == null ? null : parser.apply(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String truncate(String message) {
    if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }
}
