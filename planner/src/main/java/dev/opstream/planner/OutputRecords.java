package dev.opstream.planner;

import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.VersionedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The planner's output records, built with {@link Records#producerRecord} like every stage's, with
 * a {@code ce_id} derived from what the record is (never random), so a replay of the same input
 * writes records with the same ids.
 */
final class OutputRecords {

  private OutputRecords() {}

  /** {@code ce_id} of an action: a name-based UUID of its id, attempt and cause. */
  static String actionEventId(Action action) {
    return nameUuid(
        "action|" + action.actionId() + "|" + action.attempt() + "|" + action.causedBy());
  }

  static String statusEventId(AppKey app, String causedBy) {
    return nameUuid("status|" + app + "|" + causedBy);
  }

  static String timerEventId(TimerFired timer) {
    return nameUuid(
        "timer|"
            + timer.app()
            + "|"
            + timer.timer()
            + "|"
            + timer.actionId()
            + "|"
            + timer.dueAt());
  }

  static Record<Object, Object> action(Action action, Instant now) {
    return record(action.kind().topic(), action.app(), action, now, actionEventId(action));
  }

  static Record<Object, Object> status(AppStatus status, String causedBy, Instant now) {
    return record(
        dev.opstream.topics.Topics.STATUS,
        status.app(),
        status,
        now,
        statusEventId(status.app(), causedBy));
  }

  static Record<Object, Object> timer(TimerFired timer) {
    return record(
        dev.opstream.topics.Topics.TIMERS,
        timer.app(),
        timer,
        timer.firedAt(),
        timerEventId(timer));
  }

  static Record<Object, Object> deadLetter(ProducerRecord<byte[], byte[]> letter, long timestamp) {
    return new Record<>(letter.key(), letter.value(), timestamp, letter.headers());
  }

  private static <V extends VersionedRecord> Record<Object, Object> record(
      Topic<AppKey, V> topic, AppKey key, V value, Instant now, String eventId) {
    ProducerRecord<AppKey, V> produced =
        Records.producerRecord(
            topic, null, key, value, Sources.planner(), Clock.fixed(now, ZoneOffset.UTC), eventId);
    return new Record<>(produced.key(), produced.value(), produced.timestamp(), produced.headers());
  }

  private static String nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
