package dev.opstream.planner;

import dev.opstream.topics.serde.DeadLetter;
import dev.opstream.topics.serde.RecordReadException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record the planner cannot read to {@code opstream.dlq} (original key, value and
 * headers, plus the reason and origin in {@code opstream_dlq_*} headers) and goes on with the next
 * one. Kafka Streams produces the dead letter in the same transaction as the rest of the task's
 * output, so it is written exactly once.
 */
public final class PlannerDeadLetters implements DeserializationExceptionHandler {

  /** The stage named in the dead letters' {@code opstream_dlq_stage} header. */
  public static final String STAGE = "planner";

  private static final Logger LOG = LoggerFactory.getLogger(PlannerDeadLetters.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    RecordReadException read = readException(exception);
    String reason = read == null ? "UNREADABLE" : read.reason().name();
    String message = read == null ? String.valueOf(exception.getMessage()) : read.detail();
    LOG.warn(
        "Unreadable record at {}-{}@{} goes to the dead-letter topic: {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason,
        message);
    DeadLetter.Info info =
        new DeadLetter.Info(
            reason, message, record.topic(), record.partition(), record.offset(), STAGE);
    return Response.resume(
        List.of(DeadLetter.of(info, record.key(), record.value(), record.headers())));
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  private static RecordReadException readException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RecordReadException read) {
        return read;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
