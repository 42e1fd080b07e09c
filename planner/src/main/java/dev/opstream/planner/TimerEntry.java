package dev.opstream.planner;

import dev.opstream.planner.core.PlannedTimer;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.TimerKind;
import java.time.Instant;
import java.util.Locale;

/**
 * A timer in the {@code planner-timers} store, the index the punctuator scans. Its key starts with
 * the due time in milliseconds, zero-padded to 19 digits, so the store's byte order is due order
 * and one range scan finds every due timer.
 *
 * @param app the app the timer belongs to
 * @param kind why it was set
 * @param actionId the action it concerns, null for a drift check
 * @param dueAt when it is due
 */
record TimerEntry(AppKey app, TimerKind kind, String actionId, Instant dueAt) {

  static TimerEntry of(AppKey app, PlannedTimer timer) {
    return new TimerEntry(app, timer.kind(), timer.actionId(), timer.dueAt());
  }

  /** The store key: {@code <due millis, 19 digits>|<app>|<kind>|<actionId or ->}. */
  String key() {
    return dueKeyPrefix(dueAt.toEpochMilli())
        + app
        + "|"
        + kind
        + "|"
        + (actionId == null ? "-" : actionId);
  }

  /** The largest key of a timer due at or before {@code millis}. */
  static String lastKeyDueBy(long millis) {
    return dueKeyPrefix(millis) + "\uffff";
  }

  /** The smallest possible key. */
  static String firstKey() {
    return dueKeyPrefix(0);
  }

  private static String dueKeyPrefix(long millis) {
    return String.format(Locale.ROOT, "%019d|", Math.max(0, millis));
  }
}
