package dev.opstream.replay.dlq;

import dev.opstream.topics.serde.DeadLetter;
import java.time.Instant;

/**
 * One record on {@code opstream.dlq}, with why it is there and where it came from.
 *
 * @param partition its partition on the DLQ
 * @param offset its offset on the DLQ
 * @param at when it was dead-lettered
 * @param key the original key as text (null when there was none)
 * @param eventId the original record's {@code ce_id}, if it had one
 * @param origin the reason, message, origin topic/partition/offset and the stage that gave up (null
 *     when the record has no reason headers)
 * @param valueBytes the size of the original value
 * @param valuePreview the start of the original value as text
 * @param replayedFrom where it was sent back from before, when it is itself a replayed copy that
 *     failed again
 */
public record DeadLetterEntry(
    int partition,
    long offset,
    Instant at,
    String key,
    String eventId,
    DeadLetter.Info origin,
    int valueBytes,
    String valuePreview,
    String replayedFrom) {

  /** {@code partition@offset}, how {@code opstream dlq replay --offset} names it. */
  public String coordinate() {
    return partition + "@" + offset;
  }
}
